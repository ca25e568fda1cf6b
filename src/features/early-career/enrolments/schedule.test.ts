import { describe, expect, it } from "vitest";
import type { MilestoneTemplate } from "../schema.js";
import { milestoneDates, pausedPeriods, plannedEnd, programmeDate, proRataDays } from "./schedule.js";

/**
 * Hand-worked cases, all starting on Monday 7 September 2026. Month lengths: Sep 30 (23 days left
 * after the 7th), Oct 31, Nov 30, Dec 31, Jan 31, Feb 28 (2027) / 29 (2028), Mar 31, Apr 30, May 31,
 * Jun 30, Jul 31, Aug 31. Full-time days from 7 September 2026: to 7 December 2026 = 23+31+30+7 = 91;
 * to 7 March 2027 = 181; to 7 September 2027 = 365; to 7 September 2028 = 731 (29 February 2028).
 */
const start = "2026-09-07";

const asye: MilestoneTemplate[] = [
  { code: "AGREEMENT", name: "Support and assessment agreement", kind: "agreement", at: { weeks: 4 } },
  { code: "REVIEW-3", name: "3-month review", kind: "review", at: { months: 3 } },
  { code: "REVIEW-6", name: "6-month review", kind: "review", at: { months: 6 } },
  { code: "REVIEW-9", name: "9-month review", kind: "review", at: { months: 9 }, optional: true },
  { code: "FINAL", name: "Final review", kind: "final_review", at: { months: 12 } },
];

/** The four-month pause: 1 January to 30 April 2027 = 31+28+31+30 = 120 days. */
const maternity = [{ fromOn: "2027-01-01", toOn: "2027-04-30" }];

describe("programmeDate", () => {
  it("full time: start plus the offset", () => {
    expect(programmeDate(start, { months: 3 }, 1, [])).toBe("2026-12-07");
    expect(programmeDate(start, { months: 12 }, 1, [])).toBe("2027-09-07");
    expect(programmeDate(start, { weeks: 4 }, 1, [])).toBe("2026-10-05");
  });

  it("0.6 FTE divides the full-time days by 0.6, rounded up", () => {
    // 3 months: 91 / 0.6 = 151.67 -> 152 days; 7 Sep + 152: 30 Sep (+23), 31 Oct (+54), 30 Nov
    // (+84), 31 Dec (+115), 31 Jan (+146), +6 -> 6 February 2027.
    expect(programmeDate(start, { months: 3 }, 0.6, [])).toBe("2027-02-06");
    // 6 months: 181 / 0.6 = 301.67 -> 302; ... 28 Feb (+174), 31 Mar (+205), 30 Apr (+235),
    // 31 May (+266), 30 Jun (+296), +6 -> 6 July 2027.
    expect(programmeDate(start, { months: 6 }, 0.6, [])).toBe("2027-07-06");
    // 12 months: 365 / 0.6 = 608.33 -> 609 = 365 (to 7 Sep 2027) + 244: 30 Sep (+23), 31 Oct
    // (+54), 30 Nov (+84), 31 Dec (+115), 31 Jan (+146), 29 Feb 2028 (+175), 31 Mar (+206),
    // 30 Apr (+236), +8 -> 8 May 2028.
    expect(programmeDate(start, { months: 12 }, 0.6, [])).toBe("2028-05-08");
  });

  it("an exact division is not rounded up by floating point", () => {
    expect(proRataDays(7, 0.7)).toBe(10);
    expect(proRataDays(3, 0.6)).toBe(5);
    // 91 / 0.5 = 182: 7 Sep + 182 = 28 Feb (+174) + 8 -> 8 March 2027.
    expect(programmeDate(start, { months: 3 }, 0.5, [])).toBe("2027-03-08");
  });

  it("a 4-month pause moves later dates by exactly the paused days and leaves earlier ones", () => {
    expect(programmeDate(start, { months: 3 }, 1, maternity)).toBe("2026-12-07");
    // 6 months: 116 days served to 31 Dec (7 Sep -> 1 Jan), 181 - 116 = 65 more from 1 May ->
    // 5 July 2027, which is 7 March 2027 + 120 days.
    expect(programmeDate(start, { months: 6 }, 1, maternity)).toBe("2027-07-05");
    // 12 months: 7 September 2027 + 120 days: 30 Sep (+23), 31 Oct (+54), 30 Nov (+84), 31 Dec
    // (+115), +5 -> 5 January 2028.
    expect(programmeDate(start, { months: 12 }, 1, maternity)).toBe("2028-01-05");
  });

  it("0.6 FTE and a pause together", () => {
    // 3 months at 0.6 = 152 days: 116 before the pause, 36 from 1 May -> 6 June 2027 (6 Feb + 120).
    expect(programmeDate(start, { months: 3 }, 0.6, maternity)).toBe("2027-06-06");
    // 12 months at 0.6: 8 May 2028 + 120: 31 May (+23), 30 Jun (+53), 31 Jul (+84), 31 Aug (+115),
    // +5 -> 5 September 2028.
    expect(programmeDate(start, { months: 12 }, 0.6, maternity)).toBe("2028-09-05");
  });

  it("a pause starting on or after the due date does not move it; one before the start is ignored", () => {
    expect(programmeDate(start, { months: 3 }, 1, [{ fromOn: "2026-12-07", toOn: "2026-12-31" }])).toBe(
      "2026-12-07",
    );
    // A pause on the last day served (6 December) moves it by one day.
    expect(programmeDate(start, { months: 3 }, 1, [{ fromOn: "2026-12-06", toOn: "2026-12-06" }])).toBe(
      "2026-12-08",
    );
    expect(programmeDate(start, { months: 3 }, 1, [{ fromOn: "2026-08-01", toOn: "2026-09-06" }])).toBe(
      "2026-12-07",
    );
    // Overlapping pauses count each day once: 1-10 and 5-14 October = 14 days.
    expect(
      programmeDate(start, { months: 3 }, 1, [
        { fromOn: "2026-10-01", toOn: "2026-10-10" },
        { fromOn: "2026-10-05", toOn: "2026-10-14" },
      ]),
    ).toBe("2026-12-21");
  });

  it("an open pause is worked out as if it ended today", () => {
    const open = [{ fromOn: "2026-11-01", toOn: null }];
    expect(pausedPeriods(start, open, "2026-11-10")).toEqual([{ from: "2026-11-01", to: "2026-11-10" }]);
    // 10 paused days: 7 December -> 17 December.
    expect(programmeDate(start, { months: 3 }, 1, open, "2026-11-10")).toBe("2026-12-17");
    // Without today (or with today before it starts) only its first day counts.
    expect(programmeDate(start, { months: 3 }, 1, open)).toBe("2026-12-08");
  });
});

