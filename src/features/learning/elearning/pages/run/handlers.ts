import type { FastifyInstance, FastifyRequest } from "fastify";
import { sendExport } from "../../../../../platform/exports/exports.js";
import { formatDate } from "../../../../../platform/views/render.js";
import { learningPermissions } from "../../../permissions.js";
import type { ElearningService, ReportRow } from "../../elearning.service.js";
import { count, elearningHome, isUuid, received, statusTag, takeNotice, triggerName } from "../shared.js";

type Req = FastifyRequest<{ Params: { elearningRunId: string } }>;

const SHOWN = 500;

const kindNames: Record<ReportRow["kind"], string> = {
  person: "No one matched",
  title: "Title not mapped",
  rejected: "Rejected",
  file: "File not read",
};

/** A completed date as the report shows it: "3 March 2027" once checked, as written when rejected. */
const dateText = (r: ReportRow) =>
  r.kind === "rejected" ? r.completed_on : formatDate(r.completed_on, false);

/** `/learning/elearning/runs/:elearningRunId`: what a file imported, and the rows it did not, with why. */
export async function runRoutes(app: FastifyInstance, opts: { service: ElearningService }): Promise<void> {
  const { service } = opts;
  const permission = learningPermissions.manageRecords;
  const load = (request: Req) =>
    isUuid(request.params.elearningRunId)
      ? service.run(request.tenantContext(), request.params.elearningRunId)
      : undefined;

  app.get<{ Params: { elearningRunId: string } }>(
    `${elearningHome}/runs/:elearningRunId`,
    { config: { permission } },
    async (request, reply) => {
      const run = await load(request);
      if (!run) return reply.code(404).render("errors/404.njk");
      const c = run.counts;
      const failure = run.status === "failed" ? (run.report[0]?.reason ?? "") : null;
      const rows = run.report.filter((r) => r.kind !== "file");
      return reply.render("learning/elearning/pages/run/view.njk", {
        pageTitle: run.status === "failed" ? "The file was not imported" : "E-learning file imported",
        notification: takeNotice(request),
        run: {
          id: run.id,
          filename: run.filename,
          tag: statusTag(run.status),
          how: triggerName(run.trigger),
          received: received(run),
        },
        failure,
        counts:
          run.status === "imported"
            ? {
                rows: count(c.rows),
                imported: count(c.imported),
                alreadyImported: count(c.alreadyImported),
                unmatchedPeople: count(c.unmatchedPeople),
                unmappedTitles: count(c.unmappedTitles),
                rejected: count(c.rejected),
                hasUnmapped: (c.unmappedTitles ?? 0) > 0,
              }
            : null,
        report: rows.slice(0, SHOWN).map((r) => ({
          row: r.row,
          kind: kindNames[r.kind],
          employeeNumber: r.employee_number,
          email: r.email,
          title: r.title,
          completed: dateText(r),
          reason: r.reason,
        })),
        reportMore: rows.length > SHOWN,
        csvHref: `${elearningHome}/runs/${run.id}/unmatched.csv`,
      });
    },
  );

  app.get<{ Params: { elearningRunId: string } }>(
    `${elearningHome}/runs/:elearningRunId/unmatched.csv`,
    { config: { permission } },
    async (request, reply) => {
      const run = await load(request);
      if (!run) return reply.code(404).render("errors/404.njk");
      return sendExport<ReportRow>(
        reply,
        "csv",
        "elearning-not-imported",
        [
          { header: "Row", value: (r) => (r.row ? Number(r.row) : null) },
          { header: "Outcome", value: (r) => kindNames[r.kind] },
          { header: "Employee number", value: (r) => r.employee_number },
          { header: "Email", value: (r) => r.email },
          { header: "Course title", value: (r) => r.title },
          { header: "Completed date", value: (r) => r.completed_on },
          { header: "Reason", value: (r) => r.reason },
        ],
        run.report,
      );
    },
  );
}
