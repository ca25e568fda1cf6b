import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { peoplePermissions } from "../../../permissions.js";
import type { FeedsService } from "../../feeds.service.js";
import { feedsHome } from "../shared.js";
import { type UploadFormData, uploadForm } from "./schema.js";

/** `/people/feeds/upload`: upload a CSV file from the HR system; it is checked, then previewed. */
export async function uploadRoutes(app: FastifyInstance, opts: { service: FeedsService }): Promise<void> {
  const { service } = opts;
  const permission = peoplePermissions.manageFeeds;
  const form = uploadForm(app.platform.config.uploadMaxBytes);

  async function render(request: FastifyRequest, reply: FastifyReply, state: FormState) {
    const sources = await service.listSources(request.tenantContext());
    if (sources.length === 0) return reply.redirect(`${feedsHome}/sources/new`, 303);
    const selected =
      typeof state.values.source === "string"
        ? state.values.source
        : sources.length === 1
          ? sources[0]?.id
          : "";
    return reply.code(state.errorSummary?.length ? 400 : 200).render("people/feeds/pages/upload/view.njk", {
      pageTitle: "Upload a file from the HR system",
      sourceItems: sources.map((s) => ({
        value: s.id,
        text: s.name,
        hint: { text: s.full_extract ? "Full extract" : "Changes only" },
        checked: s.id === selected,
      })),
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
    });
  }

  app.get(`${feedsHome}/upload`, { config: { permission, councilWide: true } }, (request, reply) =>
    render(request, reply, { values: {}, errors: {} }),
  );

  app.post(
    `${feedsHome}/upload`,
    { config: { permission, councilWide: true, form } },
    async (request, reply) => {
      const result = request.formResult as FormResult<UploadFormData>;
      if (!result.ok) return render(request, reply, { ...result, values: { source: result.values.source } });
      try {
        const runId = await service.upload(
          request.tenantContext(),
          result.data.source,
          result.data.file.filename,
          result.data.file.data,
        );
        return reply.redirect(`${feedsHome}/runs/${runId}`, 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, { values: { source: result.data.source }, ...ruleErrorView(err) });
      }
    },
  );
}
