import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { cpdPermissions } from "../../../permissions.js";
import type { FeedReport } from "../../registration.service.js";
import type { PageOptions } from "../shared.js";
import { type UploadFormData, uploadForm } from "./schema.js";

const permission = cpdPermissions.manageRegistration;
const url = "/cpd/registration/checks/upload";

/** `/cpd/registration/checks/upload`: register checks from a CSV feed, applied row by row, with a report. */
export async function uploadRoutes(app: FastifyInstance, opts: PageOptions) {
  const form = uploadForm(app.platform.config.uploadMaxBytes);

  function render(
    _request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    report: FeedReport | null,
  ) {
    return reply
      .code(state.errorSummary?.length ? 400 : 200)
      .render("cpd/registration/pages/upload/view.njk", {
        pageTitle: report ? "Register checks uploaded" : "Upload register checks",
        report,
        errors: state.errors,
        errorSummary: state.errorSummary ?? [],
      });
  }

  app.get(url, { config: { permission } }, (request, reply) =>
    render(request, reply, { values: {}, errors: {} }, null),
  );

  app.post(url, { config: { permission, form } }, async (request, reply) => {
    const result = request.formResult as FormResult<UploadFormData>;
    if (!result.ok)
      return render(
        request,
        reply,
        { values: {}, errors: result.errors, errorSummary: result.errorSummary },
        null,
      );
    try {
      const report = await opts.registration.applyFeed(
        request.tenantContext(),
        request.scope(permission),
        result.data.file.data,
      );
      return render(request, reply, { values: {}, errors: {} }, report);
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      return render(request, reply, { values: {}, ...ruleErrorView(err) }, null);
    }
  });
}
