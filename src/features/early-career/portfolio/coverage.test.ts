import { describe, expect, it } from "vitest";
import type { ProgrammeStandard } from "../schema.js";
import { evidenceCoverage } from "./coverage.js";

const standards: ProgrammeStandard[] = [
  { framework: "PCF-ASYE", code: "PCF-1", title: "Professionalism" },
  { framework: "PCF-ASYE", code: "PCF-2", title: "Values and ethics" },
  { framework: "KSS-CFP", code: "KSS-1", title: "Relationships and effective direct work" },
];

describe("evidenceCoverage", () => {
  it("counts the items tagged to each standard and which standards have none", () => {
    const c = evidenceCoverage(standards, {}, [
      { kind: "reflection", standards: ["PCF-1", "KSS-1"] },
      { kind: "observation", standards: ["PCF-1"] },
    ]);
    expect(c.standards.map((s) => [s.code, s.count])).toEqual([
      ["PCF-1", 2],
      ["PCF-2", 0],
      ["KSS-1", 1],
    ]);
    expect(c.standards[2]).toMatchObject({
      framework: "KSS-CFP",
      title: "Relationships and effective direct work",
    });
    expect(c.covered).toBe(2);
    expect(c.total).toBe(3);
    expect(c.complete).toBe(false);
  });

  it("ignores codes that are not the version's standards and counts a repeated code once", () => {
    const c = evidenceCoverage(standards, {}, [{ kind: "other", standards: ["PCF-2", "PCF-2", "OLD-9"] }]);
    expect(c.standards.find((s) => s.code === "PCF-2")?.count).toBe(1);
    expect(c.covered).toBe(1);
  });

  it("checks the minimum evidence by kind, listing only the kinds asked for in the usual order", () => {
    const c = evidenceCoverage(standards, { reflection: 1, observation: 3, feedback_people: 0 }, [
      { kind: "observation", standards: [] },
      { kind: "observation", standards: [] },
      { kind: "reflection", standards: [] },
      { kind: "training", standards: [] },
    ]);
    expect(c.kinds).toEqual([
      { kind: "observation", required: 3, have: 2, met: false },
      { kind: "reflection", required: 1, have: 1, met: true },
    ]);
    expect(c.complete).toBe(false);
  });

  it("is complete when every standard has evidence and every minimum is met", () => {
    const c = evidenceCoverage(standards, { observation: 1 }, [
      { kind: "observation", standards: ["PCF-1", "PCF-2"] },
      { kind: "reflection", standards: ["KSS-1"] },
    ]);
    expect(c.covered).toBe(3);
    expect(c.kinds).toEqual([{ kind: "observation", required: 1, have: 1, met: true }]);
    expect(c.complete).toBe(true);
  });

  it("is not complete for a portfolio with no evidence, and complete when nothing is asked", () => {
    expect(evidenceCoverage(standards, { observation: 3 }, []).complete).toBe(false);
    const empty = evidenceCoverage([], {}, []);
    expect(empty).toEqual({ standards: [], covered: 0, total: 0, kinds: [], complete: true });
  });
});
