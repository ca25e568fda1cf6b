import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { paginationItems } from "../../../../../platform/http/pagination.js";
import { learningPermissions } from "../../../permissions.js";
import { statusNames } from "../../compliance.service.js";
import { figuresUpdating, isUuid, type PageOptions, pageNumber, viewerScope } from "../shared.js";
import { rowCellsHtml } from "./matrix-cells.js";

export const MATRIX_PAGE_SIZE = 50;

/** `/learning/compliance/teams/:unitId`: the people-by-requirement matrix, 50 people a page. */
export async function teamRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Params: { unitId: string }; Querystring: Record<string, unknown> }>(
    "/learning/compliance/teams/:unitId",
    { config: { permission: learningPermissions.viewRecords } },
    async (request, reply) => {
      const { unitId } = request.params;
      const ctx = request.tenantContext();
      const scope = viewerScope(request);
      const units = isUuid(unitId) ? await opts.compliance.unitChoices(ctx, scope) : [];
      const unit = units.find((u) => u.orgUnitId === unitId);
      if (!unit) return reply.code(404).render("errors/404.njk");
      const format = exportFormat(request.query.format);
      const page = format ? 1 : pageNumber(request.query.page);
      const pageSize = format ? 100_000 : MATRIX_PAGE_SIZE;
      const m = await opts.compliance.matrix(ctx, scope, units, unitId, page, pageSize);
      const requirements = m.requirements;
      const unitNames = new Map(units.map((u) => [u.orgUnitId, u.name]));
      if (format) {
        return sendExport(
          reply,
          format,
          `compliance-${unit.name}-${m.asAt}`,
          [
            { header: "Name", value: (p: (typeof m.people)[number]) => p.name },
            { header: "Team", value: (p) => (p.orgUnitId ? (unitNames.get(p.orgUnitId) ?? null) : null) },
            ...requirements.flatMap((r, i) => [
              {
                header: `${r.code} status`,
                value: (p: (typeof m.people)[number]) => {
                  const c = p.cells[i];
                  return c ? statusNames[c.status] : "Does not apply";
                },
              },
              {
                header: `${r.code} due`,
                value: (p: (typeof m.people)[number]) => p.cells[i]?.dueOn ?? null,
              },
            ]),
          ],
          m.people,
        );
      }
      const pageCount = Math.max(1, Math.ceil(m.total / MATRIX_PAGE_SIZE));
      if (page > pageCount) return reply.code(404).render("errors/404.njk");
      const href = (p: number) => `/learning/compliance/teams/${unitId}${p > 1 ? `?page=${p}` : ""}`;
      return reply.render("learning/compliance/pages/team/view.njk", {
        pageTitle:
          pageCount > 1
            ? `${unit.name}: compliance (page ${page} of ${pageCount})`
            : `${unit.name}: compliance`,
        unit,
        asAt: m.asAt,
        total: m.total,
        updating: m.fresh ? null : figuresUpdating,
        requirements,
        showTeam: units.some((u) => u.parentId === unitId),
        people: m.people.map((p) => ({
          name: p.name,
          href: `/learning/people/${p.personId}`,
          team: p.orgUnitId ? (unitNames.get(p.orgUnitId) ?? "") : "",
          cellsHtml: rowCellsHtml(p.cells),
        })),
        pagination: pageCount > 1 ? paginationItems(page, pageCount, href) : null,
        backHref: `/learning/compliance?unit=${unitId}`,
        exportBase: `/learning/compliance/teams/${unitId}?`,
      });
    },
  );
}
