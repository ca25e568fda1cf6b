import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { seedDemoUsers } from "../../auth/demo-users.js";
import { seedDemoIfEmpty } from "../../people/demo/seed-demo.js";
import { seedDemoSupervisionRecords } from "./demo.js";

/**
 * The demo seed on a generated authority of 200 staff (today 23 November 2026), with rules like
 * the demo policy's: qualified social work roles every 4 weeks, everyone else every 6 weeks.
 */
describe("seedDemoSupervisionRecords", () => {
  let t: TestApp;
  let ctx: TenantContext;
  let added = 0;
  let seconds = 0;

  beforeAll(async () => {
    t = await buildTestApp();
    ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
    await seedDemoIfEmpty(t.app, { staff: 200 });
    await seedDemoUsers(t.app);
    await t.app.platform.data.run(ctx, async (db) => {
      const qualified = await db
        .selectFrom("job_roles")
        .select("id")
        .where("social_work_qualified", "=", true)
        .execute();
      await db
        .insertInto("supervision_policy_rules")
        .values([
          {
            applies_to: "default",
            every_value: 6,
            every_unit: "weeks",
            valid_from: "2020-01-01",
            created_by: "test",
          },
          ...qualified.map((r) => ({
            applies_to: "job_role" as const,
            job_role_id: r.id,
            every_value: 4,
            every_unit: "weeks" as const,
            valid_from: "2020-01-01",
            created_by: "test",
          })),
        ])
        .execute();
    });
    const started = Date.now();
    added = await seedDemoSupervisionRecords(t.app);
    seconds = (Date.now() - started) / 1000;
  }, 300_000);
  afterAll(() => t.close());

  const personOf = async (email: string) =>
    (
      await t.database.db
        .selectFrom("users")
        .select("person_id")
        .where("email", "=", email)
        .where("tenant_id", "=", t.tenantId)
        .executeTakeFirstOrThrow()
    ).person_id as string;

  /** The assignments open today whose column is the given person. */
  const assignmentsToday = (column: "person_id" | "line_manager_person_id", personId: string) => {
    const today = t.app.people.today();
    return t.database.db
      .selectFrom("assignments")
      .select(["person_id", "org_unit_id"])
      .where(column, "=", personId)
      .where("valid_from", "<=", today)
      .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", today)]))
      .execute();
  };

  it("adds 18 months of records quickly, and nothing on a second run", async () => {
    expect(added).toBeGreaterThan(1000);
    expect(seconds).toBeLessThan(60); // about 2 seconds on a quiet machine
    expect(await seedDemoSupervisionRecords(t.app)).toBe(0);
    const kinds = await t.database.db
      .selectFrom("supervisions")
      .select(["status", "source", "kind"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("tenant_id", "=", t.tenantId)
      .groupBy(["status", "source", "kind"])
      .execute();
    const count = (f: (k: (typeof kinds)[number]) => boolean) =>
      kinds.filter(f).reduce((sum, k) => sum + Number(k.n), 0);
    expect(count((k) => k.status === "cancelled")).toBeGreaterThan(20);
    expect(count((k) => k.source === "imported" && k.kind === "case")).toBeGreaterThan(10);
    expect(count((k) => k.kind === "group" || k.kind === "practice_model_group")).toBeGreaterThan(20);
  });

  it("gives a believable in-date percentage that changes over time", async () => {
    const dates = t.app.supervisionCompliance.monthEnds();
    const snapshot = await t.app.supervisionCompliance.snapshot(ctx, dates);
    const percents = dates.slice(-12).map((on) => {
      const counted = (snapshot.byDate.get(on) ?? []).filter((p) => p.status !== null);
      const inDate = counted.filter((p) => p.status !== "overdue").length;
      return Math.round((100 * inDate) / Math.max(1, counted.length));
    });
    for (const p of percents) {
      expect(p).toBeGreaterThanOrEqual(75);
      expect(p).toBeLessThanOrEqual(95);
    }
    expect(new Set(percents).size).toBeGreaterThan(3);
  });

  it("has someone overdue in the line manager's team, and the practitioner in date with a note", async () => {
    const lina = await personOf("line.manager@demo.test");
    const pat = await personOf("practitioner@demo.test");
    const team = await assignmentsToday("line_manager_person_id", lina);
    const statuses = await Promise.all(
      team.map(async (m) => (await t.app.supervisionCompliance.personStatus(ctx, m.person_id)).status),
    );
    expect(statuses).toContain("overdue");
    expect((await t.app.supervisionCompliance.personStatus(ctx, pat)).status).not.toBe("overdue");
    const notes = await t.database.db
      .selectFrom("supervision_notes as n")
      .innerJoin("supervisions as s", "s.id", "n.supervision_id")
      .select("s.person_id")
      .where("n.tenant_id", "=", t.tenantId)
      .execute();
    expect(notes.map((n) => n.person_id)).toEqual([pat]);
  });

  it("keeps the line manager's service behind the rest and below the 90% target over the year", async () => {
    const lina = await personOf("line.manager@demo.test");
    const today = t.app.people.today();
    const versions = await t.database.db
      .selectFrom("org_unit_versions")
      .select(["org_unit_id", "parent_id", "unit_type"])
      .where("tenant_id", "=", t.tenantId)
      .where("valid_from", "<=", today)
      .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", today)]))
      .execute();
    const unit = new Map(versions.map((v) => [v.org_unit_id, v]));
    const serviceOf = (id: string | null | undefined): string | null => {
      for (let at = id ?? null; at; at = unit.get(at)?.parent_id ?? null) {
        if (unit.get(at)?.unit_type === "service") return at;
      }
      return null;
    };
    const behind = serviceOf((await assignmentsToday("person_id", lina))[0]?.org_unit_id);
    expect(behind).not.toBeNull();
    const dates = t.app.supervisionCompliance.monthEnds().slice(-12);
    const snapshot = await t.app.supervisionCompliance.snapshot(ctx, dates);
    const percent = (people: Array<{ status: string | null }>) => {
      const counted = people.filter((p) => p.status !== null);
      return (100 * counted.filter((p) => p.status !== "overdue").length) / Math.max(1, counted.length);
    };
    let behindSum = 0;
    let restSum = 0;
    for (const on of dates) {
      const placed = snapshot.byDate.get(on) ?? [];
      const inBehind = placed.filter((p) => p.unitIds.some((u) => serviceOf(u) === behind));
      const rest = placed.filter((p) => !p.unitIds.some((u) => serviceOf(u) === behind));
      expect(inBehind.length, on).toBeGreaterThan(10);
      expect(percent(rest), on).toBeGreaterThan(75);
      behindSum += percent(inBehind);
      restSum += percent(rest);
    }
    // Behind on average, not in every month: a month can still reach the target by chance.
    expect(behindSum / dates.length).toBeLessThan(85);
    expect(behindSum / dates.length).toBeLessThan(restSum / dates.length - 5);
  });
});
