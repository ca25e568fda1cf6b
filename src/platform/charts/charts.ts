import { scaleBand, scaleLinear, scalePoint } from "d3-scale";
import { curveStep, line } from "d3-shape";

/**
 * Charts drawn on the server as SVG (d3's scales and shapes work out the geometry; the
 * `charts.njk` macros draw it), so they show without JavaScript. Every chart on a page has a
 * table beside it with the same figures: the chart is for looking, the table for reading.
 */

const WIDTH = 640;
const MARGIN = { top: 16, right: 24, bottom: 40, left: 56 };

/** Up to six series, told apart by colour and by marker shape (never by colour alone). */
const PALETTE = ["#1d70b8", "#d4351c", "#00703c", "#6f72af", "#f47738", "#505a5f"] as const;
const MARKERS = ["circle", "square", "triangle", "diamond", "circle", "square"] as const;

export interface LineSeries {
  name: string;
  /** One value per label; null where there is no figure (the line breaks there). */
  values: (number | null)[];
}

export interface Tick {
  value: number;
  label: string;
  /** Position along the axis, in SVG units. */
  at: number;
}

export interface DrawnSeries {
  name: string;
  colour: string;
  marker: (typeof MARKERS)[number];
  path: string;
  points: { x: number; y: number; value: number; label: string }[];
}

export interface LineChartSvg {
  kind: "line";
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  yTicks: Tick[];
  xLabels: { label: string; at: number }[];
  series: DrawnSeries[];
  /**
   * The target as a dashed line: level at `y`, or when it changed over the labels, stepped along
   * `path` (the label sits at `y`, the latest target).
   */
  target: { y: number; label: string; path: string | null } | null;
}

const formatter = (unit: string) => (v: number) => `${Number.isInteger(v) ? v : v.toFixed(1)}${unit}`;

/**
 * A line chart of one or more series over the same labels (months, years). The y axis starts at
 * 0 and ends at a round number above the largest value (or the target, or yMax when given).
 */
export function lineChart(options: {
  labels: string[];
  series: LineSeries[];
  unit?: string;
  /** `values`: the target standing at each label (null where none), drawn stepped when it changed. */
  target?: { value: number; label: string; values?: (number | null)[] } | null;
  yMax?: number;
  height?: number;
}): LineChartSvg {
  const height = options.height ?? 280;
  const unit = options.unit ?? "";
  const plot = {
    left: MARGIN.left,
    right: WIDTH - MARGIN.right,
    top: MARGIN.top,
    bottom: height - MARGIN.bottom,
  };
  const values = options.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const targets = (options.target?.values ?? []).filter((v): v is number => v !== null);
  const top = options.yMax ?? Math.max(1, ...values, options.target?.value ?? 0, ...targets);
  const y = scaleLinear().domain([0, top]).range([plot.bottom, plot.top]).nice(5);
  const x = scalePoint<number>()
    .domain(options.labels.map((_, i) => i))
    .range([plot.left, plot.right])
    .padding(0.3);
  const fmt = formatter(unit);
  const series = options.series.slice(0, PALETTE.length).map((s, i) => {
    const path =
      line<number | null>()
        .defined((v) => v !== null)
        .x((_, j) => round(x(j) ?? plot.left))
        .y((v) => round(y(v ?? 0)))(s.values) ?? "";
    return {
      name: s.name,
      colour: PALETTE[i] as string,
      marker: MARKERS[i] as DrawnSeries["marker"],
      path,
      points: s.values.flatMap((v, j) =>
        v === null ? [] : [{ x: round(x(j) ?? plot.left), y: round(y(v)), value: v, label: fmt(v) }],
      ),
    };
  });
  return {
    kind: "line",
    width: WIDTH,
    height,
    plot,
    yTicks: y.ticks(5).map((v) => ({ value: v, label: fmt(v), at: round(y(v)) })),
    xLabels: thin(options.labels).map(({ label, index }) => ({ label, at: round(x(index) ?? plot.left) })),
    series,
    target: options.target
      ? {
          y: round(y(options.target.value)),
          label: options.target.label,
          path: new Set(targets).size > 1 ? steppedPath(options.target.values ?? [], x, y, plot.left) : null,
        }
      : null,
  };
}

/** A target that changed over time, level between changes and stepping half way between two labels. */
function steppedPath(
  values: (number | null)[],
  x: (i: number) => number | undefined,
  y: (v: number) => number,
  left: number,
): string {
  return (
    line<number | null>()
      .defined((v) => v !== null)
      .curve(curveStep)
      .x((_, j) => round(x(j) ?? left))
      .y((v) => round(y(v ?? 0)))(values) ?? ""
  );
}

export interface Bar {
  label: string;
  /** null: not shown (suppressed, or no figure): the bar is left out and its label says why. */
  value: number | null;
  note?: string;
}

export interface BarChartSvg {
  kind: "bar";
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  ticks: Tick[];
  bars: { label: string; y: number; height: number; width: number; valueLabel: string; colour: string }[];
}

/**
 * A horizontal bar chart, one bar per category (roles, contract types, reasons), each labelled
 * with its value; long labels fit because they sit on their own line above the bar.
 */
export function barChart(options: {
  bars: Bar[];
  unit?: string;
  xMax?: number;
  highlight?: string;
}): BarChartSvg {
  const unit = options.unit ?? "";
  const rowHeight = 40;
  const height = MARGIN.top + options.bars.length * rowHeight + 32;
  const plot = { left: 8, right: WIDTH - 96, top: MARGIN.top, bottom: height - 32 };
  const top = options.xMax ?? Math.max(1, ...options.bars.map((b) => b.value ?? 0));
  const x = scaleLinear().domain([0, top]).range([plot.left, plot.right]).nice(5);
  const band = scaleBand<number>()
    .domain(options.bars.map((_, i) => i))
    .range([plot.top, plot.bottom])
    .paddingInner(0.1);
  const fmt = formatter(unit);
  return {
    kind: "bar",
    width: WIDTH,
    height,
    plot,
    ticks: x.ticks(5).map((v) => ({ value: v, label: fmt(v), at: round(x(v)) })),
    bars: options.bars.map((b, i) => ({
      label: b.label,
      y: round(band(i) ?? 0),
      height: round(band.bandwidth()),
      width: b.value === null ? 0 : Math.max(round(x(b.value) - plot.left), b.value > 0 ? 1 : 0),
      valueLabel: b.value === null ? (b.note ?? "not shown") : fmt(b.value),
      colour: b.label === options.highlight ? (PALETTE[1] as string) : (PALETTE[0] as string),
    })),
  };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** At most 12 x labels: every other (or every third...) one when there are more. */
function thin(labels: string[]): { label: string; index: number }[] {
  const step = Math.ceil(labels.length / 12);
  return labels.map((label, index) => ({ label, index })).filter(({ index }) => index % step === 0);
}
