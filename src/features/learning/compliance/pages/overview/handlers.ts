import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { learningPermissions } from "../../../permissions.js";
import { figuresUpdating, isUuid, type PageOptions, queryString, viewerScope } from "../shared.js";

interface Cell {
  compliant: number;
  total: number;
}

const percent = (c: Cell | undefined) =>
  c && c.total > 0 ? Math.round((100 * c.compliant) / c.total) : null;

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
      const byUnit = new Map<string | null, Map<string, Cell>>();
      const totals = new Map<string, Cell>();
      const add = (unit: string | null, requirementId: string, c: Cell) => {
        const m = byUnit.get(unit) ?? new Map<string, Cell>();
        m.set(requirementId, c);
        byUnit.set(unit, m);
        const t = totals.get(requirementId) ?? { compliant: 0, total: 0 };
        totals.set(requirementId, { compliant: t.compliant + c.compliant, total: t.total + c.total });
      };
      for (const c of figures.counts) add(c.orgUnitId, c.requirementId, c);
      for (const c of figures.carers) add(null, c.requirementId, c);
      const carers = byUnit.get(null) ?? new Map<string, Cell>();
      const requirements = figures.requirements.filter((r) => totals.has(r.id));
      const names = new Map(units.map((u) => [u.orgUnitId, u]));
      const order = new Map(units.map((u, i) => [u.orgUnitId, i]));
      const teamRows = [...byUnit.keys()]
        .filter((k): k is string => k !== null)
        .sort((a, b) => (order.get(a) ?? -1) - (order.get(b) ?? -1))
        .map((id) => ({
          name: names.get(id)?.name ?? "Another team",
          href: names.has(id) ? `/learning/compliance/teams/${id}` : null,
          cells: byUnit.get(id) ?? new Map<string, Cell>(),
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
                value: (r: (typeof all)[number]) => percent(r.cells.get(q.id)),
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
      const figure = (c: Cell | undefined) => {
        const p = percent(c);
        return p === null || !c ? null : { percent: p, compliant: c.compliant, total: c.total };
      };
      const overall = (cells: Map<string, Cell>) => {
        let compliant = 0;
        let total = 0;
        for (const c of cells.values()) {
          compliant += c.compliant;
          total += c.total;
        }
        return figure({ compliant, total });
      };
      const teamFigure = (cells: Map<string, Cell>) =>
        requirement ? figure(cells.get(requirement.id)) : overall(cells);
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
          figure: figure(totals.get(q.id)),
        })),
        rows: rows.map((r) => ({ name: r.name, href: r.href, figure: teamFigure(r.cells) })),
        total: requirement ? figure(totals.get(requirement.id)) : overall(totals),
        exportBase: `/learning/compliance${queryString({ unit: unitId })}${unitId ? "&" : "?"}`,
      });
    },
  );
}
