import { describe, expect, it } from "vitest";
import {
  addMonths,
  type Completion,
  type ComplianceInput,
  carerDueWithinDays,
  complianceStatus,
  daysBetween,
  nextAction,
  type RequirementVersion,
  type StatusResult,
} from "./status.js";

/**
 * Hand-worked cases. Unless a case says otherwise the requirement is "safeguarding": met by
 * sg-classroom or sg-elearning, due within 90 days of starting, renewed every 12 months, 30 days'
 * grace, "due soon" 30 days before a due date. Day counts: Jan 31, Feb 28 (2026), Mar 31, Apr 30,
 * May 31, Jun 30, Jul 31, Aug 31, Sep 30.
 */
const safeguarding: RequirementVersion = {
  requirementId: "safeguarding",
  validFrom: "2020-01-01",
  validTo: null,
  courseIds: ["sg-classroom", "sg-elearning"],
  dueWithinDays: 90,
  renewEveryMonths: 12,
  graceDays: 30,
  dueSoonDays: 30,
};

const done = (courseId: string, completedOn: string, source: Completion["source"] = "attendance") => ({
  courseId,
  completedOn,
  source,
});

function status(input: Partial<ComplianceInput> & { asAt: string; startedOn?: string }): StatusResult {
  const result = complianceStatus({
    versions: [safeguarding],
    person: { startedOn: input.startedOn ?? "2026-01-05" },
    completions: [],
    exemptions: [],
    pauses: [],
    ...input,
  });
  if (result === null) throw new Error("no version in force");
  return result;
}

describe("date arithmetic", () => {
  it("adds calendar months, clamping the day to the month's end", () => {
    expect(addMonths("2025-03-10", 12)).toBe("2026-03-10");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29"); // leap year
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2025-11-30", 3)).toBe("2026-02-28");
    expect(daysBetween("2026-02-01", "2026-04-30")).toBe(88); // 27 + 31 + 30
  });
});

describe("new starter (never met)", () => {
  // Started 2026-01-05. Due = 2026-01-05 + 90 days: 26 days to 31 Jan, +28 = 54 (28 Feb),
  // +31 = 85 (31 Mar), +5 = 90 -> 2026-04-05. Due soon from 2026-04-05 - 30 = 2026-03-06.
  it("is not yet due within the first-due window, before due soon", () => {
    const r = status({ asAt: "2026-03-05" });
    expect(r.status).toBe("not_yet_due");
    expect(r.dueOn).toBe("2026-04-05");
    expect(r.metBy).toBeNull();
    expect(nextAction(r)).toEqual({ courseIds: ["sg-classroom", "sg-elearning"], completeBy: "2026-04-05" });
  });

  it("is due soon from dueSoonDays before the due date, up to and including the due date", () => {
    expect(status({ asAt: "2026-03-06" }).status).toBe("due_soon");
    expect(status({ asAt: "2026-04-05" }).status).toBe("due_soon");
  });

  it("is overdue the day after the first due date: no grace for a first due date", () => {
    const r = status({ asAt: "2026-04-06" });
    expect(r.status).toBe("overdue");
    expect(r.dueOn).toBe("2026-04-05");
    expect(r.graceEndsOn).toBeNull();
    expect(nextAction(r)?.completeBy).toBeNull(); // as soon as possible
  });

  it("is not yet due before the start date", () => {
    expect(status({ asAt: "2025-12-01" }).status).toBe("not_yet_due");
  });

  it("starts the clock when the requirement came in, for someone who started before it", () => {
    // Started 2019-06-03; requirement from 2020-01-01. Due 2020-01-01 + 90 = 31 Jan (30),
    // 29 Feb 2020 (59), +31 -> 2020-03-31.
    expect(status({ asAt: "2020-03-31", startedOn: "2019-06-03" })).toMatchObject({
      status: "due_soon",
      dueOn: "2020-03-31",
    });
  });
});

