import { describe, expect, it } from "vitest";
import type { SupervisionStage } from "../../early-career/schema.js";
import {
  complianceStatus,
  intervalDays,
  lastCountingHeldOn,
  nextDueOn,
  type PersonOnDate,
  type PolicyRule,
  resolveRule,
  ruleInForce,
} from "./due.js";

function rule(over: Partial<PolicyRule> = {}): PolicyRule {
  return {
    id: "default",
    appliesTo: "default",
    jobRoleId: null,
    careerLevel: null,
    everyValue: 4,
    everyUnit: "weeks",
    partTime: "same",
    countingKinds: ["individual"],
    expectedMinutes: 90,
    validFrom: "2020-01-01",
    validTo: null,
    ...over,
  };
}

const fullTime: PersonOnDate = { jobRoleId: "role-sw", careerLevel: "sw", fte: 1, earlyCareer: null };

/** The ASYE rhythm: weekly while under 6 weeks in, fortnightly while under 6 months, then monthly. */
const asyeRhythm: SupervisionStage[] = [
  { until: { weeks: 6 }, every: { weeks: 1 } },
  { until: { months: 6 }, every: { weeks: 2 } },
  { until: null, every: { months: 1 } },
];
const earlyCareerRule = rule({ id: "ec", appliesTo: "early_career", everyValue: null, everyUnit: null });
// Enrolled on Monday 5 January 2026. 6 weeks in = 5 Jan + 42 days = 16 February 2026.
// 6 months in = 5 July 2026.
const nqsw: PersonOnDate = {
  jobRoleId: "role-sw",
  careerLevel: "nqsw",
  fte: 1,
  earlyCareer: { startOn: "2026-01-05", rhythm: asyeRhythm },
};

describe("the NQSW rhythm across its stages", () => {
  it("is weekly from the enrolment's start when none is held yet", () => {
    // anchor 5 Jan (stage 1, weekly): 5 Jan + 7 = 12 Jan
    expect(nextDueOn(earlyCareerRule, nqsw, null, "2026-01-05")).toBe("2026-01-12");
  });

  it("stays weekly for a supervision held in the sixth week", () => {
    // held 9 Feb = 35 days in, before 16 Feb: weekly, 9 Feb + 7 = 16 Feb
    expect(nextDueOn(earlyCareerRule, nqsw, "2026-02-09", "2026-01-05")).toBe("2026-02-16");
    // held 15 Feb = 41 days in, still under 6 weeks: 15 Feb + 7 = 22 Feb
    expect(nextDueOn(earlyCareerRule, nqsw, "2026-02-15", "2026-01-05")).toBe("2026-02-22");
  });

  it("turns fortnightly once 6 weeks in", () => {
    // held 16 Feb = exactly 42 days in, not under 6 weeks: fortnightly, 16 Feb + 14 = 2 Mar
    expect(nextDueOn(earlyCareerRule, nqsw, "2026-02-16", "2026-01-05")).toBe("2026-03-02");
    // held 4 Jul, the day before 6 months: still fortnightly, 4 Jul + 14 = 18 Jul
    expect(nextDueOn(earlyCareerRule, nqsw, "2026-07-04", "2026-01-05")).toBe("2026-07-18");
  });

  it("turns monthly from 6 months in (calendar months)", () => {
    // held 5 Jul = 6 months in: monthly, 5 Jul -> 5 Aug (31 days)
    expect(nextDueOn(earlyCareerRule, nqsw, "2026-07-05", "2026-01-05")).toBe("2026-08-05");
    // held 31 Aug: a month later is 30 Sep (no 31 Sep: the month's last day), 30 days
    expect(nextDueOn(earlyCareerRule, nqsw, "2026-08-31", "2026-01-05")).toBe("2026-09-30");
  });

  it("takes the rhythm only while the early career rule applies; with no rhythm the person's other rules do", () => {
    const sw = rule({ id: "sw", appliesTo: "career_level", careerLevel: "nqsw", everyValue: 6 });
    expect(resolveRule([sw, earlyCareerRule], nqsw, "2026-03-01")?.id).toBe("ec");
    const noRhythm: PersonOnDate = { ...nqsw, earlyCareer: { startOn: "2026-01-05", rhythm: [] } };
    expect(resolveRule([sw, earlyCareerRule], noRhythm, "2026-03-01")?.id).toBe("sw");
    const notEnrolled: PersonOnDate = { ...nqsw, earlyCareer: null };
    expect(resolveRule([sw, earlyCareerRule], notEnrolled, "2026-03-01")?.id).toBe("sw");
  });
});

