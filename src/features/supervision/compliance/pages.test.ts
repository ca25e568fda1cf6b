import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { html, text } from "../../../../test/support/html.js";
import { type ComplianceFixture, seedComplianceFixture } from "./test-fixture.js";

/**
 * The compliance pages on the fixture's small authority (23 November 2026): home, dashboard,
 * overdue list and span of control, with access by scope and exports.
 */
describe("supervision compliance pages", () => {
  let t: TestApp;
  let f: ComplianceFixture;
  let hr: string;
  let mo: string;
  let alice: string;
  let serviceManager: string;
  let earlyHelpManager: string;
  const id = (key: string) => f.id[key] as string;
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const rows = (body: string, table: string) =>
    html(body)
      .querySelectorAll(`[${table}] tbody tr`)
      .map((tr) => tr.querySelectorAll("th, td").map((c) => text(c)));

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedComplianceFixture(t);
    hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
    mo = await t.signIn({ roles: [{ role: "line_manager", unitId: id("T1") }], personId: id("mo") });
    alice = await t.signIn({ roles: [{ role: "practitioner", unitId: id("T1") }], personId: id("alice") });
    serviceManager = await t.signIn({
      roles: [{ role: "service_manager", unitId: id("S1") }],
      personId: id("mo"),
    });
    earlyHelpManager = await t.signIn({ roles: [{ role: "service_manager", unitId: id("S2") }] });
  });
  afterAll(async () => {
    await t.close();
  });

  it("home shows a practitioner their own status and next due date, and no one else's", async () => {
    const res = await get("/supervision", alice);
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(text(page.querySelector("[data-own-status]"))).toContain("In date");
    expect(text(page.querySelector("[data-own-status]"))).toContain("8 December 2026");
    expect(page.querySelector(`a[href="/supervision/people/${id("alice")}"]`)).not.toBeNull();
    expect(page.querySelector("[data-people-counts]")).toBeNull();
    expect(page.querySelector('a[href="/supervision/dashboard"]')).toBeNull();
  });

  it("home shows a line manager their people's overdue and due counts", async () => {
    const res = await get("/supervision", mo);
    const page = html(res.body);
    expect(text(page.querySelector("[data-own-status]"))).toContain("does not set regular supervision");
    expect(text(page.querySelector("[data-overdue-count]"))).toBe("3");
    expect(text(page.querySelector("[data-due-count]"))).toBe("1");
    expect(page.querySelector('a[href="/supervision/overdue"]')).not.toBeNull();
    expect(page.querySelector('a[href="/supervision/dashboard"]')).not.toBeNull();
    expect(page.querySelector('a[href="/supervision/policy"]')).toBeNull();
    const hrPage = html((await get("/supervision", hr)).body);
    expect(hrPage.querySelector('a[href="/supervision/policy"]')).not.toBeNull();
    expect(hrPage.querySelector('a[href="/supervision/import"]')).not.toBeNull();
    expect(hrPage.querySelector("[data-people-counts]")).toBeNull();
  });

  it("the dashboard shows the council, its units, the trend and the target, with small groups hidden", async () => {
    const res = await get("/supervision/dashboard", hr);
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    // 3 of 11 not overdue (Alice, Nia in date; Paula due).
    expect(text(page.querySelector("[data-current-percent]"))).toBe("27.3%");
    expect(page.querySelector("[data-target-line]")).not.toBeNull();
    expect(rows(res.body, "data-trend")).toHaveLength(13);
    const units = rows(res.body, "data-units");
    // The single directorate is walked through to its services.
    expect(units.map((r) => r[0])).toEqual(["Early Help", "Safeguarding", "All in The whole council"]);
    expect(units[0]).toEqual(["Early Help", "0%", "0", "0", "5", "5"]);
    expect(units[1]).toEqual(["Safeguarding", "50%", "2", "1", "3", "6"]);

    const team = await get(`/supervision/dashboard?unit=${id("S1")}`, hr);
    const teamRows = rows(team.body, "data-units");
    expect(teamRows.map((r) => r[0])).toEqual(["Assessment", "Family Support", "All in Safeguarding"]);
    // Family Support has 3 people counted (Paula, Eve, Bob): hidden.
    expect(teamRows[1]).toEqual([
      "Family Support",
      "fewer than 5 people",
      "hidden",
      "hidden",
      "hidden",
      "fewer than 5",
    ]);
  });

  it("the dashboard keeps to the viewer's units: another service answers 404", async () => {
    const own = await get("/supervision/dashboard", serviceManager);
    expect(own.statusCode).toBe(200);
    expect(text(html(own.body).querySelector("h1"))).toBe("Safeguarding");
    expect(own.body).not.toContain("Up to");
    // A line manager sees the teams they and their reports work in, and only their reports' figures.
    const lineManager = await get("/supervision/dashboard", mo);
    expect(text(html(lineManager.body).querySelector("h1"))).toBe("Everyone you can see");
    expect(rows(lineManager.body, "data-units").map((r) => r[0])).toEqual([
      "Assessment",
      "Family Support",
      "All in Everyone you can see",
    ]);
    const team = await get(`/supervision/dashboard?unit=${id("T1")}`, mo);
    expect(html(team.body).querySelector('a[href="/supervision/dashboard"]')).not.toBeNull();
    expect((await get(`/supervision/dashboard?unit=${id("S2")}`, serviceManager)).statusCode).toBe(404);
    expect((await get("/supervision/dashboard?unit=not-a-unit", serviceManager)).statusCode).toBe(404);
    expect((await get(`/supervision/dashboard?unit=${id("S1")}`, earlyHelpManager)).statusCode).toBe(404);
    expect((await get("/supervision/dashboard", alice)).statusCode).toBe(403);
  });

  it("the dashboard's as-at date: a real date redirects, a wrong one shows the error summary", async () => {
    const ok = await get("/supervision/dashboard?asAt-day=30&asAt-month=6&asAt-year=2026", hr);
    expect(ok.statusCode).toBe(302);
    expect(ok.headers.location).toBe("/supervision/dashboard?asAt=2026-06-30");
    const june = await get("/supervision/dashboard?asAt=2026-06-30", hr);
    expect(text(html(june.body).querySelector(".govuk-caption-l"))).toContain("30 June 2026");
    const bad = await get("/supervision/dashboard?asAt-day=31&asAt-month=2&asAt-year=2026", hr);
    expect(bad.statusCode).toBe(200);
    expect(text(html(bad.body).querySelector(".govuk-error-summary"))).toContain("must be a real date");
  });

  it("the dashboard's table downloads as CSV and Excel, small groups hidden there too", async () => {
    const csv = await get(`/supervision/dashboard?unit=${id("S1")}&format=csv`, hr);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("Unit,As at,% in date,In date,Due soon,Overdue,Total,Target %");
    expect(lines).toHaveLength(1 + 3 * 13);
    expect(lines).toContain(
      "Family Support,2026-11-23,fewer than 5 people,hidden,hidden,hidden,fewer than 5,90",
    );
    const xlsx = await get("/supervision/dashboard?format=xlsx", hr);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
  });

  it("the overdue list has the people overdue or due in scope, soonest due first, with exports", async () => {
    const res = await get("/supervision/overdue", mo);
    expect(res.statusCode).toBe(200);
    const list = rows(res.body, "data-overdue");
    expect(list.map((r) => r[0])).toEqual(["Bob Brown", "Eve Evans", "Dan Davis", "Paula Parttime"]);
    expect(list[2]).toEqual([
      "Dan Davis",
      "Assessment",
      "Every 4 weeks (pro rata for part-time)",
      "1 September 2026",
      "29 September 2026",
      "Overdue",
      "Not recorded",
    ]);
    expect(list[3]?.[5]).toBe("Due soon");
    // HR sees the fillers too; the team filter narrows it; a team outside the scope is 404.
    expect(rows((await get("/supervision/overdue", hr)).body, "data-overdue")).toHaveLength(9);
    const earlyHelp = rows((await get(`/supervision/overdue?unit=${id("S2")}`, hr)).body, "data-overdue");
    expect(earlyHelp).toHaveLength(5);
    expect((await get(`/supervision/overdue?unit=${id("S2")}`, mo)).statusCode).toBe(404);
    expect((await get("/supervision/overdue", alice)).statusCode).toBe(403);
    const csv = await get("/supervision/overdue?format=csv", mo);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("Name,Team,How often,Last held,Due,Status,Supervisor");
    expect(lines).toHaveLength(5);
    expect((await get("/supervision/overdue?format=xlsx", mo)).headers["content-type"]).toContain(
      "spreadsheetml",
    );
  });

  it("span of control lists each manager's direct reports against the maximum", async () => {
    const res = await get("/supervision/span-of-control", hr);
    expect(res.statusCode).toBe(200);
    expect(rows(res.body, "data-span")).toEqual([["Mo Manager", "Assessment", "7", "Over 6"]]);
    expect(text(html(res.body).querySelector("[data-over-count]"))).toContain(
      "1 of 1 manager has more than 6",
    );
    const own = rows((await get("/supervision/span-of-control", mo)).body, "data-span");
    expect(own).toEqual([["Mo Manager", "Assessment", "7", "Over 6"]]);
    const none = await get("/supervision/span-of-control", earlyHelpManager);
    expect(html(none.body).querySelector("[data-span]")).toBeNull();
    const csv = await get("/supervision/span-of-control?format=csv", hr);
    expect(csv.body).toContain("Mo Manager,Assessment,7,6,Yes");
    expect((await get("/supervision/span-of-control", alice)).statusCode).toBe(403);
  });
});
