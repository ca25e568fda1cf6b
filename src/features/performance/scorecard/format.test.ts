import { describe, expect, it } from "vitest";
import { measureDefinitions } from "../library/definitions.js";
import {
  belowTargetFirst,
  formatFigure,
  fractionText,
  periodChoices,
  ragCounts,
  ragTag,
  readPeriod,
  targetText,
  trendText,
  valueText,
} from "./format.js";

describe("scorecard formatting", () => {
  it("writes figures by format, hidden and missing values in words", () => {
    expect(formatFigure(78, "percent")).toBe("78.0%");
    expect(formatFigure(15.24, "number")).toBe("15.2");
    expect(formatFigure(4, "count")).toBe("4");
    expect(valueText({ value: 91.25, suppressed: false }, "percent")).toBe("91.3%");
    expect(valueText({ value: null, suppressed: true }, "percent")).toBe("Hidden (small numbers)");
    expect(valueText({ value: null, suppressed: false }, "percent")).toBe("No figure");
    expect(valueText(null, "percent", "No snapshot")).toBe("No snapshot");
  });

  it("writes the numerator and denominator in the measure's words", () => {
    const def = { numerator: "In date", denominator: "People due supervision" };
    expect(fractionText({ numerator: 156, denominator: 200, suppressed: false }, def)).toBe(
      "In date: 156, people due supervision: 200",
    );
    expect(fractionText({ numerator: 3, denominator: 4, suppressed: true }, def)).toBe("");
    // Words in a sentence keep their acronyms: "all social worker FTE", not "fte".
    const fte = measureDefinitions.permanent_social_workers;
    expect(fractionText({ numerator: 255.5, denominator: 309.7, suppressed: false }, fte)).toBe(
      "Employed FTE: 255.5, all social worker FTE: 309.7",
    );
    const nqsw = measureDefinitions.nqsw_caseload;
    expect(fractionText({ numerator: 49, denominator: 4, suppressed: false }, nqsw)).toBe(
      "Children: 49, NQSWs with a caseload: 4",
    );
    expect(
      fractionText(
        { numerator: 6, denominator: null, suppressed: false },
        { numerator: "Students", denominator: "" },
      ),
    ).toBe("Students: 6");
  });

  it("says a target with its direction", () => {
    expect(targetText({ direction: "higher", target: 80 }, "percent")).toBe("at least 80%");
    expect(targetText({ direction: "lower", target: 16 }, "number")).toBe("at most 16");
    expect(targetText({ direction: "higher", target: 4 }, "count")).toBe("at least 4");
    expect(targetText({ direction: "higher", target: 92.5 }, "percent")).toBe("at least 92.5%");
    expect(targetText(null, "percent")).toBe("No target");
  });

  it("gives a RAG as a tag with words, never colour alone", () => {
    expect(ragTag("red")).toEqual({ text: "Red: off target", classes: "govuk-tag--red" });
    expect(ragTag("amber").text).toBe("Amber: near target");
    expect(ragTag(null)).toEqual({ text: "No RAG", classes: "govuk-tag--grey" });
    expect(ragCounts(["green", "red", null, "green", "amber"])).toEqual({
      green: 2,
      amber: 1,
      red: 1,
      none: 1,
    });
  });

  it("writes a trend as short months and figures", () => {
    expect(
      trendText(
        [
          { periodEnd: "2026-06-30", value: 78, suppressed: false },
          { periodEnd: "2026-07-31", value: 79.14, suppressed: false },
          { periodEnd: "2026-08-31", value: null, suppressed: false },
          { periodEnd: "2026-09-30", value: null, suppressed: true },
        ],
        "percent",
      ),
    ).toBe("Jun 78.0, Jul 79.1, Aug none, Sep hidden");
  });

  it("orders the drill-down below target first, furthest below first", () => {
    const unit = (name: string, value: number | null, rag: "red" | "amber" | "green" | null) => ({
      name,
      measure: { value, rag, target: { direction: "higher" as const, target: 90 } },
    });
    const ordered = belowTargetFirst([
      unit("Alpha", 95, "green"),
      unit("Bravo", 85, "amber"),
      unit("Charlie", null, null),
      unit("Delta", 60, "red"),
      unit("Echo", 70, "red"),
      unit("Foxtrot", 88, "amber"),
    ]);
    expect(ordered.map((u) => u.name)).toEqual(["Delta", "Echo", "Bravo", "Foxtrot", "Alpha", "Charlie"]);
    const lower = belowTargetFirst([
      {
        name: "A",
        measure: { value: 18, rag: "red" as const, target: { direction: "lower" as const, target: 16 } },
      },
      {
        name: "B",
        measure: { value: 22, rag: "red" as const, target: { direction: "lower" as const, target: 16 } },
      },
    ]);
    expect(lower.map((u) => u.name)).toEqual(["B", "A"]);
  });

  it("offers this month live and the 12 month ends before it", () => {
    const choices = periodChoices("2026-11-23");
    expect(choices).toHaveLength(13);
    expect(choices[0]).toMatchObject({
      periodEnd: "2026-11-30",
      live: true,
      asAt: "2026-11-23",
      name: "November 2026",
    });
    expect(choices[1]).toMatchObject({ periodEnd: "2026-10-31", live: false, asAt: "2026-10-31" });
    expect(choices[12]?.periodEnd).toBe("2025-11-30");
    expect(readPeriod(undefined, "2026-11-23", "current")?.periodEnd).toBe("2026-11-30");
    expect(readPeriod("", "2026-11-23", "last")?.periodEnd).toBe("2026-10-31");
    expect(readPeriod("2026-02-28", "2026-11-23", "current")?.live).toBe(false);
    expect(readPeriod("2026-02-27", "2026-11-23", "current")).toBeNull();
    expect(readPeriod("2025-10-31", "2026-11-23", "current")).toBeNull();
  });
});
