import { describe, expect, it } from "vitest";
import type { RecruitmentStage } from "../schema.js";
import {
  type ApplicantHistory,
  advertToAcceptance,
  applicationToStart,
  bySource,
  conversion,
  daysBetween,
  offerToDbs,
  starterReasons,
  summarise,
} from "./measures.js";
import { checkStageMove, nextStages } from "./stage-rules.js";

const year = { from: "2026-01-01", to: "2026-12-31" };

function applicant(
  id: string,
  events: [RecruitmentStage, string][],
  extra: Partial<ApplicantHistory> = {},
): ApplicantHistory {
  return {
    id,
    campaignId: "c1",
    advertOpensOn: "2026-03-01",
    source: "jobs_board",
    reasons: [],
    stage: events.at(-1)?.[0] ?? "applied",
    events: events.map(([stage, on]) => ({ stage, on })),
    ...extra,
  };
}

/*
 * A campaign whose advert opened on 1 March 2026:
 *   Ann  applied 10 Mar, shortlisted 20 Mar, interviewed 1 Apr, offered 5 Apr, accepted 8 Apr,
 *        DBS cleared 6 May, started 1 Jun
 *   Ben  applied 12 Mar, shortlisted 20 Mar, interviewed 1 Apr, offered 6 Apr, accepted 10 Apr,
 *        DBS cleared 30 Apr, started 18 May
 *   Cat  applied 15 Mar, shortlisted 20 Mar, interviewed 2 Apr, withdrawn 3 Apr
 *   Dev  applied 16 Mar, withdrawn 18 Mar
 *   Eli  applied 20 Mar, interviewed 2 Apr (shortlisting skipped), offered 9 Apr
 */
const ann = applicant(
  "ann",
  [
    ["applied", "2026-03-10"],
    ["shortlisted", "2026-03-20"],
    ["interviewed", "2026-04-01"],
    ["offered", "2026-04-05"],
    ["accepted", "2026-04-08"],
    ["dbs_cleared", "2026-05-06"],
    ["started", "2026-06-01"],
  ],
  { source: "council_website", reasons: ["flexible_working", "manageable_caseloads"] },
);
const ben = applicant(
  "ben",
  [
    ["applied", "2026-03-12"],
    ["shortlisted", "2026-03-20"],
    ["interviewed", "2026-04-01"],
    ["offered", "2026-04-06"],
    ["accepted", "2026-04-10"],
    ["dbs_cleared", "2026-04-30"],
    ["started", "2026-05-18"],
  ],
  { reasons: ["flexible_working"] },
);
const cat = applicant("cat", [
  ["applied", "2026-03-15"],
  ["shortlisted", "2026-03-20"],
  ["interviewed", "2026-04-02"],
  ["withdrawn", "2026-04-03"],
]);
const dev = applicant(
  "dev",
  [
    ["applied", "2026-03-16"],
    ["withdrawn", "2026-03-18"],
  ],
  { source: "referral" },
);
const eli = applicant("eli", [
  ["applied", "2026-03-20"],
  ["interviewed", "2026-04-02"],
  ["offered", "2026-04-09"],
]);
const all = [ann, ben, cat, dev, eli];

