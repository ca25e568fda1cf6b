import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { supervisionPermissions } from "../../../permissions.js";
import type { SupervisionComplianceService } from "../../compliance.service.js";
import {
  notFound,
  PAGE_SIZE,
  pageNumber,
  paginationItems,
  type Query,
  queryString,
  readUnit,
  startReport,
  teamNames,
  unitItems,
} from "../shared.js";

/**
 * `/supervision/span-of-control?unit=&asAt=`: for each line manager the viewer reaches, how many
 * people have an assignment naming them as line manager on the date, against the council's
 * maximum; those over it are flagged. A distribution of managers by their number of reports.
 */
export async function spanOfControlRoutes(
  app: FastifyInstance,
  opts: { compliance: SupervisionComplianceService },
) {
  const { compliance } = opts;
  app.get<{ Querystring: Query }>(
    "/supervision/span-of-control",
    { config: { permission: supervisionPermissions.view } },
    async (request, reply) => {
      const start = startReport(request, reply, "/supervision/span-of-control", compliance.today());
      if (start.answered) return start.answered;
      const { scope, query, asAt, ctx } = start;
      const { visible, all } = await compliance.units(ctx, scope, asAt.asAt);
      const filter = readUnit(query.unit, visible, all);
      if (!filter) return notFound(reply);
      const span = await compliance.spanOfControl(ctx, scope, filter.unitIds, asAt.asAt);
      const names = new Map(all.map((u) => [u.orgUnitId, u.name]));
      const rows = span.rows.map((r) => ({ ...r, team: teamNames(r.unitIds, names) }));

      const format = exportFormat(query.format);
      if (format) {
        type Row = (typeof rows)[number];
        return sendExport(
          reply,
          format,
          `span-of-control-${asAt.asAt}`,
          [
            { header: "Line manager", value: (r: Row) => r.name },
            { header: "Team", value: (r: Row) => r.team },
            { header: "Direct reports", value: (r: Row) => r.directReports },
            { header: "Maximum", value: () => span.maxDirectReports },
            { header: "Over the maximum", value: (r: Row) => (r.over ? "Yes" : "No") },
          ],
          rows,
        );
      }

      const largest = rows.reduce((m, r) => Math.max(m, r.directReports), 0);
      const distribution = Array.from({ length: largest }, (_, i) => i + 1)
        .map((n) => ({ reports: n, managers: rows.filter((r) => r.directReports === n).length }))
        .filter((d) => d.managers > 0);
      const most = distribution.reduce((m, d) => Math.max(m, d.managers), 0);
      const params = { unit: filter.unitId, asAt: asAt.param };
      const page = pageNumber(query.page);
      const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
      if (page > pageCount) return notFound(reply);
      const pagination =
        pageCount > 1
          ? paginationItems(
              page,
              pageCount,
              (n) => `/supervision/span-of-control${queryString({ ...params, page: n })}`,
            )
          : null;
      return reply.render("supervision/compliance/pages/span-of-control/view.njk", {
        pageTitle: "Span of control",
        asAt: asAt.asAt,
        asAtView: asAt,
        errors: asAt.errors,
        errorSummary: asAt.errorSummary,
        unitItems: unitItems(
          visible,
          filter.unitId,
          scope.tenant ? "The whole council" : "Everyone you can see",
        ),
        max: span.maxDirectReports,
        overCount: rows.filter((r) => r.over).length,
        managerCount: rows.length,
        rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
        pagination,
        distribution: distribution.map((d) => ({
          ...d,
          percent: most ? Math.round((100 * d.managers) / most) : 0,
          over: d.reports > span.maxDirectReports,
        })),
        exportBase: `/supervision/span-of-control${queryString(params)}${filter.unitId || asAt.param ? "&" : "?"}`,
      });
    },
  );
}
