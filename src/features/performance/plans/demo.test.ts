import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { seedDemoActionPlans } from "./demo.js";

/** The demo's action plan on the small fixture council (today 23 November 2026). */
describe("seedDemoActionPlans", () => {
  let t: TestApp;
  let ctx: TenantContext;
  let id: Record<string, string>;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ ctx, id } = await seedPeopleFixture(t.app, t.tenantId));
    const accounts: [string, string][] = [
      ["senior.leader@demo.test", "dan"],
      ["hr@demo.test", "eve"],
      ["learning@demo.test", "bob"],
      ["quality@demo.test", "alice"],
      ["service.manager@demo.test", "cara"],
    ];
    await t.app.platform.data.run(ctx, async (db) => {
      for (const [email, key] of accounts)
        await t.app.auth.createUser(db, {
          email,
          displayName: email,
          personId: id[key] as string,
          roles: [{ role: "practitioner", unitId: null }],
        });
    });
    // A council with nobody in it gets no plan.
    await t.app.platform.data.system
      .insertInto("tenants")
      .values({ slug: "empty", name: "Empty Council" })
      .execute();
    await seedDemoActionPlans(t.app);
    await seedDemoActionPlans(t.app);
  }, 240_000);
  afterAll(() => t.close());

  it("adds one plan, started a year and a half ago, with Slough's seven outcomes and their measures", async () => {
    const plans = await t.database.db.selectFrom("action_plans").selectAll().execute();
    expect(plans.map((p) => [p.tenant_id, p.title, p.starts_on, p.ends_on])).toEqual([
      [t.tenantId, "Children's workforce strategy", "2025-05-23", "2028-05-22"],
    ]);
    const summary = await t.app.plans.summary(ctx);
    expect(summary?.outcomes.map((o) => `${o.outcome.number}. ${o.outcome.title}`)).toEqual([
      "1. A sufficient and stable workforce of appropriate skills and competency",
      "2. A range of effective marketing, recruitment and retention strategies",
      "3. A 'grow your own' organisation",
      "4. A child first culture",
      "5. An organisation that supports social workers to spend more time with children and families",
      "6. Quality social work practice",
      "7. A 'children's services friendly' work environment",
    ]);
    expect(summary?.outcomes[0]?.outcome.measure_keys).toEqual([
      "permanent_social_workers",
      "average_caseload",
      "audits_good_or_better",
      "assessments_in_45_days",
      "visits_in_time",
    ]);
    expect(summary?.outcomes[2]?.outcome.measure_keys).toEqual([
      "students_per_year",
      "nqsw_caseload",
      "nqsw_protected_time",
    ]);
    expect(summary?.outcomes[3]?.outcome.measure_keys).toEqual(["children_max_three_social_workers"]);
  });

  it("gives each outcome 2 to 4 owned actions over the past and next year, three of them overdue", async () => {
    const summary = await t.app.plans.summary(ctx);
    if (!summary) throw new Error("no plan");
    for (const o of summary.outcomes) expect(o.actions.length).toBeGreaterThanOrEqual(2);
    for (const o of summary.outcomes) expect(o.actions.length).toBeLessThanOrEqual(4);
    const lines = summary.outcomes.flatMap((o) => o.actions);
    const owners = new Set(lines.map((l) => l.action.owner_person_id));
    expect(owners).toEqual(new Set([id.dan, id.eve, id.bob, id.alice, id.cara]));
    const dues = lines.map((l) => l.action.due_on).sort();
    expect(dues.length).toBeGreaterThan(0);
    expect((dues[0] ?? "") < "2026-01-01").toBe(true);
    expect((dues.at(-1) ?? "") > "2027-06-01").toBe(true);
    expect(summary.counts.overdue).toBe(3);
    expect(summary.counts.complete).toBe(5);
    expect(new Set(lines.map((l) => l.action.status))).toEqual(
      new Set(["not_started", "on_track", "at_risk", "off_track", "complete"]),
    );
    // An action with updates has its latest update's status; some updates carry evidence.
    const updated = lines.filter((l) => l.lastUpdate);
    expect(updated.length).toBeGreaterThanOrEqual(4);
    for (const l of updated) expect(l.action.status).toBe(l.lastUpdate?.status);
    const updates = await t.database.db.selectFrom("plan_action_updates").select("evidence").execute();
    expect(updates.filter((u) => u.evidence).length).toBeGreaterThanOrEqual(3);
    // Written when the strategy started (its audit trail says so): last month's board report has it,
    // with the action 45 days overdue today already overdue at October's end.
    const october = await t.app.plans.summary(ctx, undefined, "2026-10-31");
    expect(october?.counts.total).toBe(summary.counts.total);
    expect(october?.counts.overdue).toBe(1);
  });

  it("renders the plan page with the demo's overdue actions", async () => {
    const cookie = await t.signIn({ roles: [{ role: "senior_leader", unitId: null }] });
    const summary = await t.app.plans.summary(ctx);
    const res = await t.app.inject({ url: `/performance/plans/${summary?.plan.id}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("3 overdue");
  });
});
