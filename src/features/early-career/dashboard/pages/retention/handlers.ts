import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { cellText, SUPPRESSION_NOTE, suppressCount } from "../../../../../platform/privacy/suppression.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import type { DashboardService } from "../../dashboard.service.js";
import { type IntakeRetention, RETENTION_YEARS, retentionPointView } from "../../retention.js";
import type { Bar } from "../shared.js";

const yearsText = (n: number) => `${n} ${n === 1 ? "year" : "years"} after`;
const barColours = ["#1d70b8", "#0b4144", "#6f3d8f"];

/** An intake year's row as the page and the exports read it, small numbers suppressed. */
export function retentionRow(r: IntakeRetention) {
  const completed = suppressCount(r.completed);
  const points = r.after.map((p) => ({ years: p.years, ...retentionPointView(p, r.completed) }));
  return {
    label: r.label,
    completed: cellText(completed),
    points,
    suppressed:
      completed.suppressed || points.some((p) => p.reached?.suppressed || p.stillEmployed?.suppressed),
  };
}

/**
 * `/early-career/retention`: for each intake year, how many completed the programme and how many
 * of them were still employed 1, 2 and 3 years after their outcome ("69 of 71 still with us"),
 * as a chart and a table, with exports. Counts from 1 to 4 are not shown. The co-ordinator's.
 */
export async function retentionRoutes(app: FastifyInstance, opts: { dashboard: DashboardService }) {
  const { dashboard } = opts;
  app.get<{ Querystring: Record<string, unknown> }>(
    "/early-career/retention",
    { config: { permission: earlyCareerPermissions.manage } },
    async (request, reply) => {
      const rows = (await dashboard.retention(request.tenantContext())).map(retentionRow);
      const format = exportFormat(request.query.format);
      if (format) {
        type Row = (typeof rows)[number];
        return sendExport(
          reply,
          format,
          "early-career-retention",
          [
            { header: "Intake year", value: (r: Row) => r.label },
            { header: "Completed", value: (r: Row) => r.completed },
            ...RETENTION_YEARS.map((n, i) => ({
              header: `Still employed ${yearsText(n)}`,
              value: (r: Row) => r.points[i]?.text ?? "",
            })),
          ],
          rows,
        );
      }
      const bars: Bar[] = rows.flatMap((r) =>
        r.points
          .filter((p) => p.percent !== null)
          .map((p, i) => ({
            label: `${r.label}, ${yearsText(p.years)}: ${p.percent}% (${p.text})`,
            percent: p.percent ?? 0,
            colour: barColours[i % barColours.length] as string,
          })),
      );
      return reply.render("early-career/dashboard/pages/retention/view.njk", {
        pageTitle: "Retention of past cohorts",
        rows,
        bars,
        yearHeaders: RETENTION_YEARS.map(yearsText),
        suppressed: rows.some((r) => r.suppressed),
        suppressionNote: SUPPRESSION_NOTE,
        exportBase: "/early-career/retention?",
      });
    },
  );
}
