import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../test/support/people-fixture.js";
import { seedDemoAppraisal } from "./demo.js";
import { addPerson } from "./test-fixture.js";

/** The demo's appraisals on a small council (today 23 November 2026: the 2026 to 2027 cycle under way). */
describe("seedDemoAppraisal", () => {
  let t: TestApp;
  let f: PeopleFixture;
  const id = (key: string) => f.id[key] as string;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId, { fillers: 40 });
    await addPerson(t.app, f, "lina", ["Lina", "Line"], "T1", null);
    await addPerson(t.app, f, "pat", ["Pat", "Practitioner"], "T2", "lina");
    await addPerson(t.app, f, "quinn", ["Quinn", "Quayle"], "T2", "lina");
    await t.app.platform.data.run(f.ctx, async (w) => {
      await t.app.auth.createUser(w, {
        email: "practitioner@demo.test",
        displayName: "Pat Practitioner",
        personId: id("pat"),
        roles: [{ role: "practitioner", unitId: null }],
      });
      await t.app.auth.createUser(w, {
        email: "line.manager@demo.test",
        displayName: "Lina Line",
        personId: id("lina"),
        roles: [{ role: "line_manager", unitId: id("T1") }],
      });
    });
    await seedDemoAppraisal(t.app);
    await seedDemoAppraisal(t.app);
  }, 240_000);
  afterAll(() => t.close());

  const cycles = () =>
    db().selectFrom("appraisal_cycles").select(["id", "name"]).orderBy("starts_on").execute();

  it("adds three yearly cycles once, last year's mostly completed", async () => {
    const all = await cycles();
    expect(all.map((c) => c.name)).toEqual(["2024 to 2025", "2025 to 2026", "2026 to 2027"]);
    const last = await t.app.appraisals.completionRate(f.ctx, { cycleId: all[1]?.id ?? "", unitId: null });
    expect(last.people).toBeGreaterThan(40);
    expect(last.rate).toBeGreaterThan(0.7);
    expect(last.rate).toBeLessThan(0.95);
  });

  it("has this year's cycle under way: objectives agreed for most, a few mid-year reviews, none completed", async () => {
    const current = (await cycles())[2]?.id ?? "";
    const rows = await db()
      .selectFrom("appraisals")
      .select(["objectives_agreed_on", "mid_year_on", "completed_on"])
      .where("cycle_id", "=", current)
      .execute();
    const agreed = rows.filter((r) => r.objectives_agreed_on).length;
    const midYear = rows.filter((r) => r.mid_year_on).length;
    expect(agreed / rows.length).toBeGreaterThan(0.6);
    expect(midYear).toBeGreaterThan(0);
    expect(midYear).toBeLessThan(agreed / 2);
    expect(rows.filter((r) => r.completed_on)).toEqual([]);
  });

  it("gives the demo practitioner objectives and a development need, and leaves one of the line manager's team not started", async () => {
    const current = (await cycles())[2]?.id ?? "";
    const own = await db()
      .selectFrom("appraisals")
      .select(["id", "objectives_agreed_on", "appraiser_person_id"])
      .where("cycle_id", "=", current)
      .where("person_id", "=", id("pat"))
      .executeTakeFirstOrThrow();
    expect(own.appraiser_person_id).toBe(id("lina"));
    expect(own.objectives_agreed_on).not.toBeNull();
    const objectives = await db()
      .selectFrom("appraisal_objectives")
      .select("objective")
      .where("appraisal_id", "=", own.id)
      .execute();
    expect(objectives.length).toBeGreaterThanOrEqual(2);
    const needs = await db()
      .selectFrom("appraisal_development_needs as d")
      .innerJoin("learning_needs as n", "n.id", "d.need_id")
      .select(["n.source", "n.person_id", "d.appraisal_id"])
      .execute();
    expect(needs.length).toBeGreaterThan(1);
    expect(needs.every((n) => n.source === "appraisal")).toBe(true);
    expect(needs.some((n) => n.appraisal_id === own.id)).toBe(true);
    const quinn = await db()
      .selectFrom("appraisals")
      .select("id")
      .where("cycle_id", "=", current)
      .where("person_id", "=", id("quinn"))
      .executeTakeFirst();
    expect(quinn).toBeUndefined();
  });
});
