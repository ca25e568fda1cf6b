import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { seedDemoCatalogue } from "../demo/seed.js";
import { seedDemoRequirements } from "./demo.js";

describe("the demo requirements", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await seedPeopleFixture(t.app, t.tenantId);
    await seedDemoCatalogue(t.app);
  });
  afterAll(() => t.close());

  it("makes requirements on the demo catalogue's courses once, one with a later version", async () => {
    const ctx = { tenantId: t.tenantId, actor: { id: "system:demo" } };
    const made = await seedDemoRequirements(t.app, ctx);
    expect(made).toBeGreaterThanOrEqual(6);
    expect(await seedDemoRequirements(t.app, ctx)).toBe(0);
    const list = await t.app.requirements.list(ctx);
    expect(list).toHaveLength(made);
    expect(list.every((r) => r.state === "in_force" && r.courses.length > 0)).toBe(true);
    const gdpr = list.find((r) => r.requirement.code === "DATA-PROTECTION");
    expect(gdpr?.version?.renewEveryMonths).toBe(12);
    const history = await t.app.requirements.get(ctx, gdpr?.requirement.id ?? "");
    expect(history?.history).toHaveLength(2);
    const sos = list.find((r) => r.requirement.code === "SOS-INTRO");
    expect(sos?.version?.jobRoleIds.length).toBeGreaterThan(0);
    const page = await t.app.inject({
      url: "/learning/requirements",
      headers: { cookie: await t.signIn({ roles: [{ role: "practitioner", unitId: null }] }) },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Paediatric First Aid");
  });
});
