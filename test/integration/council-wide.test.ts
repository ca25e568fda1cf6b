import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/app.js";
import { seedPeopleFixture } from "../support/people-fixture.js";

/**
 * Pages that read or change the whole council's data (the people and workforce feeds, settings,
 * role mapping, the forecast's assumptions, the census) are marked `councilWide`: HR held on one
 * unit may not open them, HR held council-wide may.
 */
describe("council-wide routes", () => {
  let t: TestApp;
  let unitHr: string;
  let councilHr: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const f = await seedPeopleFixture(t.app, t.tenantId);
    unitHr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: f.id.T1 ?? null }] });
    councilHr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
  }, 240_000);
  afterAll(() => t.close());

  const marked = () => t.app.declaredRoutes.filter((r) => r.councilWide);

  it("marks every route of the feeds, settings, role mapping, assumptions and census return", () => {
    const expected = t.app.declaredRoutes.filter(
      (r) =>
        (r.permission === "workforce.manage" && !r.url.startsWith("/workforce/census/people/")) ||
        r.permission === "people.feeds.manage",
    );
    expect(expected.length).toBeGreaterThan(25);
    const markedRoutes = new Set(marked().map((r) => `${r.method} ${r.url}`));
    expect(expected.map((r) => `${r.method} ${r.url}`).filter((r) => !markedRoutes.has(r))).toEqual([]);
    // The council's board report and action plans are marked too.
    expect(markedRoutes.has("GET /performance/board")).toBe(true);
    expect(markedRoutes.has("POST /performance/plans/new")).toBe(true);
  });

  it("refuses HR held on one unit and lets council-wide HR in", async () => {
    const pages = marked().filter((r) => r.method === "GET" && !r.url.includes(":"));
    expect(pages.length).toBeGreaterThan(8);
    for (const { url } of pages) {
      expect((await t.app.inject({ url, headers: { cookie: unitHr } })).statusCode, url).toBe(403);
      expect((await t.app.inject({ url, headers: { cookie: councilHr } })).statusCode, url).not.toBe(403);
    }
  });

  it("refuses a change from HR held on one unit before the form is read", async () => {
    const post = marked().find((r) => r.method === "POST" && r.url === "/workforce/settings");
    expect(post).toBeDefined();
    const page = await t.app.inject({ url: "/workforce/settings", headers: { cookie: councilHr } });
    expect(page.statusCode).toBe(200);
    const res = await t.app.inject({
      method: "POST",
      url: "/workforce/settings",
      headers: { cookie: unitHr, "content-type": "application/x-www-form-urlencoded" },
      payload: "working_days_per_year=200",
    });
    expect(res.statusCode).toBe(403);
    const settings = await t.app.platform.data.system.selectFrom("workforce_settings").selectAll().execute();
    expect(settings.every((s) => s.working_days_per_year !== 200)).toBe(true);
  });
});
