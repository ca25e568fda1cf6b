import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { supervisionPermissions } from "../../../permissions.js";
import type { ImportReportRow } from "../../../schema.js";
import { importRow } from "../import/handlers.js";
import { isUuid, notFound, type PageOptions } from "../shared.js";

const outcomeNames: Record<ImportReportRow["outcome"], string> = {
  added: "Added",
  unchanged: "Unchanged",
  rejected: "Rejected",
};

/** How many rows of each kind the page lists (the export has them all). */
const SHOWN = 500;

/** `/supervision/import/:importId`: the row-by-row report of a case supervision import. */
export async function importReportRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Params: { importId: string }; Querystring: Record<string, unknown> }>(
    "/supervision/import/:importId",
    { config: { permission: supervisionPermissions.manage } },
    async (request, reply) => {
      const { importId } = request.params;
      if (!isUuid(importId)) return notFound(reply);
      const found = await opts.records.importReport(request.tenantContext(), importId);
      if (!found) return notFound(reply);
      const report = Array.isArray(found.report) ? found.report : [];
      const format = exportFormat(request.query.format);
      if (format) {
        return sendExport(
          reply,
          format,
          `case-supervision-import-${found.createdAt.toISOString().slice(0, 10)}`,
          [
            { header: "Row", value: (r: ImportReportRow) => r.row },
            { header: "Outcome", value: (r: ImportReportRow) => outcomeNames[r.outcome] },
            { header: "Reason", value: (r: ImportReportRow) => r.message ?? "" },
          ],
          report,
        );
      }
      const rejected = report.filter((r) => r.outcome === "rejected");
      const unchanged = report.filter((r) => r.outcome === "unchanged");
      const fileProblem =
        found.status === "rejected" ? (rejected[0]?.message ?? "The file could not be read") : null;
      return reply.render("supervision/records/pages/import-report/view.njk", {
        pageTitle: `Import of ${found.filename}`,
        notification: takeNotice(request),
        run: importRow(found),
        fileProblem,
        base: `/supervision/import/${found.id}`,
        rejected: rejected.slice(0, SHOWN),
        rejectedMore: Math.max(0, rejected.length - SHOWN),
        unchanged: unchanged.slice(0, SHOWN),
        unchangedMore: Math.max(0, unchanged.length - SHOWN),
      });
    },
  );
}
