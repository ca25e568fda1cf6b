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
  ruleText,
  startReport,
  statusNames,
  statusTag,
  teamNames,
  unitItems,
} from "../shared.js";

/**
 * `/supervision/overdue?unit=&asAt=&page=`: the people the viewer reaches who are overdue or due
 * soon on a date, soonest due first: name, team, how often, last held, due date, status and
 * supervisor (the agreement's, else the last record's); filtered by unit, paginated, exported.
 */
export async function overdueRoutes(
  app: FastifyInstance,
  opts: { compliance: SupervisionComplianceService },
) {
  const { compliance } = opts;
  app.get<{ Querystring: Query }>(
    "/supervision/overdue",
    { config: { permission: supervisionPermissions.view } },
    async (request, reply) => {
      const start = startReport(request, reply, "/supervision/overdue", compliance.today());
      if (start.answered) return start.answered;
      const { scope, query, asAt, ctx } = start;
      const { visible, all } = await compliance.units(ctx, scope, asAt.asAt);
      const filter = readUnit(query.unit, visible, all);
      if (!filter) return notFound(reply);
      const rows = await compliance.overdue(ctx, scope, filter.unitIds, asAt.asAt);
      const names = new Map(all.map((u) => [u.orgUnitId, u.name]));
      const view = (supervisors: Map<string, string | null>) => (r: (typeof rows)[number]) => ({
        personId: r.personId,
        name: r.name,
        team: teamNames(r.unitIds, names),
        rule: ruleText(r.rule),
        lastHeldOn: r.lastHeldOn,
        dueOn: r.dueOn,
        status: r.status,
        supervisor: supervisors.get(r.personId) ?? null,
      });

      const format = exportFormat(query.format);
      if (format) {
        const supervisors = await compliance.supervisors(
          ctx,
          rows.map((r) => r.personId),
          asAt.asAt,
        );
        type Row = ReturnType<ReturnType<typeof view>>;
        return sendExport(
          reply,
          format,
          `supervision-overdue-${asAt.asAt}`,
          [
            { header: "Name", value: (r: Row) => r.name },
            { header: "Team", value: (r: Row) => r.team },
            { header: "How often", value: (r: Row) => r.rule },
            { header: "Last held", value: (r: Row) => r.lastHeldOn },
            { header: "Due", value: (r: Row) => r.dueOn },
            { header: "Status", value: (r: Row) => (r.status ? statusNames[r.status] : "") },
            { header: "Supervisor", value: (r: Row) => r.supervisor },
          ],
          rows.map(view(supervisors)),
        );
      }

      const page = pageNumber(query.page);
      const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
      if (page > pageCount) return notFound(reply);
      const params = { unit: filter.unitId, asAt: asAt.param };
      const pagination =
        pageCount > 1
          ? paginationItems(
              page,
              pageCount,
              (n) => `/supervision/overdue${queryString({ ...params, page: n })}`,
            )
          : null;
      const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      const supervisors = await compliance.supervisors(
        ctx,
        shown.map((r) => r.personId),
        asAt.asAt,
      );
      return reply.render("supervision/compliance/pages/overdue/view.njk", {
        pageTitle: "Overdue and due supervision",
        asAt: asAt.asAt,
        asAtView: asAt,
        errors: asAt.errors,
        errorSummary: asAt.errorSummary,
        unitId: filter.unitId ?? "",
        unitItems: unitItems(
          visible,
          filter.unitId,
          scope.tenant ? "The whole council" : "Everyone you can see",
        ),
        total: rows.length,
        overdue: rows.filter((r) => r.status === "overdue").length,
        rows: shown.map(view(supervisors)).map((r) => ({
          ...r,
          href: `/supervision/people/${r.personId}`,
          tag: statusTag(r.status),
        })),
        pagination,
        exportBase: `/supervision/overdue${queryString(params)}${filter.unitId || asAt.param ? "&" : "?"}`,
      });
    },
  );
}
