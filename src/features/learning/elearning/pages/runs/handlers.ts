import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { learningPermissions } from "../../../permissions.js";
import type { ElearningService, Run } from "../../elearning.service.js";
import {
  count,
  elearningHome,
  notImported,
  received,
  setNotice,
  statusTag,
  takeNotice,
  triggerName,
} from "../shared.js";
import { type UploadFormData, uploadForm } from "./schema.js";

/** `/learning/elearning`: the files imported so far and the form to upload the next one. */
export async function runsRoutes(app: FastifyInstance, opts: { service: ElearningService }): Promise<void> {
  const { service } = opts;
  const permission = learningPermissions.manageRecords;
  const form = uploadForm(app.platform.config.uploadMaxBytes);

  async function render(request: FastifyRequest, reply: FastifyReply, state: FormState) {
    const ctx = request.tenantContext();
    const [runs, unmapped] = await Promise.all([service.recentRuns(ctx), service.unmappedTitleCount(ctx)]);
    return reply
      .code(state.errorSummary?.length ? 400 : 200)
      .render("learning/elearning/pages/runs/view.njk", {
        pageTitle: "E-learning completions",
        notification: takeNotice(request),
        errors: state.errors,
        errorSummary: state.errorSummary ?? [],
        unmapped: unmapped > 0 ? count(unmapped) : null,
        unmappedOne: unmapped === 1,
        runs: runs.map((r) => ({
          href: `${elearningHome}/runs/${r.id}`,
          filename: r.filename,
          how: triggerName(r.trigger),
          received: received(r),
          tag: statusTag(r.status),
          imported: r.status === "imported" ? count(r.counts.imported) : "",
          already: r.status === "imported" ? count(r.counts.alreadyImported) : "",
          notImported: r.status === "imported" ? count(notImported(r.counts)) : "",
        })),
      });
  }

  app.get(elearningHome, { config: { permission } }, async (request, reply) => {
    const format = exportFormat((request.query as { format?: unknown }).format);
    if (format) {
      const runs = await service.recentRuns(request.tenantContext(), 10_000);
      return sendExport<Run>(
        reply,
        format,
        "elearning-imports",
        [
          { header: "File", value: (r) => r.filename },
          { header: "How", value: (r) => triggerName(r.trigger) },
          { header: "Received", value: (r) => received(r) },
          { header: "Status", value: (r) => statusTag(r.status).text },
          { header: "Rows", value: (r) => r.counts.rows ?? null },
          { header: "Imported", value: (r) => r.counts.imported ?? null },
          { header: "Already imported", value: (r) => r.counts.alreadyImported ?? null },
          { header: "No one matched", value: (r) => r.counts.unmatchedPeople ?? null },
          { header: "Title not mapped", value: (r) => r.counts.unmappedTitles ?? null },
          { header: "Rejected", value: (r) => r.counts.rejected ?? null },
        ],
        runs,
      );
    }
    return render(request, reply, { values: {}, errors: {} });
  });

  app.post(elearningHome, { config: { permission, form } }, async (request, reply) => {
    const result = request.formResult as FormResult<UploadFormData>;
    if (!result.ok) return render(request, reply, { ...result, values: {} });
    try {
      const { runId, counts } = await service.importFile(request.tenantContext(), {
        filename: result.data.file.filename,
        file: result.data.file.data,
        trigger: "upload",
      });
      setNotice(
        request,
        `File imported: ${count(counts.imported)} new ${counts.imported === 1 ? "record" : "records"}, ${count(notImported(counts))} ${notImported(counts) === 1 ? "row" : "rows"} not imported`,
      );
      return reply.redirect(`${elearningHome}/runs/${runId}`, 303);
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      return render(request, reply, { values: {}, ...ruleErrorView(err) });
    }
  });
}