describe("cancellation and rearrangement", () => {
  // Every 4 weeks (28 days). Last held 2 March 2026: due 2 Mar + 28 = 30 March 2026.
  const every4 = rule();
  const records = [
    { heldOn: "2026-03-02", status: "held" as const, kind: "individual" as const },
    // Booked for 30 Mar, cancelled (rearranged to 8 April): it changes nothing.
    { heldOn: "2026-03-30", status: "cancelled" as const, kind: "individual" as const },
  ];

  it("a cancelled supervision does not move the due date", () => {
    const last = lastCountingHeldOn(records, every4.countingKinds, "2026-04-01");
    expect(last).toBe("2026-03-02");
    expect(nextDueOn(every4, fullTime, last, "2025-01-01")).toBe("2026-03-30");
  });

  it("the person is overdue after the due date even though it was rearranged for later", () => {
    // 31 Mar > 30 Mar: overdue, while the rearranged one (8 Apr) is still to come.
    const dueOn = nextDueOn(
      every4,
      fullTime,
      lastCountingHeldOn(records, ["individual"], "2026-03-31"),
      "2025-01-01",
    );
    expect(complianceStatus(dueOn, "2026-03-31", 7)).toBe("overdue");
  });

  it("the rearranged one, once held, moves the due date", () => {
    const held = [...records, { heldOn: "2026-04-08", status: "held" as const, kind: "individual" as const }];
    const last = lastCountingHeldOn(held, ["individual"], "2026-04-08");
    expect(last).toBe("2026-04-08");
    // 8 Apr + 28 = 6 May; on 8 Apr that is 28 days away: in date again.
    const dueOn = nextDueOn(every4, fullTime, last, "2025-01-01");
    expect(dueOn).toBe("2026-05-06");
    expect(complianceStatus(dueOn, "2026-04-08", 7)).toBe("in_date");
  });

  it("a supervision recorded for a later date does not count before it is held", () => {
    const future = [
      ...records,
      { heldOn: "2026-04-08", status: "held" as const, kind: "individual" as const },
    ];
    expect(lastCountingHeldOn(future, ["individual"], "2026-04-07")).toBe("2026-03-02");
  });
});

describe("part-time staff", () => {
  const proRata = rule({ partTime: "pro_rata" });

  it("under pro_rata the interval in days is divided by the FTE and rounded up", () => {
    // 28 days / 0.5 = 56 days: held 2 Mar -> due 27 April
    const half: PersonOnDate = { ...fullTime, fte: 0.5 };
    expect(intervalDays(proRata, half, "2026-03-02")).toBe(56);
    expect(nextDueOn(proRata, half, "2026-03-02", "2025-01-01")).toBe("2026-04-27");
    // 28 / 0.6 = 46.67 -> 47 days
    expect(intervalDays(proRata, { ...fullTime, fte: 0.6 }, "2026-03-02")).toBe(47);
    // monthly from 15 Jan is 31 days; / 0.8 = 38.75 -> 39 days
    const monthly = rule({ partTime: "pro_rata", everyValue: 1, everyUnit: "months" });
    expect(intervalDays(monthly, { ...fullTime, fte: 0.8 }, "2026-01-15")).toBe(39);
  });

  it("under same part-time staff are supervised as often as full-time", () => {
    const half: PersonOnDate = { ...fullTime, fte: 0.5 };
    expect(intervalDays(rule(), half, "2026-03-02")).toBe(28);
    expect(nextDueOn(rule(), half, "2026-03-02", "2025-01-01")).toBe("2026-03-30");
  });

  it("two assignments adding to more than full-time count as full-time", () => {
    expect(intervalDays(proRata, { ...fullTime, fte: 1.2 }, "2026-03-02")).toBe(28);
  });

  it("pro rata applies to the NQSW rhythm too", () => {
    // held 16 Feb (fortnightly stage): 14 / 0.5 = 28 days -> 16 Mar
    const halfNqsw: PersonOnDate = { ...nqsw, fte: 0.5 };
    expect(
      nextDueOn({ ...earlyCareerRule, partTime: "pro_rata" }, halfNqsw, "2026-02-16", "2026-01-05"),
    ).toBe("2026-03-16");
  });
});

describe("a change of supervisor", () => {
  it("changes nothing: the last held supervision counts whoever held it", () => {
    // Lina held 2 Mar; a new supervisor took over and held none yet: still due 30 Mar.
    const records = [
      { heldOn: "2026-02-02", status: "held" as const, kind: "individual" as const, supervisor: "lina" },
      { heldOn: "2026-03-02", status: "held" as const, kind: "individual" as const, supervisor: "lina" },
    ];
    const last = lastCountingHeldOn(records, ["individual"], "2026-03-20");
    expect(nextDueOn(rule(), fullTime, last, "2025-01-01")).toBe("2026-03-30");
    // The new supervisor holds one on 25 Mar: 25 Mar + 28 = 22 Apr, as for anyone.
    const after = [
      ...records,
      { heldOn: "2026-03-25", status: "held" as const, kind: "individual" as const, supervisor: "new" },
    ];
    expect(
      nextDueOn(rule(), fullTime, lastCountingHeldOn(after, ["individual"], "2026-03-25"), "2025-01-01"),
    ).toBe("2026-04-22");
  });
});

