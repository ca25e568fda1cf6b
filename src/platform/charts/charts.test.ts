import { describe, expect, it } from "vitest";
import { createViewEnvironment } from "../views/render.js";
import { barChart, lineChart } from "./charts.js";

describe("charts", () => {
  it("draws each series over the labels, breaking the line where a figure is missing", () => {
    const chart = lineChart({
      labels: ["2023", "2024", "2025"],
      series: [
        { name: "Us", values: [10, null, 14] },
        { name: "England", values: [12, 13, 11.8] },
      ],
      unit: "%",
    });
    expect(chart.series.map((s) => s.points.length)).toEqual([2, 3]);
    expect(chart.series[0]?.path.match(/M/g)).toHaveLength(2);
    expect(chart.yTicks.at(-1)?.value).toBeGreaterThanOrEqual(14);
    expect(chart.series[1]?.points[2]?.label).toBe("11.8%");
    // Higher values are drawn higher up.
    const [a, , c] = chart.series[1]?.points ?? [];
    expect(c && a && c.y > a.y).toBe(true);
  });

  it("draws a target that changed as a stepped line, and one that did not as a level line", () => {
    const labels = ["Jan", "Feb", "Mar", "Apr"];
    const series = [{ name: "In date", values: [70, 75, 82, 88] }];
    const changed = lineChart({
      labels,
      series,
      yMax: 100,
      target: { value: 90, label: "Target: at least 90%", values: [null, 80, 80, 90] },
    });
    const path = changed.target?.path ?? "";
    const points = [...path.matchAll(/([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const heights = [...new Set(points.map(([, y]) => y))];
    // Starts at February (no target in January), level at 80 then a step up to 90 (the label's).
    expect(heights).toHaveLength(2);
    expect(points[0]?.[1]).toBeGreaterThan(changed.target?.y ?? 0);
    expect(points.at(-1)?.[1]).toBe(changed.target?.y);
    expect(points[0]?.[0]).toBeGreaterThan(changed.plot.left + 100);
    const level = lineChart({ labels, series, target: { value: 90, label: "T", values: [90, 90, 90, 90] } });
    expect(level.target?.path).toBeNull();
  });

  it("sizes bars to their values and says why a bar is not shown", () => {
    const chart = barChart({
      bars: [
        { label: "Permanent", value: 40 },
        { label: "Agency", value: 10 },
        { label: "Secondee", value: null, note: "fewer than 5" },
      ],
    });
    const [perm, agency, hidden] = chart.bars;
    expect(perm && agency && perm.width > agency.width * 3.5).toBe(true);
    expect(hidden).toMatchObject({ width: 0, valueLabel: "fewer than 5" });
  });

  it("renders as an image with a description, through the macros", () => {
    const env = createViewEnvironment({ cache: false });
    const html = env.renderString(
      `{% from "charts.njk" import lineChart, barChart %}{{ lineChart(line, { id: "c1", caption: "Rate", description: "The rate each year" }) }}{{ barChart(bar, { id: "c2", caption: "Count", description: "By kind" }) }}`,
      {
        line: lineChart({ labels: ["2024", "2025"], series: [{ name: "Rate", values: [1, 2] }] }),
        bar: barChart({ bars: [{ label: "Agency", value: 3 }] }),
      },
    );
    expect(html).toContain('role="img" aria-labelledby="c1-desc"');
    expect(html).toContain('<desc id="c1-desc">The rate each year</desc>');
    expect(html).toContain('<desc id="c2-desc">By kind</desc>');
    expect(html).toContain(">Agency</text>");
  });
});
