import type { FastifyInstance } from "fastify";
import { lineChart } from "../../../../../platform/charts/charts.js";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { canCouncilWide } from "../../../../../platform/http/request-helpers.js";
import { workforcePermissions } from "../../../permissions.js";
import {
  type BenchmarkMeasure,
  type BenchmarkSeries,
  benchmark,
  benchmarkMeasures,
  comparedWith,
  formatFigure,
} from "../../benchmark.js";
import { computedMeasures } from "../../computed.js";
import { ensurePublishedIndicators } from "../../indicators.js";
import { benchmarkSettings } from "../../places.js";

const permission = workforcePermissions.view;
const url = "/workforce/benchmarking";
/** The chart has room for six lines: the authority, England, the region and three comparators. */
const CHART_COMPARATORS = 3;

const kindLabel: Record<BenchmarkSeries["kind"], string> = {
  authority: "Your authority",
  england: "England",
  region: "Region",
  comparator: "Comparator",
};

/** Where the authority sits in the latest year it has a figure, beside England and its region. */
function headline(series: BenchmarkSeries[], years: number[], measure: BenchmarkMeasure): string | null {
  const own = series.find((s) => s.kind === "authority");
  if (!own) return null;
  const i = own.values.findLastIndex((v) => v !== null);
  const value = own.values[i];
  if (i < 0 || value === null || value === undefined) return null;
  const others = series
    .filter((s) => s.kind === "england" || s.kind === "region")
    .flatMap((s) => {
      const v = s.values[i];
      return v === null || v === undefined ? [] : [comparedWith(value, v, `${s.name}'s`, measure.unit)];
    });
  const source = own.sources[i] === "computed" ? " (from this platform's records)" : "";
  const sentence = `In ${years[i]}, ${own.name}'s ${measure.name.charAt(0).toLowerCase()}${measure.name.slice(1)} was ${formatFigure(value, measure.unit)}${source}`;
  return others.length > 0 ? `${sentence}: ${others.join(" and ")}.` : `${sentence}.`;
}

/**
 * `/workforce/benchmarking?measure=`: one of the DfE's measures year by year from 2017 for the
 * authority, England, its region and its comparators: a line chart (the authority, England, the
 * region and the first three comparators) and a table of every series and year, as CSV or Excel.
 * The authority's figures are the published ones where its settings name it in the DfE's files,
 * else (and for later census years) those worked out from this platform's records.
 */
export async function benchmarkRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { measure?: string; format?: string } }>(
    url,
    { config: { permission } },
    async (request, reply) => {
      const slug = request.query.measure || "turnover";
      const measure = benchmarkMeasures.find((m) => m.slug === slug);
      if (!measure) return reply.code(404).render("errors/404.njk");
      const ctx = request.tenantContext();
      await ensurePublishedIndicators(app.platform.data, ctx);
      const settings = await app.platform.data.run(ctx, benchmarkSettings);
      const computed = await computedMeasures(app, ctx, settings);
      const authorityName = request.tenant.name;
      const result = await app.platform.data.run(ctx, (db) =>
        benchmark(db, { measure, settings, authorityName, computed }),
      );
      const { years, series } = result;

      const format = exportFormat(request.query.format);
      if (format) {
        const rows = series.flatMap((s) =>
          years.map((year, i) => ({ s, year, value: s.values[i] ?? null, source: s.sources[i] ?? null })),
        );
        type Row = (typeof rows)[number];
        return sendExport(
          reply,
          format,
          `benchmarking-${measure.slug}`,
          [
            { header: "Series", value: (r: Row) => r.s.name },
            { header: "Kind", value: (r: Row) => kindLabel[r.s.kind] },
            { header: "Area code", value: (r: Row) => r.s.code },
            { header: "Year", value: (r: Row) => r.year },
            { header: measure.name, value: (r: Row) => r.value },
            {
              header: "Source",
              value: (r: Row) =>
                r.source === "computed"
                  ? "From this platform's records"
                  : r.source === "published"
                    ? "Published by the DfE"
                    : "No figure",
            },
          ],
          rows,
        );
      }

      const charted = [
        ...series.filter((s) => s.kind !== "comparator"),
        ...series.filter((s) => s.kind === "comparator").slice(0, CHART_COMPARATORS),
      ];
      const unit = measure.unit === "percent" ? "%" : "";
      return reply.render("workforce/benchmarking/pages/benchmark/view.njk", {
        pageTitle: `Benchmarking: ${measure.name}`,
        measure,
        measures: benchmarkMeasures.map((m) => ({
          text: m.name,
          href: `${url}?measure=${m.slug}`,
          current: m.slug === measure.slug,
        })),
        years,
        rows: series.map((s) => ({
          ...s,
          kindLabel: kindLabel[s.kind],
          cells: s.values.map((v, i) => ({
            text: formatFigure(v, measure.unit),
            computed: s.sources[i] === "computed",
            missing: v === null,
          })),
        })),
        anyComputed: series.some((s) => s.sources.includes("computed")),
        chart: lineChart({
          labels: years.map(String),
          series: charted.map((s) => ({ name: s.name, values: s.values })),
          unit,
        }),
        chartNames: charted.map((s) => s.name),
        headline: headline(series, years, measure),
        settings,
        canManage: canCouncilWide(app, request, workforcePermissions.manage),
        exportBase: `${url}?measure=${measure.slug}&`,
      });
    },
  );
}
