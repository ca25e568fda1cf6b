import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { Measure, MeasureKey } from "../measures/formulas.js";
import type { IndicatorColumn } from "../schema.js";
import type { BenchmarkSettings } from "./places.js";

/** The DfE measures the benchmarking page compares, one at a time (?measure=). */
export const benchmarkMeasures = [
  { slug: "turnover", column: "turnover_rate_fte", name: "Turnover rate (FTE)", unit: "percent" },
  { slug: "vacancy", column: "vacancy_rate_fte", name: "Vacancy rate (FTE)", unit: "percent" },
  { slug: "agency-worker", column: "agency_rate_fte", name: "Agency worker rate (FTE)", unit: "percent" },
  { slug: "agency-cover", column: "agency_cover_rate_fte", name: "Agency cover rate (FTE)", unit: "percent" },
  { slug: "caseload", column: "caseload_fte", name: "Average caseload (FTE)", unit: "cases" },
  { slug: "absence", column: "absence_rate_fte", name: "Sickness absence rate", unit: "percent" },
] as const satisfies readonly {
  slug: string;
  column: IndicatorColumn & MeasureKey;
  name: string;
  unit: "percent" | "cases";
}[];
export type BenchmarkMeasure = (typeof benchmarkMeasures)[number];

export const FIRST_YEAR = 2017;

export type SeriesKind = "authority" | "england" | "region" | "comparator";
export type FigureSource = "published" | "computed";

export interface BenchmarkSeries {
  kind: SeriesKind;
  code: string | null;
  name: string;
  /** One figure per year of `years`; null where there is none (suppressed or not collected). */
  values: (number | null)[];
  sources: (FigureSource | null)[];
}

export interface Benchmark {
  measure: BenchmarkMeasure;
  years: number[];
  series: BenchmarkSeries[];
}

/** The authority's computed measures by census year (from the measures area), when there are any. */
export type ComputedMeasures = Map<number, Measure[]>;

/**
 * The measure year by year for the authority, England, its region and its comparators: the
 * published figures, with the authority's own computed ones (from this platform's records) for
 * census years the published file does not have for it.
 */
export async function benchmark(
  db: TenantDb,
  input: {
    measure: BenchmarkMeasure;
    settings: BenchmarkSettings;
    authorityName: string;
    computed: ComputedMeasures;
  },
): Promise<Benchmark> {
  const { measure, settings } = input;
  const column = measure.column;
  const codes = [settings.laCode, settings.regionCode, ...settings.comparatorCodes].filter(
    (c): c is string => c !== null,
  );
  const rows = await db
    .selectFrom("dfe_indicators")
    .select(["time_period", "geographic_level", "area_code", "area_name", column])
    .where((eb) =>
      eb.or([
        eb("geographic_level", "=", "National"),
        ...(codes.length > 0 ? [eb("area_code", "in", codes)] : []),
      ]),
    )
    .where("time_period", ">=", FIRST_YEAR)
    .orderBy("time_period")
    .execute();
  const lastPublished = rows.reduce((max, r) => Math.max(max, r.time_period), FIRST_YEAR);
  const lastComputed = Math.max(FIRST_YEAR, ...input.computed.keys());
  const years = range(FIRST_YEAR, Math.max(lastPublished, lastComputed));
  const at = (level: string, code: string | null) => {
    const mine = rows.filter((r) => r.geographic_level === level && (code === null || r.area_code === code));
    const byYear = new Map(mine.map((r) => [r.time_period, r]));
    return {
      name: mine.at(-1)?.area_name ?? null,
      values: years.map((y) => toNumber(byYear.get(y)?.[column])),
    };
  };
  const published = (level: string, code: string | null) => {
    const s = at(level, code);
    return {
      name: s.name,
      figures: {
        values: s.values,
        sources: s.values.map((v) => (v === null ? null : ("published" as const))),
      },
    };
  };

  const own = settings.laCode ? published("Local authority", settings.laCode) : null;
  const authorityValues = years.map((y, i) => {
    const p = own?.figures.values[i] ?? null;
    if (p !== null) return { value: p, source: "published" as const };
    const c = input.computed.get(y)?.find((m) => m.key === column)?.value ?? null;
    return c === null ? { value: null, source: null } : { value: c, source: "computed" as const };
  });
  const series: BenchmarkSeries[] = [
    {
      kind: "authority",
      code: settings.laCode,
      name: input.authorityName,
      values: authorityValues.map((a) => a.value),
      sources: authorityValues.map((a) => a.source),
    },
  ];
  const england = published("National", null);
  series.push({ kind: "england", code: null, name: england.name ?? "England", ...england.figures });
  if (settings.regionCode) {
    const region = published("Regional", settings.regionCode);
    series.push({
      kind: "region",
      code: settings.regionCode,
      name: region.name ?? settings.regionCode,
      ...region.figures,
    });
  }
  for (const code of settings.comparatorCodes) {
    const c = published("Local authority", code);
    series.push({ kind: "comparator", code, name: c.name ?? code, ...c.figures });
  }
  return { measure, years, series };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** "above England's 11.8%", "the same as England's 11.8%", "below England's 11.8%". */
export function comparedWith(own: number, other: number, whose: string, unit: string): string {
  const figure = `${whose} ${formatFigure(other, unit)}`;
  if (own > other) return `above ${figure}`;
  if (own < other) return `below ${figure}`;
  return `the same as ${figure}`;
}

export function formatFigure(value: number | null, unit: string): string {
  if (value === null) return "no figure";
  const text = Number.isInteger(value) ? value.toFixed(1) : String(value);
  return unit === "percent" ? `${text}%` : text;
}