describe("recruitment measures", () => {
  it("counts days between dates", () => {
    expect(daysBetween("2026-03-01", "2026-04-08")).toBe(38);
    expect(daysBetween("2026-03-29", "2026-03-30")).toBe(1); // across the clocks going forward
  });

  it("averages and takes the median", () => {
    expect(summarise([])).toEqual({ count: 0, average: null, median: null });
    expect(summarise([3, 1, 2])).toEqual({ count: 3, average: 2, median: 2 });
    expect(summarise([10, 1, 4, 2])).toEqual({ count: 4, average: 4.3, median: 3 });
  });

  it("works out time to hire from the advert to acceptance: Ann 38 days, Ben 40", () => {
    expect(advertToAcceptance(all, year)).toEqual({ count: 2, average: 39, median: 39 });
  });

  it("works out time from application to start: Ann 83 days, Ben 67", () => {
    // Ann 10 Mar -> 1 Jun: 21 + 30 + 31 + 1 = 83; Ben 12 Mar -> 18 May: 19 + 30 + 18 = 67.
    expect(applicationToStart(all, year)).toEqual({ count: 2, average: 75, median: 75 });
  });

  it("works out offer to DBS clearance: Ann 31 days, Ben 24", () => {
    expect(offerToDbs(all, year)).toEqual({ count: 2, average: 27.5, median: 27.5 });
  });

  it("counts only those whose deciding event falls in the period", () => {
    const spring = { from: "2026-05-01", to: "2026-05-31" };
    // Ben started 18 May; Ann on 1 June (outside); Ann's DBS 6 May is in, Ben's 30 April is not.
    expect(applicationToStart(all, spring)).toEqual({ count: 1, average: 67, median: 67 });
    expect(offerToDbs(all, spring)).toEqual({ count: 1, average: 31, median: 31 });
    expect(advertToAcceptance(all, spring).count).toBe(0);
  });

  it("converts stage to stage by the furthest stage reached", () => {
    const steps = conversion(all, year);
    const row = (s: string) => steps.find((x) => x.stage === s);
    // Reached: applied 5; shortlisted 4 (Eli skipped it but went further); interviewed 4 (Cat
    // withdrew after it); offered 3; accepted 2; DBS 2; started 2.
    expect(steps.map((s) => s.reached)).toEqual([5, 4, 4, 3, 2, 2, 2]);
    expect(row("applied")?.percent).toBe(80);
    expect(row("interviewed")?.percent).toBe(75);
    expect(row("offered")?.percent).toBe(66.7);
    expect(row("started")?.percent).toBeNull();
  });

  it("counts applications by source, every channel listed", () => {
    expect(bySource(all, year, ["council_website", "jobs_board", "referral", "social_media"])).toEqual([
      { source: "jobs_board", count: 3 },
      { source: "council_website", count: 1 },
      { source: "referral", count: 1 },
      { source: "social_media", count: 0 },
    ]);
  });

  it("counts starters' reasons with small groups suppressed", () => {
    const r = starterReasons(all, year);
    expect(r.starters).toBe(2);
    const flexible = r.reasons.find((x) => x.reason === "flexible_working");
    expect(flexible?.count).toBe(2);
    expect(flexible?.cell).toEqual({ value: null, suppressed: true, reason: "small" });
    expect(r.reasons.find((x) => x.reason === "location")?.cell).toEqual({ value: 0, suppressed: false });
    const many = Array.from({ length: 5 }, (_, i) => ({ ...ben, id: `b${i}` }));
    expect(starterReasons(many, year).reasons.find((x) => x.reason === "flexible_working")?.cell).toEqual({
      value: 5,
      suppressed: false,
    });
  });
});

describe("stage moves", () => {
  const today = "2026-11-23";
  const move = (from: RecruitmentStage, to: RecruitmentStage, on = "2026-11-01", fromOn = "2026-10-01") =>
    checkStageMove({ from, fromOn, to, on, today });

  it("allows forward moves, skipping a stage, and withdrawing", () => {
    expect(move("applied", "shortlisted")).toBeNull();
    expect(move("applied", "interviewed")).toBeNull();
    expect(move("offered", "withdrawn")).toBeNull();
    expect(move("dbs_cleared", "started")).toBeNull();
    expect(move("applied", "shortlisted", "2026-10-01")).toBeNull(); // the same day
  });

  it("refuses going back, the same stage, and moves from final stages", () => {
    expect(move("interviewed", "shortlisted")?.field).toBe("stage");
    expect(move("interviewed", "interviewed")?.message).toMatch(/already at interviewed/);
    expect(move("withdrawn", "applied")?.message).toMatch(/new applicant/);
    expect(move("started", "withdrawn")?.message).toMatch(/leaver/);
  });

  it("keeps safer recruitment: DBS after an offer, no start before DBS clearance", () => {
    expect(move("accepted", "started")?.message).toBe("They must be DBS cleared before they start");
    expect(move("interviewed", "dbs_cleared")?.message).toMatch(/after an offer/);
    expect(move("offered", "dbs_cleared")).toBeNull();
  });

  it("refuses a date in the future or before the current stage's date", () => {
    expect(move("applied", "shortlisted", "2026-11-24")).toEqual({
      field: "on",
      message: "Date of the move must be today or in the past",
    });
    expect(move("applied", "shortlisted", "2026-09-30")?.message).toBe(
      "Date of the move must be on or after 1 October 2026, when they reached applied",
    );
  });

  it("lists the stages a card offers", () => {
    expect(nextStages("applied")).toEqual(["shortlisted", "interviewed", "offered", "accepted", "withdrawn"]);
    expect(nextStages("accepted")).toEqual(["dbs_cleared", "withdrawn"]);
    expect(nextStages("dbs_cleared")).toEqual(["started", "withdrawn"]);
    expect(nextStages("started")).toEqual([]);
  });
});
