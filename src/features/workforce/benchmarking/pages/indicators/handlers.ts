import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { type UploadedFile, uploadedFile } from "../../../../../platform/uploads/uploads.js";
import { workforcePermissions } from "../../../permissions.js";
import { ensurePublishedIndicators, indicatorsSummary, loadIndicators } from "../../indicators.js";

const permission = workforcePermissions.manage;
const url = "/workforce/benchmarking/indicators";

/**
 * `/workforce/benchmarking/indicators`: what of the DfE's published indicators is loaded (years,
 * rows, each load with its refused rows), and a newer published file to upload (same format;
 * row by row: refused rows are listed, the rest kept; the same file again changes nothing).
 */
export async function indicatorsRoutes(app: FastifyInstance) {
  const form = z.object({
    file: uploadedFile({
      extensions: ["csv"],
      typeName: "CSV",
      maxBytes: app.platform.config.uploadMaxBytes,
    }),
  });

  async function render(request: FastifyRequest, reply: FastifyReply, state: Omit<FormState, "values">) {
    const ctx = request.tenantContext();
    await ensurePublishedIndicators(app.platform.data, ctx);
    const summary = await app.platform.data.run(ctx, indicatorsSummary);
    return reply
      .code(state.errorSummary?.length ? 400 : 200)
      .render("workforce/benchmarking/pages/indicators/view.njk", {
        pageTitle: "The DfE's published indicators",
        summary,
        notification: takeNotice(request),
        latest: summary.runs[0] ?? null,
        errors: state.errors,
        errorSummary: state.errorSummary ?? [],
      });
  }

  app.get(url, { config: { permission, councilWide: true } }, (request, reply) =>
    render(request, reply, { errors: {} }),
  );

  app.post(url, { config: { permission, councilWide: true, form } }, async (request, reply) => {
    const result = request.formResult as FormResult<{ file: UploadedFile }>;
    if (!result.ok)
      return render(request, reply, { errors: result.errors, errorSummary: result.errorSummary });
    const ctx = request.tenantContext();
    try {
      const load = await app.platform.data.run(ctx, (db) =>
        loadIndicators(db, {
          filename: result.data.file.filename,
          content: result.data.file.data,
          trigger: "upload",
          createdBy: ctx.actor.id,
        }),
      );
      setNotice(
        request,
        load.sameFile
          ? "This file was loaded before: nothing has changed"
          : `Indicators loaded: ${load.rowsApplied} rows added or changed, ${load.rowsUnchanged} unchanged, ${load.rowsRejected} refused`,
      );
      return reply.redirect(url, 303);
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      return render(request, reply, ruleErrorView(err));
    }
  });
}
