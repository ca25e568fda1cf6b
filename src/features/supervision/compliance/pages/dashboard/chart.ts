/** A line chart of percentages (0 to 100) over time with a target line, as SVG coordinates. */
export interface LineChart {
  width: number;
  height: number;
  /** Path segments ("M x y L x y ..."), broken where a point is hidden or missing. */
  paths: string[];
  points: { x: number; y: number }[];
  targetY: number;
  gridLines: { y: number; label: string }[];
  xLabels: { x: number; label: string }[];
}

const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 48;
const RIGHT = 40; // room for the last month's label, centred on the last point
const TOP = 16;
const BOTTOM = 40;

export function lineChart(values: { label: string; value: number | null }[], target: number): LineChart {
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const step = values.length > 1 ? plotW / (values.length - 1) : 0;
  const y = (v: number) => Math.round((TOP + ((100 - v) / 100) * plotH) * 10) / 10;
  const x = (i: number) => Math.round((LEFT + i * step) * 10) / 10;
  const paths: string[] = [];
  const points: { x: number; y: number }[] = [];
  let segment: string[] = [];
  values.forEach((v, i) => {
    if (v.value === null) {
      if (segment.length > 1) paths.push(segment.join(" "));
      segment = [];
      return;
    }
    segment.push(`${segment.length === 0 ? "M" : "L"} ${x(i)} ${y(v.value)}`);
    points.push({ x: x(i), y: y(v.value) });
  });
  if (segment.length > 1) paths.push(segment.join(" "));
  return {
    width: WIDTH,
    height: HEIGHT,
    paths,
    points,
    targetY: y(Math.max(0, Math.min(100, target))),
    gridLines: [0, 25, 50, 75, 100].map((g) => ({ y: y(g), label: `${g}%` })),
    xLabels: values.map((v, i) => ({ x: x(i), label: (values.length - 1 - i) % 2 === 0 ? v.label : "" })),
  };
}
