import { monthName } from "../../../platform/dates.js";
/**
 * A line chart of the average caseload over time against the target, as SVG coordinates (the
 * template draws them; a table after the chart carries the figures). Pure.
 */
export interface ChartPoint {
  label: string;
  average: number | null;
  target: number | null;
}

export interface LineChart {
  width: number;
  height: number;
  averagePath: string;
  targetPath: string;
  dots: { x: number; y: number }[];
  yTicks: { y: number; label: string }[];
  xLabels: { x: number; label: string }[];
}

/** "Oct 26" for 2026-10-31 (the chart's axis). */
export function shortMonth(date: string): string {
  return `${monthName(Number(date.slice(5, 7)), true)} ${date.slice(2, 4)}`;
}

export function lineChart(points: readonly ChartPoint[]): LineChart | null {
  if (points.length === 0 || points.every((p) => p.average === null)) return null;
  const width = 640;
  const height = 260;
  const left = 40;
  const right = 30; // room for the last label, centred on the last point
  const top = 10;
  const bottom = 40;
  const values = points.flatMap((p) => [p.average, p.target]).filter((v): v is number => v !== null);
  const max = Math.max(5, Math.ceil((Math.max(...values) * 1.15) / 5) * 5);
  const x = (i: number) =>
    points.length === 1
      ? left + (width - left - right) / 2
      : left + (i * (width - left - right)) / (points.length - 1);
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const path = (pick: (p: ChartPoint) => number | null) => {
    let d = "";
    let pen = false;
    points.forEach((p, i) => {
      const v = pick(p);
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
      pen = true;
    });
    return d.trim();
  };
  const step = max / 5;
  return {
    width,
    height,
    averagePath: path((p) => p.average),
    targetPath: path((p) => p.target),
    dots: points.flatMap((p, i) => (p.average === null ? [] : [{ x: x(i), y: y(p.average) }])),
    yTicks: Array.from({ length: 6 }, (_, k) => ({ y: y(k * step), label: String(Math.round(k * step)) })),
    xLabels: points.map((p, i) => ({ x: x(i), label: p.label })),
  };
}
