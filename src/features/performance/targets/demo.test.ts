import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { seedDemoPerformanceEntries } from "../entries/demo.js";
import { enteredKeys } from "../library/definitions.js";
import { seedDemoPerformanceTargets } from "./demo.js";

/** The demo's targets, owners and entered values (today 23 November 2026), seeded twice, written once. */
describe("the performance demo seeds", () => {
  let t: TestApp;
  let f: PeopleFixture;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId);
    for (const [email, person] of [
      ["senior.leader@demo.test", "alice"],
      ["quality@demo.test", "bob"],
    ] as const)
      await t.app.platform.data.run(f.ctx, (db) =>
        t.app.auth.createUser(db, {
          email,
          displayName: email,
          personId: f.id[person] as string,
          roles: [{ role: "practitioner", unitId: null }],
        }),
      );
    for (let i = 0; i < 2; i++) {
      await seedDemoPerformanceTargets(t.app);
      await seedDemoPerformanceEntries(t.app);
    }
  }, 120_000);
  afterAll(() => t.close());

  it("sets Slough's targets council-wide from a year ago, once", async () => {
    const rows = await t.database.db
      .selectFrom("performance_targets")
      .selectAll()
      .orderBy("measure_key")
      .execute();
    expect(rows).toHaveLength(19);
    expect(new Set(rows.map((r) => r.valid_from))).toEqual(new Set(["2025-11-23"]));
    expect(rows.every((r) => r.org_unit_id === null && r.valid_to === null)).toBe(true);
    const by = new Map(rows.map((r) => [r.measure_key, r]));
    const pick = (key: string) => {
      const r = by.get(key);
      return [r?.direction, Number(r?.target), Number(r?.amber_from), r?.target_date];
    };
    expect(pick("permanent_social_workers")).toEqual(["higher", 80, 70, "2017-03-31"]);
    expect(pick("average_caseload")).toEqual(["lower", 16, 18, "2015-03-31"]);
    expect(pick("audits_inadequate")).toEqual(["lower", 5, 8, "2016-03-31"]);
    expect(pick("supervision_in_date")).toEqual(["higher", 90, 80, null]);
  });

  it("names owners from the demo accounts that exist", async () => {
    const owners = await t.database.db.selectFrom("performance_measure_owners").selectAll().execute();
    const of = new Map(owners.map((o) => [o.measure_key, o.owner_person_id]));
    expect(owners).toHaveLength(8);
    expect(of.get("permanent_social_workers")).toBe(f.id.alice);
    expect(of.get("supervision_in_date")).toBe(f.id.bob);
    expect(of.has("agency_rate")).toBe(false); // no hr@demo.test account here
  });

  it("enters 12 months of plausible council-wide values ending last month, once", async () => {
    const rows = await t.database.db.selectFrom("performance_entries").selectAll().execute();
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.measure_key))).toEqual(new Set(enteredKeys));
    const months = [...new Set(rows.map((r) => r.period_end))].sort();
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2025-11-30");
    expect(months.at(-1)).toBe("2026-10-31");
    const range = (key: string) => {
      const values = rows.filter((r) => r.measure_key === key).map((r) => Number(r.value));
      return [Math.min(...values), Math.max(...values)];
    };
    const [aLow, aHigh] = range("assessments_in_45_days");
    expect(aLow).toBeGreaterThanOrEqual(87.5);
    expect(aHigh).toBeLessThanOrEqual(96.5);
    const [iLow, iHigh] = range("audits_inadequate");
    expect(iLow).toBeGreaterThanOrEqual(2);
    expect(iHigh).toBeLessThanOrEqual(10);
    for (const r of rows)
      expect(Number(r.value)).toBeCloseTo((Number(r.numerator) / Number(r.denominator)) * 100, 1);
  });
});
