import { describe, expect, it } from "vitest";
import {
  contentProblems,
  milestoneLines,
  parseMilestoneLines,
  parseRhythmLines,
  parseStandardLines,
  rhythmLines,
  standardLines,
} from "./definition.js";
import { earlyCareerStandards, kssPractitionerStandards, pcfAsyeStandards } from "./reference.js";
import { shippedAsye, shippedEcdp, shippedProgrammes } from "./shipped.js";

describe("programme definitions", () => {
  it("ships two valid templates", () => {
    expect(shippedProgrammes.map((p) => p.code)).toEqual(["ASYE", "ECDP"]);
    for (const p of shippedProgrammes) expect(contentProblems(p), p.code).toEqual([]);
  });

  it("shapes the ASYE as the glossary describes it", () => {
    expect(shippedAsye.lengthMonths).toBe(12);
    expect(shippedAsye.maxMonths).toBe(24);
    expect(shippedAsye.milestones.map((m) => [m.code, m.kind, m.at, m.optional ?? false])).toEqual([
      ["AGREE", "agreement", { weeks: 4 }, false],
      ["R3", "review", { months: 3 }, false],
      ["R6", "review", { months: 6 }, false],
      ["R9", "review", { months: 9 }, true],
      ["PORTFOLIO", "portfolio", { months: 11 }, false],
      ["FINAL", "final_review", { months: 12 }, false],
      ["PANEL", "panel", { months: 13 }, false],
    ]);
    expect(shippedAsye.standards).toHaveLength(19);
    expect(shippedAsye.minEvidence).toEqual({
      observation: 3,
      reflection: 1,
      feedback_people: 1,
      feedback_professional: 1,
    });
    expect(rhythmLines(shippedAsye.supervisionRhythm)).toBe(
      "every 1 week until 6 weeks\nevery 2 weeks until 6 months\nevery 1 month",
    );
    expect([shippedAsye.protectedCaseloadPercent, shippedAsye.protectedTimePercent]).toEqual([90, 10]);
  });

  it("shapes the two-year programme with its own milestones and the early career standards", () => {
    expect([shippedEcdp.lengthMonths, shippedEcdp.maxMonths]).toEqual([24, 30]);
    expect(shippedEcdp.milestones.filter((m) => m.kind === "review").map((m) => m.at)).toEqual([
      { months: 3 },
      { months: 6 },
      { months: 12 },
      { months: 18 },
    ]);
    expect(shippedEcdp.standards).toEqual(earlyCareerStandards);
  });

  it("reuses the app's PCF and KSS wording", () => {
    expect(pcfAsyeStandards).toHaveLength(9);
    expect(pcfAsyeStandards[5]).toEqual({
      framework: "PCF-ASYE",
      code: "PCF-6",
      title: "Critical reflection and analysis",
    });
    expect(kssPractitionerStandards).toHaveLength(10);
    expect(kssPractitionerStandards[0]?.title).toBe("Relationships and effective direct work");
    expect(kssPractitionerStandards[9]?.title).toBe("Organisational context");
  });

  it("writes and reads back its one-line-each formats", () => {
    const ms = parseMilestoneLines(milestoneLines(shippedAsye.milestones));
    expect(ms).toEqual({ ok: true, value: shippedAsye.milestones });
    const ss = parseStandardLines(standardLines(shippedAsye.standards));
    expect(ss).toEqual({ ok: true, value: shippedAsye.standards });
    const rs = parseRhythmLines(rhythmLines(shippedAsye.supervisionRhythm));
    expect(rs).toEqual({ ok: true, value: shippedAsye.supervisionRhythm });
    expect(parseMilestoneLines("r3 | 3-month review | Final review | 1 month\n\n")).toEqual({
      ok: true,
      value: [{ code: "R3", name: "3-month review", kind: "final_review", at: { months: 1 } }],
    });
  });

  it("names the bad line", () => {
    expect(
      parseMilestoneLines("R3 | 3-month review | review | 3 months\nR6 | 6-month review | review | soon"),
    ).toEqual({
      ok: false,
      problem: { line: 2, message: 'enter the timing like "3 months" or "4 weeks"' },
    });
    expect(parseMilestoneLines("R3 | review | chat | 3 months")).toMatchObject({
      ok: false,
      problem: { line: 1 },
    });
    expect(parseStandardLines("PCF | PCF-1")).toMatchObject({ ok: false, problem: { line: 1 } });
    expect(parseRhythmLines("every 1 week until 6 weeks\nmonthly")).toMatchObject({
      ok: false,
      problem: { line: 2 },
    });
  });

  it("finds what breaks the rules", () => {
    const bad = {
      ...shippedAsye,
      maxMonths: 6,
      milestones: [
        ...shippedAsye.milestones,
        { code: "R3", name: "Again", kind: "review" as const, at: { months: 4 } },
      ],
      supervisionRhythm: [{ every: { months: 1 }, until: { months: 3 } }],
    };
    const messages = contentProblems(bad).map((p) => p.message);
    expect(messages).toContain("The longest time must be at least the programme's length");
    expect(messages).toContain("Milestone line 8: the code R3 is used twice");
    expect(messages).toContain("Milestone line 7: the timing must be within the longest time allowed");
    expect(messages).toContain('Supervision line 1: the last line has no "until" (it runs to the end)');
  });
});
