import type { FastifyInstance, FastifyReply } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../platform/http/notice.js";
import { caseloadPermissions } from "../../permissions.js";
import type { PageOptions } from "../shared.js";
import { type UploadFormData, uploadForm } from "./schema.js";

const permission = caseloadPermissions.manage;
const url = "/caseloads/upload";

/**
 * `/caseloads/upload`: the case management system's caseload file, imported row by row (see
 * CaseloadService.importCsv); then the snapshot's report.
 */
export async function uploadRoutes(app: FastifyInstance, opts: PageOptions) {
  const form = uploadForm(app.platform.config.uploadMaxBytes);

  function render(reply: FastifyReply, state: FormState) {
    return reply.code(state.errorSummary?.length ? 400 : 200).render("caseloads/pages/upload/view.njk", {
      pageTitle: "Upload caseloads",
      values: state.values,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
    });
  }

  app.get(url, { config: { permission } }, (_request, reply) => render(reply, { values: {}, errors: {} }));

  app.post(url, { config: { permission, form } }, async (request, reply) => {
    const result = request.formResult as FormResult<UploadFormData>;
    const values = {
      ...((request.body as Record<string, unknown>) ?? {}),
      file: undefined,
      _csrf: undefined,
    };
    if (!result.ok)
      return render(reply, { values, errors: result.errors, errorSummary: result.errorSummary });
    try {
      const outcome = await opts.caseloads.importCsv(request.tenantContext(), {
        filename: result.data.file.filename,
        content: result.data.file.data,
        trigger: "upload",
        asAt: result.data.as_at,
      });
      setNotice(
        request,
        outcome.unchanged ? "This file was uploaded before: nothing has changed" : "Caseloads uploaded",
      );
      return reply.redirect(`/caseloads/snapshots/${outcome.snapshotId}`, 303);
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      return render(reply, { values, ...ruleErrorView(err) });
    }
  });
}