describe("what counts as a completion", () => {
  it("does not count a course that is not one of the version's courses", () => {
    // sg-awareness is not in the list: still never met, so overdue after 2026-04-05.
    const r = status({ asAt: "2026-04-06", completions: [done("sg-awareness", "2026-02-01")] });
    expect(r.status).toBe("overdue");
    expect(r.metBy).toBeNull();
  });

  it("counts prior learning from a previous employer like a completion on its date", () => {
    // Prior learning 2025-11-20 (before starting on 2026-01-05). Expires 2026-11-20; due soon
    // from 2026-10-21. On 2026-04-06 (when a new starter would be overdue): complete.
    const prior = done("sg-elearning", "2025-11-20", "prior_learning");
    const r = status({ asAt: "2026-04-06", completions: [prior] });
    expect(r).toMatchObject({
      status: "complete",
      metBy: prior,
      expiresOn: "2026-11-20",
      dueOn: "2026-11-20",
    });
  });

  it("ignores completions after the as-at date", () => {
    // As at 2026-02-01 the 2026-03-01 completion had not happened: not yet due (due 2026-04-05).
    const r = status({ asAt: "2026-02-01", completions: [done("sg-classroom", "2026-03-01")] });
    expect(r.status).toBe("not_yet_due");
    expect(r.metBy).toBeNull();
  });

  it("uses the latest counting completion for expiry", () => {
    const r = status({
      asAt: "2026-01-15",
      startedOn: "2024-01-08",
      completions: [done("sg-classroom", "2025-03-10"), done("sg-elearning", "2024-03-01")],
    });
    expect(r.expiresOn).toBe("2026-03-10");
    expect(r.metBy?.courseId).toBe("sg-classroom");
  });

  it("is complete for good when the requirement is once only", () => {
    const once = { ...safeguarding, renewEveryMonths: null };
    const r = status({
      asAt: "2040-01-01",
      versions: [once],
      completions: [done("sg-classroom", "2026-02-01")],
    });
    expect(r).toMatchObject({ status: "complete", dueOn: null, expiresOn: null });
    expect(nextAction(r)).toBeNull();
  });
});

describe("renewal and grace", () => {
  // Completed 2025-03-10. Expires (renewal due) 2026-03-10. Due soon from 2026-03-10 - 30:
  // 10 days back to 28 Feb, 20 more -> 2026-02-08. Grace ends 2026-03-10 + 30: 21 days to
  // 31 Mar, 9 more -> 2026-04-09. Expired from 2026-04-10.
  const completions = [done("sg-classroom", "2025-03-10")];
  const renewal = (asAt: string) => status({ asAt, startedOn: "2025-01-06", completions });

  it("is complete before the due-soon window", () => {
    expect(renewal("2026-02-07")).toMatchObject({
      status: "complete",
      expiresOn: "2026-03-10",
      dueOn: "2026-03-10",
      graceEndsOn: "2026-04-09",
      inGrace: false,
    });
  });

  it("is due soon in the window before the renewal date", () => {
    expect(renewal("2026-02-08")).toMatchObject({ status: "due_soon", inGrace: false });
    expect(renewal("2026-03-10")).toMatchObject({ status: "due_soon", inGrace: false });
  });

  it("is still due soon, marked in grace, between the renewal date and the end of grace", () => {
    const r = renewal("2026-03-11");
    expect(r).toMatchObject({ status: "due_soon", inGrace: true });
    expect(nextAction(r)?.completeBy).toBe("2026-04-09");
    expect(renewal("2026-04-09")).toMatchObject({ status: "due_soon", inGrace: true });
  });

  it("is expired after renewal plus grace", () => {
    const r = renewal("2026-04-10");
    expect(r.status).toBe("expired");
    expect(nextAction(r)?.completeBy).toBeNull();
  });
});

describe("exemptions", () => {
  // New starter 2026-01-05 (due 2026-04-05), exempt 2026-01-05 to 2026-06-30.
  const exemption = {
    from: "2026-01-05",
    to: "2026-06-30",
    reason: "Seconded",
    approvedBy: "Head of service",
  };

  it("is exempt while an exemption covers the as-at date", () => {
    // The clock restarts on 2026-07-01: due 2026-07-01 + 90 = 30 (31 Jul), 61 (31 Aug),
    // +29 -> 2026-09-29. The preview due date is shown while exempt.
    const r = status({ asAt: "2026-05-01", exemptions: [exemption] });
    expect(r).toMatchObject({ status: "exempt", exemption, dueOn: "2026-09-29" });
    expect(nextAction(r)).toBeNull();
  });

  it("applies the normal rules after the exemption ends, from a fresh 90 days", () => {
    // Due 2026-09-29; due soon from 2026-09-29 - 30 = 2026-08-30; overdue from 2026-09-30.
    expect(status({ asAt: "2026-07-01", exemptions: [exemption] })).toMatchObject({
      status: "not_yet_due",
      dueOn: "2026-09-29",
      exemption: null,
    });
    expect(status({ asAt: "2026-08-30", exemptions: [exemption] }).status).toBe("due_soon");
    expect(status({ asAt: "2026-09-30", exemptions: [exemption] }).status).toBe("overdue");
  });

  it("makes no difference when it ended before the clock started", () => {
    const old = { ...exemption, from: "2025-01-01", to: "2025-06-30" };
    expect(status({ asAt: "2026-04-06", exemptions: [old] })).toMatchObject({
      status: "overdue",
      dueOn: "2026-04-05",
    });
  });

  it("does not show lapsed learning as complete when an exemption end gives more time", () => {
    // Completed 2025-03-10, expires 2026-03-10. Exempt 2026-01-01 to 2026-05-31: restart
    // 2026-06-01, due 2026-06-01 + 90 = 29 (30 Jun), 60 (31 Jul), +30 -> 2026-08-30. On
    // 2026-06-15 the learning has lapsed but there is time: due soon, not in grace.
    const r = status({
      asAt: "2026-06-15",
      startedOn: "2025-01-06",
      completions: [done("sg-classroom", "2025-03-10")],
      exemptions: [{ ...exemption, from: "2026-01-01", to: "2026-05-31" }],
    });
    expect(r).toMatchObject({
      status: "due_soon",
      inGrace: false,
      expiresOn: "2026-03-10",
      dueOn: "2026-08-30",
    });
  });
});

