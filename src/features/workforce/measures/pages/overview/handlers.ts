import type { FastifyInstance } from "fastify";
import { lineChart } from "../../../../../platform/charts/charts.js";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { queryString } from "../../../../../platform/http/query-string.js";
import { THRESHOLD } from "../../../../../platform/privacy/suppression.js";
import { chooseUnit } from "../../../../people/unit-choice.js";
import { workforcePermissions } from "../../../permissions.js";
import { censusYearOf, type Measure } from "../../formulas.js";
import type { MeasuresService } from "../../measures.service.js";

type Query = Record<string, unknown>;

const percentKeys = [
  "turnover_rate_fte",
  "vacancy_rate_fte",
  "agency_rate_fte",
  "agency_cover_rate_fte",
  "absence_rate_fte",
] as const;

const figureText = (m: Measure | undefined, hidden: boolean): string => {
  if (!m) return "";
  if (hidden) return "Hidden (fewer than 5 social workers)";
  if (m.value === null) return "No figure";
  return m.unit === "percent" ? `${m.value}%` : `${m.value}`;
};

/**
 * `/workforce/measures?unit=&year=`: the DfE's measures for a census year (1 October to 30
 * September) for the authority or a unit the viewer reaches, each with its formula and inputs;
 * the last three census years side by side (a chart and the same figures as a table, CSV or
 * Excel); the stability figure when one is recorded. Figures for fewer than 5 social workers are
 * hidden.
 */
export async function overviewRoutes(app: FastifyInstance, opts: { measures: MeasuresService }) {
  const { measures } = opts;
  app.get<{ Querystring: Query }>(
    "/workforce/measures",
    { config: { permission: workforcePermissions.view } },
    async (request, reply) => {
      const scope = request.scope(workforcePermissions.view);
      const ctx = request.tenantContext();
      const today = app.people.today();
      const latest = censusYearOf(today) - 1;
      const years = Array.from({ length: 6 }, (_, i) => latest - i);
      const yearParam = typeof request.query.year === "string" ? request.query.year : "";
      const year = yearParam === "" ? latest : Number(yearParam);
      if (!years.includes(year)) return reply.code(404).render("errors/404.njk");

      const choice = await chooseUnit(app, ctx, scope, request.query.unit, { fallback: "unit" });
      if (!choice) return reply.code(404).render("errors/404.njk");
      const { unitId, name: unitName } = choice;
      if (!scope.tenant && unitId === null) {
        return reply.render("workforce/measures/pages/overview/view.njk", {
          pageTitle: "DfE measures",
          noUnits: true,
        });
      }

      const shown = [year - 2, year - 1, year];
      const results = await Promise.all(shown.map((y) => measures.measuresFor(ctx, { year: y, unitId })));
      const hiddenFor = results.map(
        (r) => r.components.inpostHeadcount + r.components.agencyHeadcount < THRESHOLD,
      );
      const current = results[2] as (typeof results)[number];
      const hidden = hiddenFor[2] as boolean;
      const stability = await measures.stability(ctx, year, unitId);

      const format = exportFormat(request.query.format);
      if (format) {
        const rows = results.flatMap((r, i) =>
          r.measures.map((m) => ({ year: shown[i], m, hidden: hiddenFor[i] as boolean })),
        );
        type Row = (typeof rows)[number];
        return sendExport(
          reply,
          format,
          `dfe-measures-${unitName}-${year}`,
          [
            { header: "Unit", value: () => unitName },
            { header: "Census year", value: (r: Row) => r.year },
            { header: "Measure", value: (r: Row) => r.m.name },
            { header: "Figure", value: (r: Row) => (r.hidden ? "hidden" : r.m.value) },
            { header: "Formula", value: (r: Row) => r.m.formula },
            {
              header: "Inputs",
              value: (r: Row) =>
                r.hidden ? "hidden" : r.m.inputs.map((x) => `${x.label} ${x.value}`).join("; "),
            },
          ],
          rows,
        );
      }

      const byKey = (i: number) => new Map((results[i]?.measures ?? []).map((m) => [m.key, m]));
      const maps = shown.map((_, i) => byKey(i));
      const chart = lineChart({
        labels: shown.map((y) => `${y}`),
        unit: "%",
        series: percentKeys.map((key) => ({
          name: maps[2]?.get(key)?.name ?? key,
          values: maps.map((m, i) => (hiddenFor[i] ? null : (m.get(key)?.value ?? null))),
        })),
      });
      const base = (u: string | null, y: number) =>
        `/workforce/measures${queryString({ unit: u, year: `${y}` })}`;
      const stabilityView = stability
        ? stability.children < THRESHOLD
          ? { text: "Hidden (fewer than 5 children)", children: null, threePlus: null }
          : {
              text: `${Math.round((stability.childrenThreePlus / stability.children) * 1000) / 10}%`,
              children: stability.children,
              threePlus: stability.childrenThreePlus,
            }
        : null;
      return reply.render("workforce/measures/pages/overview/view.njk", {
        pageTitle: `DfE measures ${year}: ${unitName}`,
        unitName,
        year,
        referenceDate: current.dataset.referenceDate,
        workingDays: current.workingDays,
        hidden,
        unitItems: choice.items,
        yearItems: years.map((y) => ({
          value: `${y}`,
          text: `${y} (year to 30 September ${y})`,
          selected: y === year,
        })),
        measures: current.measures.map((m) => ({
          name: m.name,
          figure: figureText(m, hidden),
          formula: m.formula,
          inputs: hidden ? [] : m.inputs,
        })),
        years: shown,
        comparison: current.measures.map((m) => ({
          name: m.name,
          figures: maps.map((map, i) => figureText(map.get(m.key), hiddenFor[i] as boolean)),
        })),
        chart,
        stability: stabilityView,
        previous: years.includes(year - 1) ? base(unitId, year - 1) : null,
        exportBase: `${base(unitId, year)}&`,
      });
    },
  );
}
