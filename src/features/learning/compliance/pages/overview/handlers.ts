import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { learningPermissions } from "../../../permissions.js";
import { figureOf, overallFigure, type Tally } from "../../compliance.service.js";
import { figuresUpdating, isUuid, type PageOptions, queryString, viewerScope } from "../shared.js";

/**
 * `/learning/compliance`: for a service or the whole council, the percentage of people compliant
 * with each requirement, and in each team for a requirement chosen (or all together); the
 * download has every requirement for every team.
 */
/** Up to this many units, every one is offered in the choice of unit. */
const MAX_CHOICES = 60;

export async function overviewRoutes(app: FastifyInstance, opts: PageOptions) {
  app.get<{ Querystring: Record<string, unknown> }>(
    "/learning/compliance",
    { config: { permission: learningPermissions.viewRecords } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const scope = viewerScope(request);
      const units = await opts.compliance.unitChoices(ctx, scope);
      const unitParam = typeof request.query.unit === "string" ? request.query.unit : "";
      if (unitParam && (!isUuid(unitParam) || !units.some((u) => u.orgUnitId === unitParam))) {
        return reply.code(404).render("errors/404.njk");
      }
      const unitId = unitParam || null;
      const figures = await opts.compliance.teamFigures(ctx, scope, units, unitId);
      const { byUnit, carers, totals, requirements } = figures;
      const names = new Map(units.map((u) => [u.orgUnitId, u]));
      const order = new Map(units.map((u, i) => [u.orgUnitId, i]));
      const teamRows = [...byUnit.entries()]
        .sort(([a], [b]) => (order.get(a) ?? -1) - (order.get(b) ?? -1))
        .map(([id, cells]) => ({
          name: names.get(id)?.name ?? "Another team",
          href: names.has(id) ? `/learning/compliance/teams/${id}` : null,
          cells,
        }));
      const rows = [
        ...teamRows,
        ...(carers.size > 0 ? [{ name: "Foster carers and other learners", href: null, cells: carers }] : []),
      ];
      const chosen = unitId ? names.get(unitId) : undefined;
      const title = chosen ? `Compliance: ${chosen.name}` : "Compliance";

      const format = exportFormat(request.query.format);
      if (format) {
        const all = [...rows, { name: "All", href: null, cells: totals }];
        return sendExport(
          reply,
          format,
          `compliance${chosen ? `-${chosen.name}` : ""}-${figures.asAt}`,
          [
            { header: "Team", value: (r: (typeof all)[number]) => r.name },
            ...requirements.flatMap((q) => [
              {
                header: `${q.code} % compliant`,
                value: (r: (typeof all)[number]) => figureOf(r.cells.get(q.id))?.percent ?? null,
              },
              {
                header: `${q.code} compliant`,
                value: (r: (typeof all)[number]) => r.cells.get(q.id)?.compliant ?? null,
              },
              {
                header: `${q.code} people`,
                value: (r: (typeof all)[number]) => r.cells.get(q.id)?.total ?? null,
              },
            ]),
          ],
          all,
        );
      }
      // On the page: each requirement's figure for the unit, and each team's figure for the
      // requirement chosen (or for all of them together). The full team-by-requirement grid is
      // the download: forty columns by a service's teams is a spreadsheet, not a page.
      const requirementParam = typeof request.query.requirement === "string" ? request.query.requirement : "";
      const requirement = requirements.find((q) => q.id === requirementParam) ?? null;
      const teamFigure = (cells: Map<string, Tally>) =>
        requirement ? figureOf(cells.get(requirement.id)) : overallFigure(cells);
      return reply.render("learning/compliance/pages/overview/view.njk", {
        pageTitle: title,
        title,
        asAt: figures.asAt,
        updating: figures.fresh ? null : figuresUpdating,
        unitItems: [
          { value: "", text: scope.tenant ? "The whole council" : "Everyone you can see", selected: !unitId },
          // A council's hundreds of teams are reached from the table's links; the choice lists
          // directorates and services (everything when the viewer reaches few units).
          ...units
            .filter((u) => units.length <= MAX_CHOICES || u.depth <= 1 || u.orgUnitId === unitId)
            .map((u) => ({
              value: u.orgUnitId,
              text: `${"– ".repeat(u.depth)}${u.name}`,
              selected: u.orgUnitId === unitId,
            })),
        ],
        requirementItems: [
          { value: "", text: "All requirements together", selected: !requirement },
          ...requirements.map((q) => ({ value: q.id, text: q.title, selected: q.id === requirement?.id })),
        ],
        requirement,
        byRequirement: requirements.map((q) => ({
          title: q.title,
          code: q.code,
          href: `/learning/compliance${queryString({ unit: unitId, requirement: q.id })}`,
          figure: figureOf(totals.get(q.id)),
        })),
        rows: rows.map((r) => ({ name: r.name, href: r.href, figure: teamFigure(r.cells) })),
        total: requirement ? figureOf(totals.get(requirement.id)) : overallFigure(totals),
        exportBase: `/learning/compliance${queryString({ unit: unitId })}${unitId ? "&" : "?"}`,
      });
    },
  );
}