describe("pauses", () => {
  // New starter 2026-01-05 (due 2026-04-05). Maternity leave 2026-02-01 to 2026-04-30:
  // 28 + 31 + 30 = 89 days, starting before the due date, so due 2026-04-05 + 89:
  // 25 (30 Apr), 56 (31 May), 86 (30 Jun), +3 -> 2026-07-03.
  const leave = { from: "2026-02-01", to: "2026-04-30", reason: "Maternity leave" };

  it("is paused while a pause covers the as-at date", () => {
    const r = status({ asAt: "2026-03-15", pauses: [leave] });
    expect(r).toMatchObject({ status: "paused", pause: leave, dueOn: "2026-07-03" });
    expect(nextAction(r)).toBeNull();
  });

  it("pushes the first due date back by the pause's length", () => {
    // Due soon from 2026-07-03 - 30 = 2026-06-03; overdue from 2026-07-04.
    expect(status({ asAt: "2026-05-01", pauses: [leave] })).toMatchObject({
      status: "not_yet_due",
      dueOn: "2026-07-03",
    });
    expect(status({ asAt: "2026-07-03", pauses: [leave] }).status).toBe("due_soon");
    expect(status({ asAt: "2026-07-04", pauses: [leave] }).status).toBe("overdue");
  });

  it("does not move a due date that had already passed when the pause started", () => {
    const late = { from: "2026-05-01", to: "2026-06-30", reason: "Long-term sickness" };
    expect(status({ asAt: "2026-07-01", pauses: [late] })).toMatchObject({
      status: "overdue",
      dueOn: "2026-04-05",
    });
  });

  it("pushes a renewal's due date back too, but not its expiry date", () => {
    // Completed 2025-03-10, expires 2026-03-10. Sick 2026-01-01 to 2026-01-31 (31 days):
    // due 2026-04-10, grace ends 2026-04-10 + 30 -> 2026-05-10.
    const r = status({
      asAt: "2026-04-20",
      startedOn: "2025-01-06",
      completions: [done("sg-classroom", "2025-03-10")],
      pauses: [{ from: "2026-01-01", to: "2026-01-31", reason: "Long-term sickness" }],
    });
    expect(r).toMatchObject({
      status: "due_soon",
      inGrace: true,
      expiresOn: "2026-03-10",
      dueOn: "2026-04-10",
      graceEndsOn: "2026-05-10",
    });
  });

  it("shows exempt, not paused, when both cover the as-at date", () => {
    const r = status({
      asAt: "2026-03-15",
      pauses: [leave],
      exemptions: [{ from: "2026-03-01", to: null, reason: "Role change", approvedBy: "Manager" }],
    });
    expect(r).toMatchObject({ status: "exempt", pause: leave });
  });
});

