import { describe, expect, it } from "vitest";
import {
  coverageBehind,
  elapsedShare,
  nextMilestone,
  type RagInput,
  type RagMilestone,
  ragStatus,
} from "./rag.js";

const milestone = (name: string, dueOn: string, extra: Partial<RagMilestone> = {}): RagMilestone => ({
  name,
  dueOn,
  completedOn: null,
  optional: false,
  reviewed: false,
  ...extra,
});

/** An ASYE from 1 September 2026 to 31 August 2027, seen on 23 November 2026. */
const base: RagInput = {
  today: "2026-11-23",
  startOn: "2026-09-01",
  endOn: "2027-08-31",
  milestones: [
    milestone("Support and assessment agreement", "2026-09-29", {
      completedOn: "2026-09-20",
      reviewed: true,
    }),
    milestone("3-month review", "2026-12-01"),
    milestone("6-month review", "2027-03-01"),
    milestone("9-month review", "2027-06-01", { optional: true }),
  ],
  latestJudgement: "on_track",
  protectionBreached: false,
  coverage: { covered: 5, total: 19 },
};

describe("ragStatus", () => {
  it("is green when nothing is overdue, due soon, concerning or behind", () => {
    expect(ragStatus({ ...base, today: "2026-11-10" })).toEqual({ rag: "green", reasons: [] });
  });

  it("is amber when a milestone falls due within 14 days with no review", () => {
    // 3-month review due 1 December: 8 days after 23 November.
    expect(ragStatus(base)).toEqual({ rag: "amber", reasons: ["3-month review due within 14 days"] });
    // Day 14 counts, day 15 does not.
    expect(ragStatus({ ...base, today: "2026-11-17" }).rag).toBe("amber");
    expect(ragStatus({ ...base, today: "2026-11-16" }).rag).toBe("green");
  });

  it("is not amber for a milestone due soon whose review is already recorded", () => {
    const reviewed = base.milestones.map((m) => (m.name === "3-month review" ? { ...m, reviewed: true } : m));
    expect(ragStatus({ ...base, milestones: reviewed }).rag).toBe("green");
  });

  it("is red when a milestone that is not optional is overdue, but not for an optional one", () => {
    expect(ragStatus({ ...base, today: "2026-12-02" })).toEqual({
      rag: "red",
      reasons: ["3-month review overdue"],
    });
    const late = {
      ...base,
      today: "2027-06-10",
      coverage: { covered: 19, total: 19 },
      milestones: base.milestones.map((m) =>
        m.optional ? m : { ...m, completedOn: m.dueOn, reviewed: true },
      ),
    };
    expect(ragStatus(late).rag).toBe("green");
  });

  it("is red when the latest review judged the NQSW not on track, amber with some concerns", () => {
    const today = "2026-11-10";
    expect(ragStatus({ ...base, today, latestJudgement: "not_on_track" })).toEqual({
      rag: "red",
      reasons: ["Latest review: not on track"],
    });
    expect(ragStatus({ ...base, today, latestJudgement: "some_concerns" })).toEqual({
      rag: "amber",
      reasons: ["Latest review: some concerns"],
    });
  });

  it("is red when protection is breached, with the amber reasons after the red ones", () => {
    expect(ragStatus({ ...base, protectionBreached: true, latestJudgement: "some_concerns" })).toEqual({
      rag: "red",
      reasons: ["Protection breached", "Latest review: some concerns", "3-month review due within 14 days"],
    });
  });

  it("is amber when evidence coverage is more than 25 points behind the time elapsed", () => {
    // 1 March 2027: 181 of 364 days, 49.7% elapsed; 24.7% is the least coverage not behind.
    const march = {
      ...base,
      today: "2027-03-01",
      milestones: base.milestones.map((m) => ({ ...m, completedOn: "2026-12-01", reviewed: true })),
    };
    expect(ragStatus({ ...march, coverage: { covered: 4, total: 19 } })).toEqual({
      rag: "amber",
      reasons: ["Evidence behind time"],
    });
    expect(ragStatus({ ...march, coverage: { covered: 5, total: 19 } }).rag).toBe("green");
  });
});

describe("elapsedShare and coverageBehind", () => {
  it("counts the share of the programme elapsed, held between 0 and 1", () => {
    expect(elapsedShare("2026-09-01", "2027-09-01", "2027-03-02")).toBeCloseTo(182 / 365);
    expect(elapsedShare("2026-09-01", "2027-09-01", "2026-08-01")).toBe(0);
    expect(elapsedShare("2026-09-01", "2027-09-01", "2028-01-01")).toBe(1);
  });

  it("is never behind with nothing to evidence or no coverage known", () => {
    expect(coverageBehind(null, 1)).toBe(false);
    expect(coverageBehind({ covered: 0, total: 0 }, 1)).toBe(false);
    expect(coverageBehind({ covered: 0, total: 10 }, 0.25)).toBe(false);
    expect(coverageBehind({ covered: 0, total: 10 }, 0.26)).toBe(true);
  });
});

describe("nextMilestone", () => {
  it("is the earliest milestone not completed, overdue ones included", () => {
    expect(nextMilestone(base.milestones, base.today)?.name).toBe("3-month review");
    expect(nextMilestone(base.milestones, "2026-12-05")?.name).toBe("3-month review");
    expect(
      nextMilestone(
        base.milestones.map((m) => ({ ...m, completedOn: "2027-01-01" })),
        base.today,
      ),
    ).toBeNull();
  });

  it("leaves out an optional milestone whose day has passed", () => {
    const done = base.milestones.map((m) => (m.optional ? m : { ...m, completedOn: m.dueOn }));
    expect(nextMilestone(done, "2027-05-01")?.name).toBe("9-month review");
    expect(nextMilestone(done, "2027-06-02")).toBeNull();
  });
});
