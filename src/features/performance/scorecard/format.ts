import type { IsoDate } from "../../../platform/dates.js";
import { inSentence, type MeasureDefinition, type MeasureFormat } from "../library/definitions.js";
import { monthEnd, monthEnds, periodName } from "../library/periods.js";
import { ragNames, ragTagClass } from "../library/rag.js";
import type { Direction, Rag } from "../schema.js";

/**
 * How the scorecard, measure pages and board report write figures, targets, RAG and trends: pure
 * functions of plain data, so the pages and the board pack say the same thing.
 */

/** 78.0% for a percent, 15.2 for a number, 4 for a count. */
export function formatFigure(value: number, format: MeasureFormat, withUnit = true): string {
  if (format === "count") return `${Math.round(value)}`;
  const text = value.toFixed(1);
  return format === "percent" && withUnit ? `${text}%` : text;
}

/** Held back: it counts 1 to 4 people, or shown beside such a figure it would give it away. */
export const HIDDEN_TEXT = "Hidden (small numbers)";

/** A measure's value in words: the figure, "Hidden (small numbers)" or "No figure". */
export function valueText(
  m: { value: number | null; suppressed: boolean } | null,
  format: MeasureFormat,
  noValue = "No figure",
): string {
  if (!m) return noValue;
  if (m.suppressed) return HIDDEN_TEXT;
  if (m.value === null) return noValue;
  return formatFigure(m.value, format);
}

/** "In date: 156, people due supervision: 200" (the numerator and denominator in their words); "" without them. */
export function fractionText(
  m: { numerator: number | null; denominator: number | null; suppressed: boolean } | null,
  def: Pick<MeasureDefinition, "numerator" | "denominator">,
): string {
  if (!m || m.suppressed || m.numerator === null) return "";
  const top = `${def.numerator}: ${round1(m.numerator)}`;
  if (m.denominator === null || def.denominator === "") return top;
  return `${top}, ${inSentence(def.denominator)}: ${round1(m.denominator)}`;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** "at least 80%" (higher is better) or "at most 16" (lower is better). */
export function targetText(
  target: { direction: Direction; target: number } | null,
  format: MeasureFormat,
): string {
  if (!target) return "No target";
  const t = target.target;
  const figure = Number.isInteger(t) ? `${t}${format === "percent" ? "%" : ""}` : formatFigure(t, format);
  return `${target.direction === "higher" ? "at least" : "at most"} ${figure}`;
}

/** A RAG as a GOV.UK tag: its words ("Red: off target") and colour, never the colour alone. */
export function ragTag(rag: Rag | null): { text: string; classes: string } {
  if (!rag) return { text: "No RAG", classes: "govuk-tag--grey" };
  return { text: ragNames[rag], classes: ragTagClass[rag] };
}

/** The RAG's short word for spreadsheets and counts. */
export function ragWord(rag: Rag | null): string {
  return rag ? rag[0]?.toUpperCase() + rag.slice(1) : "";
}

const SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-06-30" as "Jun"; with the year ("Jun 2026") when asked. */
export function shortMonth(periodEnd: IsoDate, withYear = false): string {
  const [y, m] = periodEnd.split("-").map(Number) as [number, number];
  const name = SHORT[m - 1] ?? "";
  return withYear ? `${name} ${y}` : name;
}

export interface TrendPoint {
  periodEnd: IsoDate;
  value: number | null;
  suppressed: boolean;
}

/** "Jun 78.0, Jul 79.1, Aug none": the months' figures in words (percent without the sign). */
export function trendText(points: readonly TrendPoint[], format: MeasureFormat): string {
  return points
    .map((p) => {
      const figure = p.suppressed
        ? "hidden"
        : p.value === null
          ? "none"
          : formatFigure(p.value, format, false);
      return `${shortMonth(p.periodEnd)} ${figure}`;
    })
    .join(", ");
}

/** How many measures are green, amber, red, and without a RAG. */
export function ragCounts(rags: ReadonlyArray<Rag | null>): Record<Rag | "none", number> {
  const counts = { green: 0, amber: 0, red: 0, none: 0 };
  for (const r of rags) counts[r ?? "none"]++;
  return counts;
}

/** How far a value falls short of its target (positive: below it), for ordering. */
export function shortfall(value: number | null, target: { direction: Direction; target: number } | null) {
  if (value === null || !target) return Number.NEGATIVE_INFINITY;
  return target.direction === "higher" ? target.target - value : value - target.target;
}

const RAG_ORDER: Record<Rag | "none", number> = { red: 0, amber: 1, green: 2, none: 3 };

/**
 * The drill-down's order: units below target first (red, then amber), the furthest below first;
 * then those meeting it; then those with no RAG (no figure, hidden or no target); by name within.
 */
export function belowTargetFirst<
  T extends {
    name: string;
    measure: {
      value: number | null;
      rag: Rag | null;
      target: { direction: Direction; target: number } | null;
    };
  },
>(units: readonly T[]): T[] {
  return [...units].sort((a, b) => {
    const byRag = RAG_ORDER[a.measure.rag ?? "none"] - RAG_ORDER[b.measure.rag ?? "none"];
    if (byRag !== 0) return byRag;
    const byGap = shortfall(b.measure.value, b.measure.target) - shortfall(a.measure.value, a.measure.target);
    if (byGap !== 0 && Number.isFinite(byGap)) return byGap;
    return a.name.localeCompare(b.name, "en-GB");
  });
}

/** A period the pages may show: the current month (live) or one of the last 12 month ends (snapshots). */
export interface Period {
  periodEnd: IsoDate;
  /** The current month, worked out live: provisional until the month's snapshot is taken. */
  live: boolean;
  /** The date figures are as at: today for the current month, else the month's last day. */
  asAt: IsoDate;
  name: string;
}

/** The current month and the 12 month ends before it, newest first. */
export function periodChoices(today: IsoDate): Period[] {
  const current = monthEnd(today);
  const past = monthEnds(current, 13).slice(0, 12).reverse();
  return [
    { periodEnd: current, live: true, asAt: today, name: periodName(current) },
    ...past.map((p) => ({ periodEnd: p, live: false, asAt: p, name: periodName(p) })),
  ];
}

/** The period `?period=` names (blank: `fallback`), or null when it is not one of the choices. */
export function readPeriod(value: unknown, today: IsoDate, fallback: "current" | "last"): Period | null {
  const choices = periodChoices(today);
  if (value === undefined || value === "") return (fallback === "current" ? choices[0] : choices[1]) ?? null;
  return choices.find((c) => c.periodEnd === value) ?? null;
}

/** The months of a trend ending with the period (oldest first): snapshots, and the live month last. */
export function trendPeriods(period: Period, count: number): IsoDate[] {
  return monthEnds(period.periodEnd, count);
}