describe("rule versions", () => {
  // Fire safety: once only with fire-old until 2026-03-31. Started 2019-06-03, did fire-old on
  // 2023-05-15. The requirement came in on 2020-01-01, so the first due date was
  // 2020-01-01 + 90 = 2020-03-31 (2020 is a leap year).
  const v1: RequirementVersion = {
    requirementId: "fire",
    validFrom: "2020-01-01",
    validTo: "2026-03-31",
    courseIds: ["fire-old"],
    dueWithinDays: 90,
    renewEveryMonths: null,
    graceDays: 0,
    dueSoonDays: 30,
  };
  const person = { startedOn: "2019-06-03" };
  const completions = [done("fire-old", "2023-05-15")];
  const fire = (asAt: string, versions: RequirementVersion[], extra: Completion[] = []) =>
    complianceStatus({
      asAt,
      versions,
      person,
      completions: [...completions, ...extra],
      exemptions: [],
      pauses: [],
    });

  describe("a new version adds a renewal (every 36 months, same course)", () => {
    const v2: RequirementVersion = { ...v1, validFrom: "2026-04-01", validTo: null, renewEveryMonths: 36 };

    it("as at the day before the change, uses the old version: complete, never expires", () => {
      expect(fire("2026-03-31", [v1, v2])).toMatchObject({
        status: "complete",
        version: v1,
        expiresOn: null,
      });
    });

    it("from the change, the old completion expires 36 months on", () => {
      // 2023-05-15 + 36 months = 2026-05-15; due soon from 2026-04-15.
      expect(fire("2026-04-01", [v1, v2])).toMatchObject({
        status: "complete",
        version: v2,
        expiresOn: "2026-05-15",
      });
      expect(fire("2026-04-15", [v1, v2])?.status).toBe("due_soon");
    });
  });

  describe("a new version replaces the course (fire-new only)", () => {
    const v2: RequirementVersion = {
      ...v1,
      validFrom: "2026-04-01",
      validTo: null,
      courseIds: ["fire-new"],
      renewEveryMonths: 24,
      graceDays: 30,
    };

    it("without a clock restart, the old course no longer counts and the old due date stands", () => {
      expect(fire("2026-04-01", [v1, v2])).toMatchObject({
        status: "overdue",
        dueOn: "2020-03-31",
        metBy: null,
      });
    });

    it("with a clock restart, everyone gets 90 days from the change", () => {
      // 2026-04-01 + 90: 29 (30 Apr), 60 (31 May), +30 -> 2026-06-30.
      const restarting = { ...v2, restartsClock: true };
      expect(fire("2026-04-01", [v1, restarting])).toMatchObject({
        status: "not_yet_due",
        dueOn: "2026-06-30",
      });
      // Asked later "as at 31 March", the answer is still the old one.
      expect(fire("2026-03-31", [v1, restarting])).toMatchObject({ status: "complete", version: v1 });
      // Doing fire-new on 2026-05-20 meets it until 2028-05-20.
      expect(fire("2026-06-01", [v1, restarting], [done("fire-new", "2026-05-20")])).toMatchObject({
        status: "complete",
        expiresOn: "2028-05-20",
      });
    });
  });

  it("gives no answer before any version was in force", () => {
    expect(fire("2019-12-31", [v1])).toBeNull();
  });

  it("refuses overlapping versions", () => {
    const overlapping = { ...v1, validFrom: "2026-03-01", validTo: null };
    expect(() => fire("2026-03-15", [v1, overlapping])).toThrow(RangeError);
  });
});

describe("foster carers, from the approval date", () => {
  // Training, Support and Development Standards workbook, once only, due soon 60 days ahead.
  const tsd = (dueWithinDays: number): RequirementVersion => ({
    requirementId: "tsd-standards",
    validFrom: "2012-04-01",
    validTo: null,
    courseIds: ["tsd-workbook"],
    dueWithinDays,
    renewEveryMonths: null,
    graceDays: 0,
    dueSoonDays: 60,
  });
  const carer = (asAt: string, dueWithinDays: number) =>
    status({ asAt, startedOn: "2025-09-15", versions: [tsd(dueWithinDays)] });

  it("gives mainstream and short breaks carers 12 months, connected persons 18", () => {
    expect(carerDueWithinDays("mainstream")).toBe(365);
    expect(carerDueWithinDays("short_breaks")).toBe(365);
    expect(carerDueWithinDays("connected_person")).toBe(548);
  });

  it("a mainstream carer approved 2025-09-15 is due by 2026-09-15", () => {
    // 2025-09-15 + 365 = 2026-09-15 (no 29 February between). Due soon from 2026-09-15 - 60:
    // 15 back to 31 Aug, 31 back to 31 Jul, 14 more -> 2026-07-17.
    const days = carerDueWithinDays("mainstream");
    expect(carer("2026-07-16", days)).toMatchObject({ status: "not_yet_due", dueOn: "2026-09-15" });
    expect(carer("2026-07-17", days).status).toBe("due_soon");
    expect(carer("2026-09-16", days).status).toBe("overdue");
  });

  it("a connected person approved 2025-09-15 is due by 2027-03-17", () => {
    // 2025-09-15 + 548 = 2026-09-15 + 183: 15 (30 Sep), 46 (31 Oct), 76 (30 Nov), 107 (31 Dec),
    // 138 (31 Jan), 166 (28 Feb), +17 -> 2027-03-17. Not yet due when a mainstream carer is overdue.
    const days = carerDueWithinDays("connected_person");
    expect(carer("2026-09-16", days)).toMatchObject({ status: "not_yet_due", dueOn: "2027-03-17" });
    expect(carer("2027-03-18", days).status).toBe("overdue");
  });
});
