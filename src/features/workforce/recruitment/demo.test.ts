import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessFixture, seedAccessFixture } from "../../../../test/support/access-fixture.js";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { seedDemoRecruitment } from "./demo.js";

/** The demo's recruitment on the access fixture council (today 23 November 2026). */
describe("seedDemoRecruitment", () => {
  let t: TestApp;
  let f: AccessFixture;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedAccessFixture(t);
    const ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
    const unit = (key: "in scope" | "out of scope", role: string) => f.roles[role]?.unit[key] as string;
    await t.app.platform.data.run(ctx, async (db) => {
      await t.app.auth.createUser(db, {
        email: "service.manager@demo.test",
        displayName: "Sam Service",
        personId: f.roles.service_manager?.personId ?? null,
        roles: [{ role: "service_manager", unitId: f.roles.service_manager?.unit.own as string }],
      });
      // Social worker posts in a second team inside Sam's service and one outside it.
      const sw = await db
        .selectFrom("job_roles")
        .select("id")
        .where("code", "=", "SW")
        .executeTakeFirstOrThrow();
      for (const [reference, orgUnit] of [
        ["FS1", f.roles.practitioner?.unit.own as string],
        ["CS1", unit("out of scope", "senior_leader")],
      ] as const) {
        await db
          .insertInto("posts")
          .values({ reference, org_unit_id: orgUnit, job_role_id: sw.id, fte: 1, valid_from: "2024-01-01" })
          .execute();
      }
    });
    await seedDemoRecruitment(t.app);
    await seedDemoRecruitment(t.app);
  }, 240_000);
  afterAll(() => t.close());

  it("adds seven campaigns once, one open now, some filled, one in the service manager's service", async () => {
    const campaigns = await t.database.db
      .selectFrom("recruitment_campaigns")
      .select(["id", "reference", "status", "org_unit_id", "advert_opens_on"])
      .where("tenant_id", "=", t.tenantId)
      .orderBy("advert_opens_on")
      .execute();
    expect(campaigns).toHaveLength(7);
    expect(campaigns.filter((c) => c.status === "open")).toHaveLength(1);
    expect(campaigns.at(-1)?.status).toBe("open");
    expect(campaigns.filter((c) => c.status === "filled").length).toBeGreaterThanOrEqual(3);
    expect((campaigns[0]?.advert_opens_on ?? "") >= "2025-11-23").toBe(true);
    const units = new Set(campaigns.map((c) => c.org_unit_id));
    expect(units.size).toBeGreaterThanOrEqual(2);
    const sams = await t.app.people.orgTree(
      { tenantId: t.tenantId, actor: { id: "system:test" } },
      {
        tenant: false,
        personId: null,
        reportsOf: null,
        unitIds: [f.roles.service_manager?.unit.own as string],
      },
    );
    const reach = new Set(sams.rows.map((r) => r.orgUnitId));
    expect(campaigns.some((c) => reach.has(c.org_unit_id))).toBe(true);
  });

  it("gives each 5 to 25 applicants with consistent stage histories, some withdrawn and some started", async () => {
    const applicants = await t.database.db
      .selectFrom("recruitment_applicants")
      .select(["id", "campaign_id", "stage", "stage_on"])
      .where("tenant_id", "=", t.tenantId)
      .execute();
    const events = await t.database.db
      .selectFrom("recruitment_stage_events")
      .select(["applicant_id", "stage", "on_date"])
      .where("tenant_id", "=", t.tenantId)
      .orderBy("on_date")
      .orderBy("created_at")
      .execute();
    const perCampaign = new Map<string, number>();
    for (const a of applicants) perCampaign.set(a.campaign_id, (perCampaign.get(a.campaign_id) ?? 0) + 1);
    for (const n of perCampaign.values()) expect(n >= 5 && n <= 25).toBe(true);
    for (const a of applicants) {
      const mine = events.filter((e) => e.applicant_id === a.id);
      expect(mine[0]?.stage).toBe("applied");
      expect(mine.at(-1)).toMatchObject({ stage: a.stage, on_date: a.stage_on });
      expect(mine.every((e) => e.on_date <= "2026-11-23")).toBe(true);
    }
    expect(applicants.some((a) => a.stage === "withdrawn")).toBe(true);
    expect(applicants.some((a) => a.stage === "started")).toBe(true);
  });

  it("shows the measures on the recruitment page", async () => {
    const cookie = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
    const res = await t.app.inject({ url: "/workforce/recruitment", headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Advert opening to offer accepted");
  });
});
