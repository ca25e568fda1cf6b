import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { tenantScope } from "../../../platform/auth/principal.js";
import { monthEndsBefore, placementOn } from "./compliance.js";
import { addSupervision, type ComplianceFixture, seedComplianceFixture } from "./test-fixture.js";

/** Each person's status and everyone's at once, on the fixture's small authority (23 Nov 2026). */
describe("supervision compliance", () => {
  let t: TestApp;
  let f: ComplianceFixture;
  const id = (key: string) => f.id[key] as string;
  const status = (key: string, asAt?: string) =>
    t.app.supervisionCompliance.personStatus(f.ctx, id(key), asAt);

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedComplianceFixture(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it("a social worker supervised within 4 weeks is in date", async () => {
    const s = await status("alice");
    expect(s).toMatchObject({
      lastHeldOn: "2026-11-10",
      dueOn: "2026-12-08",
      status: "in_date",
      plannedOn: null,
    });
    expect(s.rule).toMatchObject({ appliesTo: "job_role", everyValue: 4, everyUnit: "weeks" });
  });

  it("a cancelled supervision leaves the due date; its rearranged date is the next planned", async () => {
    expect(await status("dan")).toMatchObject({
      lastHeldOn: "2026-09-01",
      dueOn: "2026-09-29",
      status: "overdue",
      plannedOn: "2026-11-28",
    });
  });

  it("a part-timer under pro rata is due after the interval divided by their FTE", async () => {
    // 4 weeks at 0.5 FTE: 56 days from 1 October is 26 November, within the 7 "due soon" days.
    expect(await status("paula")).toMatchObject({ dueOn: "2026-11-26", status: "due" });
  });

  it("an NQSW follows the programme's rhythm: weekly in the first 6 weeks, then fortnightly", async () => {
    const now = await status("nia");
    expect(now.rule?.appliesTo).toBe("early_career");
    expect(now).toMatchObject({ lastHeldOn: "2026-11-20", dueOn: "2026-12-04", status: "in_date" });
    expect(await status("nia", "2026-09-20")).toMatchObject({
      lastHeldOn: "2026-09-14",
      dueOn: "2026-09-21",
      status: "due",
    });
    expect(await status("nia", "2026-10-10")).toMatchObject({ dueOn: "2026-09-28", status: "overdue" });
    // Before the enrolment starts, the social worker rule applies, from the assignment's start.
    expect(await status("nia", "2026-09-03")).toMatchObject({ dueOn: "2026-09-29", status: "in_date" });
  });

  it("someone no rule covers has no status; case supervision counts only where the rule says", async () => {
    expect(await status("bea")).toEqual({
      rule: null,
      lastHeldOn: null,
      dueOn: null,
      status: null,
      plannedOn: null,
    });
    expect(await status("eve")).toMatchObject({ lastHeldOn: null, dueOn: "2023-04-12", status: "overdue" });
    // A leaver is not placed: no rule.
    expect((await status("cara")).rule).toBeNull();
  });

  it("everyone at once agrees with each person's own status", async () => {
    const on = "2026-11-23";
    const snapshot = await t.app.supervisionCompliance.snapshot(f.ctx, [on]);
    const rows = snapshot.byDate.get(on) ?? [];
    for (const key of ["alice", "dan", "paula", "nia", "bea", "eve", "bob", "filler1"]) {
      const one = await status(key);
      const row = rows.find((r) => r.personId === id(key));
      expect({ key, dueOn: row?.dueOn, status: row?.status }).toEqual({
        key,
        dueOn: one.dueOn,
        status: one.status,
      });
    }
    expect(rows.some((r) => r.personId === id("cara"))).toBe(false);
  });

  it("the in-date percentage of a team changes when a supervision is recorded", async () => {
    const on = "2026-11-23";
    const before = await t.app.supervisionCompliance.rollup(f.ctx, tenantScope, [on]);
    expect(before.units.get(id("S2"))?.[0]).toMatchObject({ total: 5, overdue: 5, percentInDate: 0 });
    await addSupervision(t, id("filler2"), "2026-11-20");
    const after = await t.app.supervisionCompliance.rollup(f.ctx, tenantScope, [on]);
    expect(after.units.get(id("S2"))?.[0]).toMatchObject({
      total: 5,
      overdue: 4,
      inDate: 1,
      percentInDate: 20,
    });
    // The directorate counts everyone below it once (Bob works in two teams).
    const d = after.units.get(id("D"))?.[0];
    const everyone = after.everyone[0];
    expect(d?.total).toBe(everyone?.total);
    expect(d?.total).toBe(11);
  });

  it("the trend gives each month end's figure from the supervisions held by then", async () => {
    const dates = t.app.supervisionCompliance.monthEnds("2026-11-23");
    expect(dates[0]).toBe("2025-11-30");
    expect(dates.at(-1)).toBe("2026-10-31");
    const roll = await t.app.supervisionCompliance.rollup(f.ctx, tenantScope, dates);
    const early = roll.units.get(id("S2")) ?? [];
    const at = (d: string) => early[roll.dates.indexOf(d)];
    // Filler 01 was supervised on 15 June: in date at the end of June (due 27 July), not after.
    expect(at("2026-05-31")).toMatchObject({ inDate: 0, percentInDate: 0 });
    expect(at("2026-06-30")).toMatchObject({ inDate: 1, percentInDate: 20 });
    expect(at("2026-07-31")).toMatchObject({ inDate: 0, overdue: 5 });
    // Nia is not counted before she starts; the team's total moves with her.
    const t1 = roll.units.get(id("T1")) ?? [];
    expect(t1[roll.dates.indexOf("2026-08-31")]?.total).toBe(3);
    expect(t1[roll.dates.indexOf("2026-09-30")]?.total).toBe(4);
  });

  it("counts direct reports per line manager and flags those over the maximum", async () => {
    const span = await t.app.supervisionCompliance.spanOfControl(f.ctx, tenantScope, null, "2026-11-23");
    expect(span.maxDirectReports).toBe(6);
    expect(span.rows).toEqual([
      expect.objectContaining({ personId: id("mo"), name: "Mo Manager", directReports: 7, over: true }),
    ]);
    const lineManagerScope = { tenant: false, personId: id("alice"), reportsOf: id("alice"), unitIds: [] };
    const none = await t.app.supervisionCompliance.spanOfControl(f.ctx, lineManagerScope, null, "2026-11-23");
    expect(none.rows).toEqual([]);
  });

  it("months end and placements are worked out in plain dates", () => {
    expect(monthEndsBefore("2026-03-15", 3)).toEqual(["2025-12-31", "2026-01-31", "2026-02-28"]);
    const base = { orgUnitId: "u", jobRoleId: "r", careerLevel: null, lineManagerPersonId: null };
    const placement = placementOn(
      [
        { ...base, personId: "p", fte: 1, validFrom: "2020-01-01", validTo: "2022-12-31" },
        { ...base, personId: "p", fte: 0.6, validFrom: "2023-01-01", validTo: null },
        { ...base, personId: "p", fte: 0.2, orgUnitId: "v", validFrom: "2024-01-01", validTo: null },
      ],
      null,
      "2025-01-01",
    );
    expect(placement).toMatchObject({ anchorOn: "2020-01-01", unitIds: ["u", "v"] });
    expect(placement?.person.fte).toBe(0.8);
    const gap = placementOn(
      [
        { ...base, personId: "p", fte: 1, validFrom: "2020-01-01", validTo: "2022-11-30" },
        { ...base, personId: "p", fte: 1, validFrom: "2023-01-01", validTo: null },
      ],
      null,
      "2025-01-01",
    );
    expect(gap?.anchorOn).toBe("2023-01-01");
  });
});
