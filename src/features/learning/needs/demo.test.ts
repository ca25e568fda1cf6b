import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { html } from "../../../../test/support/html.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { seedDemoCatalogue } from "../demo/seed.js";
import { seedDemoNeeds } from "./demo.js";

describe("the demo learning needs", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await seedPeopleFixture(t.app, t.tenantId, { fillers: 20 });
    await seedDemoCatalogue(t.app);
  });
  afterAll(() => t.close());

  it("gives every core course demand and planned places in the year being planned, once", async () => {
    const made = await seedDemoNeeds(t.app);
    expect(made).toBeGreaterThan(49);
    expect(await seedDemoNeeds(t.app)).toBe(0);

    const lnd = await t.signIn({ roles: [{ role: "learning_and_development_officer", unitId: null }] });
    const res = await t.app.inject({ url: "/learning/needs/analysis", headers: { cookie: lnd } });
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    const core = page
      .querySelectorAll('[data-table="courses"] tbody tr')
      .map((r) => r.querySelectorAll("th, td").map((c) => c.textContent.trim()))
      .filter((c) => c[1] === "Core");
    expect(core).toHaveLength(49);
    for (const row of core) {
      expect(Number(row[2])).toBeGreaterThan(0);
      expect(Number(row[6])).toBeGreaterThan(0);
    }
    expect(page.querySelectorAll('[data-table="themes"] tbody tr').length).toBeGreaterThan(0);
    const csv = await t.app.inject({ url: "/learning/needs/analysis?format=csv", headers: { cookie: lnd } });
    expect(csv.body.split("\n").length).toBeGreaterThan(50);
    const xlsx = await t.app.inject({
      url: "/learning/needs/analysis?format=xlsx",
      headers: { cookie: lnd },
    });
    expect(xlsx.statusCode).toBe(200);
  });
});
