import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { type AccessScope, noScope, tenantScope } from "../../../platform/auth/principal.js";
import { computedKeys, measureKeys } from "./definitions.js";
import { addSocialWorker, addTarget, enter } from "./test-fixture.js";

/**
 * The measure library's service on the people fixture (today 23 November 2026):
 *   Children's Services D > Safeguarding S1 > Assessment T1, Family Support T2; D > Early Help S2
 * with six more permanent social workers in Assessment from 2024, so the council's workforce
 * measures count enough people to be shown.
 *
 * Targets for supervision in date: the council 90 (amber from 80) until 30 September 2026, then
 * 95 (amber from 85); Safeguarding its own 70 (amber from 60) from 1 January 2026; Early Help one
 * from 1 December 2026 only. Entered: visits in time, assessments in 45 days and inadequate audits
 * for the council, visits for the two teams.
 */
describe("the measure library's service", () => {
  let t: TestApp;
  let f: PeopleFixture;
  const id = (key: string) => f.id[key] as string;
  const perf = () => t.app.performance;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId);
    for (const name of ["Gil", "Hana", "Ivo", "Jen", "Kit", "Lou"]) {
      await addSocialWorker(t.app, f.ctx, {
        name,
        unitId: id("T1"),
        jobRoleId: id("SW"),
        from: "2024-01-01",
      });
    }
    const key = "supervision_in_date" as const;
    await addTarget(t.app, f.ctx, {
      key,
      unitId: null,
      target: 90,
      amberFrom: 80,
      from: "2025-04-01",
      to: "2026-09-30",
    });
    await addTarget(t.app, f.ctx, { key, unitId: null, target: 95, amberFrom: 85, from: "2026-10-01" });
    await addTarget(t.app, f.ctx, { key, unitId: id("S1"), target: 70, amberFrom: 60, from: "2026-01-01" });
    await addTarget(t.app, f.ctx, { key, unitId: id("S2"), target: 50, amberFrom: 40, from: "2026-12-01" });
    const visits = "visits_in_time" as const;
    await addTarget(t.app, f.ctx, {
      key: visits,
      unitId: null,
      target: 95,
      amberFrom: 90,
      from: "2025-04-01",
    });
    await addTarget(t.app, f.ctx, {
      key: "assessments_in_45_days",
      unitId: null,
      target: 95,
      amberFrom: 90,
      from: "2025-04-01",
    });
    await addTarget(t.app, f.ctx, {
      key: "audits_inadequate",
      unitId: null,
      direction: "lower",
      target: 5,
      amberFrom: 8,
      from: "2025-04-01",
    });
    await enter(t.app, f.ctx, { key: visits, unitId: null, periodEnd: "2026-11-30", value: 96 });
    await enter(t.app, f.ctx, {
      key: "assessments_in_45_days",
      unitId: null,
      periodEnd: "2026-11-30",
      value: 91,
    });
    await enter(t.app, f.ctx, { key: "audits_inadequate", unitId: null, periodEnd: "2026-11-30", value: 10 });
    await enter(t.app, f.ctx, { key: visits, unitId: id("T1"), periodEnd: "2026-11-30", value: 80 });
    await enter(t.app, f.ctx, { key: visits, unitId: id("T2"), periodEnd: "2026-11-30", value: 97 });
    await enter(t.app, f.ctx, { key: visits, unitId: id("T1"), periodEnd: "2026-10-31", value: 92 });
  });
  afterAll(() => t.close());

  describe("targets standing on a date", () => {
    it("gives the council's target as it stood: a target changed on 1 October shows the old one before", async () => {
      const sept = await perf().targetsOn(f.ctx, { unitId: null, asAt: "2026-09-15" });
      const now = await perf().targetsOn(f.ctx, { unitId: null, asAt: "2026-11-23" });
      expect(sept.get("supervision_in_date")).toMatchObject({ target: 90, amberFrom: 80, orgUnitId: null });
      expect(now.get("supervision_in_date")).toMatchObject({
        target: 95,
        amberFrom: 85,
        validFrom: "2026-10-01",
      });
      expect(now.has("average_caseload")).toBe(false);
    });

    it("inherits the nearest unit above's target, else the council's", async () => {
      const team = await perf().targetsOn(f.ctx, { unitId: id("T1"), asAt: "2026-11-23" });
      expect(team.get("supervision_in_date")).toMatchObject({ target: 70, orgUnitId: id("S1") });
      expect(team.get("visits_in_time")).toMatchObject({ target: 95, orgUnitId: null });
      // Before Safeguarding's own target started, the team had the council's.
      const before = await perf().targetsOn(f.ctx, { unitId: id("T1"), asAt: "2025-12-31" });
      expect(before.get("supervision_in_date")).toMatchObject({ target: 90, orgUnitId: null });
    });

    it("does not apply a unit's target before it starts", async () => {
      const now = await perf().targetsOn(f.ctx, { unitId: id("S2"), asAt: "2026-11-23" });
      expect(now.get("supervision_in_date")).toMatchObject({ target: 95, orgUnitId: null });
      const december = await perf().targetsOn(f.ctx, { unitId: id("S2"), asAt: "2026-12-31" });
      expect(december.get("supervision_in_date")).toMatchObject({ target: 50, orgUnitId: id("S2") });
    });

    it("follows the tree as it stood: a team moved under Early Help inherits its target from then", async () => {
      const unit = await t.app.people.createUnit(f.ctx, {
        code: "T9",
        name: "Moved Team",
        unit_type: "team",
        parent_id: id("S1"),
        valid_from: "2023-01-01",
      });
      await t.app.people.moveUnit(f.ctx, unit, id("S2"), "2026-12-15");
      const before = await perf().targetsOn(f.ctx, { unitId: unit, asAt: "2026-12-14" });
      const after = await perf().targetsOn(f.ctx, { unitId: unit, asAt: "2026-12-31" });
      expect(before.get("supervision_in_date")).toMatchObject({ target: 70, orgUnitId: id("S1") });
      expect(after.get("supervision_in_date")).toMatchObject({ target: 50, orgUnitId: id("S2") });
    });
  });

  describe("values and the scorecard", () => {
    it("shows entered values for the month, and the latest earlier month's when the month has none", async () => {
      const now = await perf().valuesOn(f.ctx, { unitId: null, asAt: "2026-11-23" });
      expect(now.get("visits_in_time")).toMatchObject({
        value: 96,
        source: "entered",
        periodEnd: "2026-11-30",
      });
      expect(now.get("children_max_three_social_workers")).toMatchObject({ value: null, source: "entered" });
      const december = await perf().valuesOn(f.ctx, { unitId: id("T1"), asAt: "2026-12-10" });
      expect(december.get("visits_in_time")).toMatchObject({ value: 80, periodEnd: "2026-11-30" });
      const october = await perf().valuesOn(f.ctx, { unitId: id("T1"), asAt: "2026-10-31" });
      expect(october.get("visits_in_time")).toMatchObject({ value: 92, periodEnd: "2026-10-31" });
    });

    it("gives every measure once, in library order, computed ones from the platform", async () => {
      const card = await perf().scorecard(f.ctx, { unitId: null, asAt: "2026-11-23" });
      expect(card.map((m) => m.key)).toEqual([...measureKeys]);
      for (const m of card.filter((c) => computedKeys.includes(c.key))) expect(m.source).toBe("computed");
    });

    it("scores each measure against the target standing: green, amber, red, and none without a target", async () => {
      const card = await perf().scorecard(f.ctx, { unitId: null, asAt: "2026-11-23" });
      const byKey = new Map(card.map((m) => [m.key, m]));
      expect(byKey.get("visits_in_time")).toMatchObject({ value: 96, rag: "green", target: { target: 95 } });
      expect(byKey.get("assessments_in_45_days")).toMatchObject({ value: 91, rag: "amber" });
      expect(byKey.get("audits_inadequate")).toMatchObject({
        value: 10,
        rag: "red",
        target: { direction: "lower" },
      });
      expect(byKey.get("audits_good_or_better")).toMatchObject({ value: null, rag: null, target: null });
    });
  });

  describe("the drill-down", () => {
    /** Sam, a service manager held on Safeguarding. */
    const sam = (): AccessScope => ({ ...noScope, unitIds: [id("S1")] });

    it("lists the units directly below, below target first, with whether each has units below", async () => {
      const below = await perf().unitsBelow(f.ctx, tenantScope, {
        key: "visits_in_time",
        unitId: id("S1"),
        asAt: "2026-11-23",
      });
      expect(below.map((u) => [u.name, u.measure.value, u.measure.rag, u.hasChildren])).toEqual([
        ["Assessment", 80, "red", false],
        ["Family Support", 97, "green", false],
        ["Moved Team", null, null, false],
      ]);
    });

    it("leaves out the units outside the viewer's scope", async () => {
      const wide = await perf().unitsBelow(f.ctx, tenantScope, {
        key: "visits_in_time",
        unitId: id("D"),
        asAt: "2026-11-23",
      });
      expect(wide.map((u) => u.name).sort()).toEqual(["Early Help", "Safeguarding"]);
      const scoped = await perf().unitsBelow(f.ctx, sam(), {
        key: "visits_in_time",
        unitId: id("D"),
        asAt: "2026-11-23",
      });
      expect(scoped.map((u) => [u.name, u.hasChildren])).toEqual([["Safeguarding", true]]);
      const top = await perf().unitsBelow(f.ctx, sam(), {
        key: "visits_in_time",
        unitId: null,
        asAt: "2026-11-23",
      });
      // At the top Sam reaches one unit: its teams are listed instead.
      expect(top.map((u) => u.name).sort()).toEqual(["Assessment", "Family Support", "Moved Team"]);
      const councilTop = await perf().unitsBelow(f.ctx, tenantScope, {
        key: "supervision_in_date",
        unitId: null,
        asAt: "2026-11-23",
      });
      // The council has one directorate: its services are listed instead.
      expect(councilTop.map((u) => u.name).sort()).toEqual(["Early Help", "Safeguarding"]);
    });
  });

  describe("monthly snapshots", () => {
    const october = "2026-10-31";

    it("writes every computed measure for the council and each unit, and the month's entries, once", async () => {
      const units = await t.app.platform.data.run(f.ctx, (db) =>
        db
          .selectFrom("org_unit_versions")
          .select("org_unit_id")
          .where("valid_from", "<=", october)
          .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", october)]))
          .execute(),
      );
      const written = await perf().takeSnapshot(f.ctx, october);
      // The council and each unit, every computed measure; one entry for October (Assessment's visits).
      expect(written).toBe((units.length + 1) * computedKeys.length + 1);
      expect(await perf().takeSnapshot(f.ctx, october)).toBe(0);
    });

    it("adds a figure entered after the job ran, but never changes one taken", async () => {
      await enter(t.app, f.ctx, { key: "visits_in_time", unitId: id("T2"), periodEnd: october, value: 88 });
      await enter(t.app, f.ctx, { key: "visits_in_time", unitId: id("T1"), periodEnd: october, value: 10 });
      expect(await perf().takeSnapshot(f.ctx, october)).toBe(1);
      const [t1] = await perf().trend(f.ctx, { key: "visits_in_time", unitId: id("T1"), periods: [october] });
      const [t2] = await perf().trend(f.ctx, { key: "visits_in_time", unitId: id("T2"), periods: [october] });
      expect(t1?.value?.value).toBe(92);
      expect(t2?.value?.value).toBe(88);
    });

    it("keeps last month's scorecard and trend as taken when today's data changes, while today's value moves", async () => {
      const card = async (asAt: string) =>
        new Map((await perf().scorecard(f.ctx, { unitId: null, asAt })).map((m) => [m.key, m.value]));
      const before = await card(october);
      const liveBefore = await card("2026-11-23");
      expect(before.get("agency_rate")).not.toBeNull();
      // Two agency social workers, back-dated to January: the computed measures as at 31 October move.
      for (const name of ["Mo", "Nia"]) {
        await addSocialWorker(t.app, f.ctx, {
          name,
          unitId: id("T1"),
          jobRoleId: id("SW"),
          from: "2026-01-01",
          contract: "agency",
        });
      }
      const recomputed = await perf().valuesOn(f.ctx, { unitId: null, asAt: october });
      expect(recomputed.get("agency_rate")?.value).not.toBe(before.get("agency_rate"));
      const liveAfter = await card("2026-11-23");
      expect(liveAfter.get("agency_rate")).not.toBe(liveBefore.get("agency_rate"));
      expect(await card(october)).toEqual(before);
      const [trend] = await perf().trend(f.ctx, { key: "agency_rate", unitId: null, periods: [october] });
      expect(trend?.value?.value).toBe(before.get("agency_rate"));
    });

    it("gives the trend with the target standing at each month end and no value for a month not taken", async () => {
      const trend = await perf().trend(f.ctx, {
        key: "visits_in_time",
        unitId: id("T1"),
        periods: ["2026-09-30", october],
      });
      expect(trend).toEqual([
        { periodEnd: "2026-09-30", value: null, target: expect.objectContaining({ target: 95 }), rag: null },
        {
          periodEnd: october,
          value: expect.objectContaining({ value: 92, source: "entered" }),
          target: expect.objectContaining({ target: 95 }),
          rag: "amber",
        },
      ]);
      const supervision = await perf().trend(f.ctx, {
        key: "supervision_in_date",
        unitId: null,
        periods: ["2026-09-30", october],
      });
      expect(supervision.map((p) => p.target?.target)).toEqual([90, 95]);
    });
    it("shows a month's snapshot in a trend asked for before it was taken: the take is audited", async () => {
      const september = "2026-09-30";
      const agency = async () =>
        (await perf().trend(f.ctx, { key: "agency_rate", unitId: null, periods: [september] }))[0]?.value;
      expect(await agency()).toBeNull();
      const written = await perf().takeSnapshot(f.ctx, september);
      expect(written).toBeGreaterThan(0);
      // Remembered trends are worked out again: the take moved the council's data version.
      expect((await agency())?.value).toEqual(expect.any(Number));
      const takes = await t.app.platform.data.run(f.ctx, (db) =>
        db
          .selectFrom("performance_snapshot_takes")
          .select(["id", "rows", "taken_by"])
          .where("period_end", "=", september)
          .execute(),
      );
      expect(takes).toEqual([{ id: expect.any(String), rows: written, taken_by: f.ctx.actor.id }]);
      const audited = await t.database.db
        .selectFrom("audit_events")
        .select("action")
        .where("record_id", "=", takes[0]?.id as string)
        .execute();
      expect(audited.map((a) => a.action)).toEqual(["insert"]);
    });
  });
});
