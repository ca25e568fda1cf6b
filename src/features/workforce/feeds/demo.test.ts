import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { seedDemoWorkforceFeeds } from "./demo.js";

/** The demo's workforce feeds on the small fixture council with 60 more staff (today 23 November 2026). */
describe("seedDemoWorkforceFeeds", () => {
  let t: TestApp;
  let f: PeopleFixture;
  const run = <T>(fn: (db: TenantDb) => Promise<T>) => t.app.platform.data.run(f.ctx, fn);

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId, { fillers: 60 });
    await seedDemoWorkforceFeeds(t.app);
    await seedDemoWorkforceFeeds(t.app);
  }, 300_000);
  afterAll(() => t.close());

  it("records sickness absence by month for three census years, at a rate near the DfE's", async () => {
    const rows = await run((db) =>
      db
        .selectFrom("sickness_absences")
        .select(["person_id", "period_from", "period_to", "working_days_lost"])
        .execute(),
    );
    const months = new Set(rows.map((r) => r.period_from));
    expect(months.size).toBe(36);
    expect([...months].sort()[0]).toBe("2023-10-01");
    expect(rows.every((r) => r.period_to <= "2026-09-30")).toBe(true);
    // Dan is agency: HR has no absence for him.
    expect(rows.some((r) => r.person_id === f.id.dan)).toBe(false);
    const zero = rows.filter((r) => Number(r.working_days_lost) === 0).length;
    expect(zero / rows.length).toBeGreaterThan(0.7);
    // Days lost over the FTE's working days (about 21 a month).
    const days = rows.reduce((s, r) => s + Number(r.working_days_lost), 0);
    const fteMonths = await run(async (db) => {
      const a = await db
        .selectFrom("assignments")
        .select(["person_id", "fte"])
        .where("contract_type", "=", "permanent")
        .execute();
      return a;
    });
    const fteOf = new Map<string, number>();
    for (const a of fteMonths)
      fteOf.set(a.person_id, Math.min(1, (fteOf.get(a.person_id) ?? 0) + Number(a.fte)));
    const available = rows.reduce((s, r) => s + (fteOf.get(r.person_id) ?? 1) * 21.7, 0);
    const rate = (100 * days) / available;
    expect(rate).toBeGreaterThan(2.5);
    expect(rate).toBeLessThan(5);
  });

  it("gives each agency assignment a placement, an agency and the worker an ID, and adds stability", async () => {
    const placements = await run((db) => db.selectFrom("agency_placements").selectAll().execute());
    expect(placements).toHaveLength(1);
    expect(placements[0]).toMatchObject({
      placement_ref: "PL-10001",
      person_id: f.id.dan,
      post_id: f.id.P2,
      org_unit_id: f.id.T1,
      starts_on: "2024-01-15",
      ends_on: null,
    });
    expect(placements[0]?.agency_name).toMatch(/\w/);
    const stability = await run((db) =>
      db
        .selectFrom("stability_figures")
        .select(["census_year", "org_unit_id"])
        .orderBy("census_year")
        .execute(),
    );
    expect(stability).toEqual([
      { census_year: 2024, org_unit_id: null },
      { census_year: 2025, org_unit_id: null },
      { census_year: 2026, org_unit_id: null },
    ]);
    const runs = await run((db) =>
      db.selectFrom("workforce_feed_runs").select("kind").orderBy("kind").execute(),
    );
    expect(runs.map((r) => r.kind)).toEqual(["absence", "agency", "stability"]);

    // The provider's next file with the same placement changes nothing.
    const link = await run((db) =>
      db
        .selectFrom("person_source_ids")
        .select("external_id")
        .where("source", "=", "msp")
        .executeTakeFirstOrThrow(),
    );
    const again = await t.app.workforceFeeds.importAgency(f.ctx, {
      filename: "msp.csv",
      trigger: "feed",
      content: Buffer.from(
        `Placement reference,Agency,Worker ID,First name,Last name,SWE number,Team code,Job role code,Post reference,FTE,Start date,End date\nPL-10001,${placements[0]?.agency_name},${link.external_id},Dan,Davis,,T1,SW,P2,1,2024-01-15,\n`,
      ),
    });
    expect(again).toMatchObject({ applied: 0, unchanged: 1, rejected: 0 });
  });
});
