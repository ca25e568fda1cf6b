import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { addDays } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { addEvidence, buildWorld, dayIn, pick, seeded } from "./random-world.js";

/**
 * The proof the issue asks for: the precomputed table (learning_compliance), kept up to date only
 * through the stale marks the database triggers leave, always equals the computation from the
 * records, over random councils, random changes made with plain SQL, a rule change and a new day.
 */
describe("the precomputed compliance table", () => {
  let t: TestApp;
  let ctx: TenantContext;

  beforeAll(async () => {
    t = await buildTestApp();
    ctx = { tenantId: t.tenantId, actor: { id: "test:proof" } };
  });
  afterAll(() => t.close());

  const key = (r: { personId: string; requirementId: string }) => `${r.personId}:${r.requirementId}`;

  /** The table, and the live computation for everyone, as comparable rows. */
  async function compare() {
    const today = t.app.compliance.today();
    const stored = await t.app.platform.data.run(ctx, (db) =>
      db.selectFrom("learning_compliance").selectAll().execute(),
    );
    const people = await t.app.platform.data.run(ctx, (db) => db.selectFrom("people").select("id").execute());
    const live = await t.app.compliance.statusesAsAt(
      ctx,
      people.map((p) => p.id),
      today,
    );
    const fromTable = stored
      .map((s) => ({
        personId: s.person_id,
        requirementId: s.requirement_id,
        asAt: String(s.as_at),
        orgUnitId: s.org_unit_id,
        status: s.status,
        dueOn: s.due_on,
        expiresOn: s.expires_on,
        graceEndsOn: s.grace_ends_on,
        metOn: s.met_on,
        metCourseId: s.met_course_id,
      }))
      .sort((a, b) => key(a).localeCompare(key(b)));
    const computed = live
      .map((s) => ({
        personId: s.personId,
        requirementId: s.requirementId,
        asAt: today,
        orgUnitId: s.orgUnitId,
        status: s.status,
        dueOn: s.dueOn,
        expiresOn: s.expiresOn,
        graceEndsOn: s.graceEndsOn,
        metOn: s.metOn,
        metCourseId: s.metCourseId,
      }))
      .sort((a, b) => key(a).localeCompare(key(b)));
    return { fromTable, computed };
  }

  async function expectTableEqualsComputation() {
    const { fromTable, computed } = await compare();
    expect(fromTable).toEqual(computed);
    const stale = await t.app.platform.data.run(ctx, (db) =>
      db.selectFrom("learning_compliance_stale").select("id").execute(),
    );
    expect(stale).toHaveLength(0);
    return computed;
  }

  for (const seed of [11, 2027, 4242, 90210]) {
    it(`stays equal to the computation through random changes (seed ${seed})`, async () => {
      const r = seeded(seed);
      const today = t.app.compliance.today();
      const world = await t.app.platform.data.run(ctx, (db) => buildWorld(db, r, `s${seed}`, today));

      // The inserts marked the people and (through the versions) everyone.
      const first = await t.app.compliance.refreshStale(ctx);
      expect(first.full).toBe(true);
      const statuses = await expectTableEqualsComputation();
      expect(new Set(statuses.map((s) => s.status)).size).toBeGreaterThanOrEqual(3);

      // Changes to records, exemptions, pauses, assignments and people: only those people.
      await t.app.platform.data.run(ctx, async (db) => {
        for (let i = 0; i < 6; i += 1) {
          await addEvidence(db, r, pick(r, world.everyone), world.courses, world.requirements);
        }
        const records = await db
          .selectFrom("learning_records")
          .select(["id", "verification"])
          .where("person_id", "in", world.everyone)
          .execute();
        for (const rec of records.filter(() => r() < 0.2)) {
          await db
            .updateTable("learning_records")
            .set({ verification: rec.verification === "verified" ? "awaiting" : "verified" })
            .where("id", "=", rec.id)
            .execute();
        }
        for (const rec of records.filter(() => r() < 0.1)) {
          await db.deleteFrom("learning_records").where("id", "=", rec.id).execute();
        }
        await db.deleteFrom("learning_pauses").where("person_id", "in", some3(world.everyone)).execute();
        await db
          .updateTable("learning_exemptions")
          .set({ to_on: addDays(today, 10) })
          .where("person_id", "in", world.everyone)
          .where("from_on", "<=", addDays(today, 10))
          .execute();
        const leaver = pick(r, world.staff);
        await db
          .updateTable("assignments")
          .set({ valid_to: addDays(today, -Math.floor(r() * 30)) })
          .where("person_id", "=", leaver)
          .where("valid_to", "is", null)
          .execute();
        const mover = pick(r, world.staff);
        await db
          .updateTable("assignments")
          .set({ org_unit_id: pick(r, world.units) })
          .where("person_id", "=", mover)
          .execute();
        await db
          .updateTable("people")
          .set({ started_on: dayIn(r, "2023-01-01", 1000) })
          .where("id", "=", pick(r, world.staff))
          .execute();
      });
      // The changes matter: before the refresh the table is out of date.
      const before = await compare();
      expect(before.fromTable).not.toEqual(before.computed);
      const partial = await t.app.compliance.refreshStale(ctx);
      expect(partial.full).toBe(false);
      expect(partial.people).toBeGreaterThan(0);
      await expectTableEqualsComputation();

      // A household's approval changes: its carers.
      await t.app.platform.data.run(ctx, (db) =>
        db
          .updateTable("foster_households")
          .set({ approved_on: dayIn(r, "2024-06-01", 800), approval_type: "connected_person" })
          .where("name", "=", `Household s${seed}`)
          .execute(),
      );
      expect((await t.app.compliance.refreshStale(ctx)).full).toBe(false);
      await expectTableEqualsComputation();

      // A rule change: everyone.
      await t.app.platform.data.run(ctx, (db) =>
        db
          .updateTable("learning_requirement_versions")
          .set({ due_within_days: 10 + Math.floor(r() * 100), grace_days: Math.floor(r() * 30) })
          .where("requirement_id", "=", pick(r, world.requirements))
          .execute(),
      );
      expect((await t.app.compliance.refreshStale(ctx)).full).toBe(true);
      await expectTableEqualsComputation();

      // A new day: the table's date is old, so everything is worked out again.
      t.clock.advanceDays(1 + Math.floor(r() * 90));
      expect((await t.app.compliance.refreshStale(ctx)).full).toBe(true);
      await expectTableEqualsComputation();
      const dates = await t.app.platform.data.run(ctx, (db) =>
        db.selectFrom("learning_compliance").select(sql<string>`distinct as_at::text`.as("d")).execute(),
      );
      expect(dates.map((d) => d.d)).toEqual([t.app.compliance.today()]);

      // Nothing stale: nothing recomputed.
      expect(await t.app.compliance.refreshStale(ctx)).toEqual({ full: false, people: 0 });
    });
  }

  function some3<T>(xs: T[]): T[] {
    return xs.slice(0, 3);
  }
});
