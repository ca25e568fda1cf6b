import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { peoplePermissions } from "../../../permissions.js";
import type { FeedsService } from "../../feeds.service.js";
import { feedsDirectory, sourceFolder } from "../../folder.js";
import { defaultMapping, feedFields } from "../../mapping.js";
import type { FeedSource } from "../../schema.js";
import { isUuid } from "../forms.js";
import { feedsHome, setNotice } from "../shared.js";
import { type SourceFormData, sourceForm } from "./schema.js";

type Req = FastifyRequest<{ Params: { sourceId: string } }>;

function valuesOf(source: FeedSource | null): Record<string, unknown> {
  const mapping = source ? source.column_mapping : defaultMapping();
  return {
    name: source?.name ?? "HR system",
    full_extract: source ? (source.full_extract ? "yes" : "no") : "yes",
    create_new_people: source ? (source.create_new_people ? "yes" : "no") : "no",
    hr_contact_email: source?.hr_contact_email ?? "",
    folder_name: source?.folder_name ?? "",
    ...Object.fromEntries(feedFields.map((f) => [`map_${f.key}`, mapping[f.key] ?? ""])),
  };
}

/** `/people/feeds/sources/new` and `/people/feeds/sources/:sourceId`: a source's settings and column mapping. */
export async function sourceRoutes(app: FastifyInstance, opts: { service: FeedsService }): Promise<void> {
  const { service } = opts;
  const permission = peoplePermissions.manageFeeds;

  async function render(request: Req, reply: FastifyReply, sourceId: string | null, form: FormState | null) {
    let source: FeedSource | null = null;
    let lastHeaders: string[] = [];
    if (sourceId) {
      const view = await service.sourceView(request.tenantContext(), sourceId);
      if (!view) return reply.code(404).render("errors/404.njk");
      source = view.source;
      lastHeaders = view.lastHeaders;
    }
    const root = feedsDirectory(request.server.platform.config);
    const values = form?.values ?? valuesOf(source);
    return reply.code(form?.errorSummary?.length ? 400 : 200).render("people/feeds/pages/source/view.njk", {
      pageTitle: source ? `Change ${source.name}` : "Add a source",
      isNew: source === null,
      values,
      errors: form?.errors ?? {},
      errorSummary: form?.errorSummary ?? [],
      fields: feedFields.map((f) => ({ key: f.key, label: f.label, required: f.required })),
      lastHeaders: lastHeaders.join(", "),
      folderPath: root ? sourceFolder(root, request.tenant.slug, "<folder name>") : null,
    });
  }

  async function save(request: Req, reply: FastifyReply, sourceId: string | null) {
    const result = request.formResult as FormResult<SourceFormData>;
    if (!result.ok) return render(request, reply, sourceId, result);
    try {
      await service.saveSource(request.tenantContext(), sourceId, result.data);
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      return render(request, reply, sourceId, {
        values: request.body as Record<string, unknown>,
        ...ruleErrorView(err),
      });
    }
    setNotice(request, `${result.data.name} saved`);
    return reply.redirect(feedsHome, 303);
  }

  app.get(`${feedsHome}/sources/new`, { config: { permission, councilWide: true } }, (request, reply) =>
    render(request as Req, reply, null, null),
  );
  app.post(
    `${feedsHome}/sources/new`,
    { config: { permission, councilWide: true, form: sourceForm } },
    (request, reply) => save(request as Req, reply, null),
  );
  app.get<{ Params: { sourceId: string } }>(
    `${feedsHome}/sources/:sourceId`,
    { config: { permission, councilWide: true } },
    (request, reply) =>
      isUuid(request.params.sourceId)
        ? render(request, reply, request.params.sourceId, null)
        : reply.code(404).render("errors/404.njk"),
  );
  app.post<{ Params: { sourceId: string } }>(
    `${feedsHome}/sources/:sourceId`,
    { config: { permission, councilWide: true, form: sourceForm } },
    (request, reply) =>
      isUuid(request.params.sourceId)
        ? save(request, reply, request.params.sourceId)
        : reply.code(404).render("errors/404.njk"),
  );
}