describe("milestoneDates and plannedEnd", () => {
  it("ASYE full time starting 7 September 2026", () => {
    const dates = milestoneDates(asye, start, 1, []);
    expect(dates.map((m) => [m.sequence, m.code, m.dueOn])).toEqual([
      [1, "AGREEMENT", "2026-10-05"],
      [2, "REVIEW-3", "2026-12-07"],
      [3, "REVIEW-6", "2027-03-07"],
      [4, "REVIEW-9", "2027-06-07"],
      [5, "FINAL", "2027-09-07"],
    ]);
    expect(dates[3]?.optional).toBe(true);
    expect(plannedEnd(12, start, 1, [])).toBe("2027-09-07");
  });

  it("the pause leaves the agreement and 3-month review and moves the rest by 120 days", () => {
    const dates = milestoneDates(asye, start, 1, maternity);
    expect(dates.map((m) => m.dueOn)).toEqual([
      "2026-10-05",
      "2026-12-07",
      "2027-07-05",
      "2027-10-05",
      "2028-01-05",
    ]);
    expect(plannedEnd(12, start, 1, maternity)).toBe("2028-01-05");
  });

  it("the two-year programme", () => {
    const ecdp: MilestoneTemplate[] = [
      { code: "AGREEMENT", name: "Agreement", kind: "agreement", at: { weeks: 6 } },
      { code: "REVIEW-6", name: "6-month review", kind: "review", at: { months: 6 } },
      { code: "REVIEW-12", name: "Year 1 review", kind: "review", at: { months: 12 } },
      { code: "REVIEW-18", name: "18-month review", kind: "review", at: { months: 18 } },
      { code: "FINAL", name: "Final review", kind: "final_review", at: { months: 24 } },
    ];
    expect(milestoneDates(ecdp, start, 1, []).map((m) => m.dueOn)).toEqual([
      "2026-10-19",
      "2027-03-07",
      "2027-09-07",
      "2028-03-07",
      "2028-09-07",
    ]);
    expect(plannedEnd(24, start, 1, [])).toBe("2028-09-07");
    // 0.8 FTE: 731 / 0.8 = 913.75 -> 914 = 731 + 183: 30 Sep (+23), 31 Oct (+54), 30 Nov (+84),
    // 31 Dec (+115), 31 Jan (+146), 28 Feb 2029 (+174), +9 -> 9 March 2029.
    expect(plannedEnd(24, start, 0.8, [])).toBe("2029-03-09");
  });
});
