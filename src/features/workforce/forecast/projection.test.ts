import { describe, expect, it } from "vitest";
import { monthAfter, monthsBetween, type ProjectionInput, project, turnoverPercent } from "./projection.js";

/**
 * Worked by hand. Today 23 November 2026; establishment 10 FTE plus 2 more assumed = 12; 8 FTE
 * permanent, 1 of them an NQSW (A) finishing in January 2027; NQSW B starts in February 2027
 * and finishes beyond the horizon. Turnover 12% a year (1% a month of the established), 0.5
 * recruits and 0.25 agency conversions a month, 50% of completing NQSWs kept.
 *
 *   Dec 2026: established 7 - 0.07 + 0.5 + 0.25 = 7.68; NQSW 1; permanent 8.68; agency 3.32
 *   Jan 2027: leavers 0.0768; A completes, 0.5 kept: 7.68 - 0.0768 + 0.75 + 0.5 = 8.8532;
 *             NQSW 0; permanent 8.8532; agency 3.1468
 *   Feb 2027: leavers 0.088532; B starts: established 9.514668, NQSW 1; permanent 10.514668;
 *             agency 1.485332
 */
const input: ProjectionInput = {
  today: "2026-11-23",
  horizonMonths: 12,
  establishmentFte: 10,
  establishmentChangeFte: 2,
  permanentFte: 8,
  annualTurnoverPercent: 12,
  recruitsPerMonth: 0.5,
  earlyCareerRetentionPercent: 50,
  agencyConversionsPerMonth: 0.25,
  enrolments: [
    { startOn: "2026-09-07", endOn: "2027-01-15", fte: 1 },
    { startOn: "2027-02-01", endOn: "2028-02-01", fte: 1 },
  ],
};

describe("the forecast's projection", () => {
  it("works the first three months as by hand", () => {
    const p = project(input);
    expect(p.start).toEqual({ establishment: 10, permanent: 8, agencyNeed: 2, nqswInPost: 1 });
    expect(p.months).toHaveLength(12);
    const [dec, jan, feb] = p.months;
    expect(dec?.month).toBe("2026-12");
    expect(dec?.leavers).toBeCloseTo(0.07, 10);
    expect(dec?.permanent).toBeCloseTo(8.68, 10);
    expect(dec?.establishment).toBe(12);
    expect(dec?.agencyNeed).toBeCloseTo(3.32, 10);
    expect(jan?.month).toBe("2027-01");
    expect(jan).toMatchObject({ nqswCompleting: 1, nqswRetained: 0.5, nqswStarting: 0 });
    expect(jan?.leavers).toBeCloseTo(0.0768, 10);
    expect(jan?.permanent).toBeCloseTo(8.8532, 10);
    expect(jan?.agencyNeed).toBeCloseTo(3.1468, 10);
    expect(feb).toMatchObject({ month: "2027-02", nqswStarting: 1, nqswCompleting: 0 });
    expect(feb?.leavers).toBeCloseTo(0.088532, 10);
    expect(feb?.permanent).toBeCloseTo(10.514668, 10);
    expect(feb?.agencyNeed).toBeCloseTo(1.485332, 10);
    expect(p.months.at(-1)?.month).toBe("2027-11");
  });

  it("never needs negative agency, and with no turnover the permanent FTE just grows", () => {
    const p = project({
      ...input,
      establishmentFte: 5,
      establishmentChangeFte: 0,
      permanentFte: 5,
      annualTurnoverPercent: 0,
      recruitsPerMonth: 1,
      agencyConversionsPerMonth: 0,
      enrolments: [],
      horizonMonths: 24,
    });
    expect(p.months).toHaveLength(24);
    expect(p.months[0]).toMatchObject({ permanent: 6, agencyNeed: 0 });
    expect(p.months[23]).toMatchObject({ permanent: 29, agencyNeed: 0 });
  });

  it("a completion this month after today counts in the first month; nobody completing keeps 0%", () => {
    const p = project({
      ...input,
      earlyCareerRetentionPercent: 0,
      annualTurnoverPercent: 0,
      recruitsPerMonth: 0,
      agencyConversionsPerMonth: 0,
      enrolments: [{ startOn: "2025-11-30", endOn: "2026-11-29", fte: 0.5 }],
    });
    expect(p.months[0]).toMatchObject({ nqswCompleting: 0.5, nqswRetained: 0, permanent: 7.5 });
  });

  it("counts months across years, and turnover as leavers over the average in post", () => {
    expect(monthsBetween("2026-11-23", "2027-01-01")).toBe(2);
    expect(monthsBetween("2026-11-23", "2026-11-30")).toBe(0);
    expect(monthAfter("2026-11-23", 14)).toBe("2028-01");
    expect(turnoverPercent(3, 20)).toBe(15);
    expect(turnoverPercent(3, 0)).toBe(0);
  });
});
