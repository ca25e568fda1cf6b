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