describe("the kinds that count", () => {
  const records = [
    { heldOn: "2026-03-02", status: "held" as const, kind: "individual" as const },
    { heldOn: "2026-03-20", status: "held" as const, kind: "group" as const },
  ];

  it("a group supervision does not count when the rule counts only individual", () => {
    expect(lastCountingHeldOn(records, ["individual"], "2026-04-01")).toBe("2026-03-02");
  });

  it("it does when the rule counts group as well", () => {
    expect(lastCountingHeldOn(records, ["individual", "group"], "2026-04-01")).toBe("2026-03-20");
  });

  it("none counting: nothing held", () => {
    expect(lastCountingHeldOn(records, ["reflective"], "2026-04-01")).toBeNull();
  });
});

describe("which rule applies", () => {
  const def = rule({ id: "default", everyValue: 6 });
  const role = rule({ id: "role", appliesTo: "job_role", jobRoleId: "role-sw" });
  const level = rule({
    id: "level",
    appliesTo: "career_level",
    careerLevel: "sw",
    everyValue: 1,
    everyUnit: "months",
  });
  const all = [def, role, level, earlyCareerRule];

  it("early career before career level before job role before the default", () => {
    expect(resolveRule(all, nqsw, "2026-03-01")?.id).toBe("ec");
    expect(resolveRule(all, fullTime, "2026-03-01")?.id).toBe("level");
    expect(resolveRule([def, role], fullTime, "2026-03-01")?.id).toBe("role");
    expect(resolveRule([def, role], { ...fullTime, jobRoleId: "role-fsw" }, "2026-03-01")?.id).toBe(
      "default",
    );
    expect(resolveRule([def, level], { ...fullTime, careerLevel: "senior" }, "2026-03-01")?.id).toBe(
      "default",
    );
  });

  it("an ended rule applies up to and including its last day, then no longer", () => {
    const ended = { ...role, validTo: "2026-02-28" };
    expect(ruleInForce(ended, "2026-02-28")).toBe(true);
    expect(resolveRule([def, ended], fullTime, "2026-02-28")?.id).toBe("role");
    expect(resolveRule([def, ended], fullTime, "2026-03-01")?.id).toBe("default");
  });

  it("a rule from a later date does not apply yet", () => {
    const later = { ...role, validFrom: "2026-04-01" };
    expect(resolveRule([def, later], fullTime, "2026-03-31")?.id).toBe("default");
    expect(resolveRule([def, later], fullTime, "2026-04-01")?.id).toBe("role");
  });

  it("no rule in force: no supervision is expected (null)", () => {
    expect(resolveRule([], fullTime, "2026-03-01")).toBeNull();
    expect(resolveRule([role], { ...fullTime, jobRoleId: "other" }, "2026-03-01")).toBeNull();
    expect(resolveRule([{ ...def, validTo: "2025-12-31" }], fullTime, "2026-03-01")).toBeNull();
  });
});

describe("the due date and status", () => {
  it("with none held, one interval after the anchor; a held one before the anchor is ignored", () => {
    // started 1 Jun 2026, every 6 weeks: 1 Jun + 42 = 13 Jul
    const six = rule({ everyValue: 6 });
    expect(nextDueOn(six, fullTime, null, "2026-06-01")).toBe("2026-07-13");
    expect(nextDueOn(six, fullTime, "2026-05-20", "2026-06-01")).toBe("2026-07-13");
  });

  it("in date, due within the due-soon days, overdue the day after the due date", () => {
    // due 10 Mar 2026, due soon 7 days: due from 3 Mar (3 + 7 = 10).
    expect(complianceStatus("2026-03-10", "2026-03-02", 7)).toBe("in_date");
    expect(complianceStatus("2026-03-10", "2026-03-03", 7)).toBe("due");
    expect(complianceStatus("2026-03-10", "2026-03-10", 7)).toBe("due");
    expect(complianceStatus("2026-03-10", "2026-03-11", 7)).toBe("overdue");
    // with 0 due-soon days: due only on the day itself
    expect(complianceStatus("2026-03-10", "2026-03-09", 0)).toBe("in_date");
    expect(complianceStatus("2026-03-10", "2026-03-10", 0)).toBe("due");
  });
});
