import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { seedScorecardFixture } from "./test-fixture.js";

/** The scorecard, a measure's page with its drill-down, and commentary, on the fixture in test-fixture.ts. */
describe("the scorecard pages", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seedScorecardFixture>>;
  let viewer: string;

  beforeAll(async () => {
    t = await buildTestApp();
    s = await seedScorecardFixture(t);
    viewer = await s.viewer();
  }, 240_000);
  afterAll(() => t.close());

  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const row = (body: string, key: string) => html(body).querySelector(`tr[data-measure="${key}"]`);

  it("shows this month live with RAG tags from the targets and values, and counts them", async () => {
    const res = await get("/performance", viewer);
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(text(page.querySelector("h1"))).toBe("Scorecard: The whole council");
    const visits = row(res.body, "visits_in_time");
    expect(text(visits?.querySelector("[data-value]"))).toContain("96.0%");
    expect(text(visits?.querySelector("[data-value]"))).toContain(
      "Visited in time: 96, children due a visit: 100",
    );
    expect(text(visits?.querySelector("[data-target]"))).toBe("at least 95%");
    expect(text(visits?.querySelector("[data-rag]"))).toBe("Green: on target");
    expect(visits?.querySelector("[data-rag] .govuk-tag--green")).not.toBeNull();
    expect(visits?.querySelector("[data-entered]")).not.toBeNull();
    expect(visits?.querySelector("a")?.getAttribute("href")).toBe("/performance/measures/visits_in_time");
    expect(text(visits?.querySelector("[data-trend]"))).toBe(
      "Jun none, Jul none, Aug none, Sep 91.0, Oct 88.0, Nov 96.0",
    );
    expect(text(row(res.body, "assessments_in_45_days")?.querySelector("[data-rag]"))).toBe(
      "Amber: near target",
    );
    const audits = row(res.body, "audits_inadequate");
    expect(text(audits?.querySelector("[data-target]"))).toBe("at most 5%");
    expect(text(audits?.querySelector("[data-rag]"))).toBe("Red: off target");
    expect(text(page.querySelector('[data-count="green"]'))).toBe("1");
    expect(text(page.querySelector('[data-count="amber"]'))).toBe("1");
    expect(text(page.querySelector('[data-count="red"]'))).toBe("1");
    expect(page.querySelectorAll("table[data-group]").map((t) => t.getAttribute("data-group"))).toEqual([
      "workforce",
      "practice",
      "development",
      "quality",
    ]);
    const hub = page.querySelectorAll('nav[aria-label="Performance"] a').map((a) => a.getAttribute("href"));
    expect(hub).toEqual([
      "/performance",
      "/performance/plans",
      "/performance/board",
      "/performance/measures",
    ]);
  });

  it("shows a past month from its snapshot, not from today's data", async () => {
    const res = await get("/performance?period=2026-10-31", viewer);
    expect(res.statusCode).toBe(200);
    const visits = row(res.body, "visits_in_time");
    // October's entry was changed to 99 after the job took 88.
    expect(text(visits?.querySelector("[data-value]"))).toBe("88.0%");
    expect(text(visits?.querySelector("[data-rag]"))).toBe("Red: off target");
    expect(text(visits?.querySelector("[data-trend]"))).toBe(
      "May none, Jun none, Jul none, Aug none, Sep 91.0, Oct 88.0",
    );
    expect(visits?.querySelector("a")?.getAttribute("href")).toBe(
      "/performance/measures/visits_in_time?period=2026-10-31",
    );
    const options = html(res.body)
      .querySelectorAll("#period option")
      .map((o) => o.getAttribute("value"));
    expect(options).toHaveLength(13);
    expect(options[0]).toBe("2026-11-30");
    expect(html(res.body).querySelector('#period option[value="2026-10-31"]')?.hasAttribute("selected")).toBe(
      true,
    );
    expect((await get("/performance?period=2025-10-31", viewer)).statusCode).toBe(404);
    expect((await get("/performance?period=2026-10-30", viewer)).statusCode).toBe(404);
    expect(text(html(res.body).querySelector("[data-period-note]"))).toContain(
      "as the monthly snapshot recorded them",
    );
  });

  it("marks a past month with no snapshot provisional: its figures are worked out now", async () => {
    const res = await get("/performance?period=2026-08-31", viewer);
    expect(res.statusCode).toBe(200);
    const note = text(html(res.body).querySelector("[data-period-note]"));
    expect(note).toContain("Provisional.");
    expect(note).toContain("No monthly snapshot holds");
  });

  it("exports the scorecard as CSV", async () => {
    const res = await get("/performance?format=csv", viewer);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      "Unit,Period,Measure,Value,Numerator and denominator,Target,Target date,RAG,Last 6 months,Source",
    );
    expect(lines).toHaveLength(20);
    expect(lines.find((l) => l.includes("CP and LAC visits in time"))).toContain("96.0%");
  });

  it("limits the unit chooser to the viewer's scope: another unit answers 404", async () => {
    const earlyHelp = await s.earlyHelp();
    const own = await get("/performance", earlyHelp);
    expect(own.statusCode).toBe(200);
    expect(text(html(own.body).querySelector("h1"))).toBe("Scorecard: Early Help");
    expect(
      html(own.body)
        .querySelectorAll("#unit option")
        .map((o) => text(o)),
    ).toEqual(["Early Help"]);
    expect(text(row(own.body, "visits_in_time")?.querySelector("[data-value]"))).toBe("97.0%");
    expect((await get(`/performance?unit=${s.id("T1")}`, earlyHelp)).statusCode).toBe(404);
    expect((await get(`/performance/measures/visits_in_time?unit=${s.id("T1")}`, earlyHelp)).statusCode).toBe(
      404,
    );
    expect((await get("/performance?unit=not-a-unit", viewer)).statusCode).toBe(404);
  });

  it("drills down from a measure to the units below, below target first, each linking to its own page", async () => {
    const council = await get(`/performance/measures/visits_in_time?unit=${s.id("D")}`, viewer);
    expect(council.statusCode).toBe(200);
    const units = html(council.body).querySelectorAll("[data-drill-down] tr[data-unit]");
    expect(units.map((u) => text(u.querySelector("th")))).toEqual(["Safeguarding", "Early Help"]);
    expect(units[0]?.querySelector("a")?.getAttribute("href")).toBe(
      `/performance/measures/visits_in_time?unit=${s.id("S1")}`,
    );
    expect(text(units[0])).toContain("Amber: near target");

    const safeguarding = await get(`/performance/measures/visits_in_time?unit=${s.id("S1")}`, viewer);
    const teams = html(safeguarding.body).querySelectorAll("[data-drill-down] tr[data-unit]");
    expect(teams.map((u) => text(u.querySelector("th")))).toEqual(["Assessment", "Family Support"]);
    expect(text(teams[0])).toContain("80.0%");
    expect(text(teams[0])).toContain("at least 90%");
    expect(text(teams[0])).toContain("Red: off target");
    expect(text(teams[1])).toContain("Green: on target");
  });

  it("shows a measure's definition, trend chart with the target line and the table beside it", async () => {
    const res = await get("/performance/measures/visits_in_time", viewer);
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(text(page.querySelector("h1"))).toBe("CP and LAC visits in time");
    expect(text(page.querySelector("[data-current]"))).toContain("Held in another system");
    expect(page.querySelector('[data-chart="measure-trend"] svg line[stroke-dasharray]')).not.toBeNull();
    const months = page.querySelectorAll("[data-trend-table] tbody tr");
    expect(months).toHaveLength(13);
    expect(text(months[11])).toContain("Oct 2026");
    expect(text(months[11])).toContain("88.0%");
    expect(text(months[12])).toContain("Nov 2026 (live)");
    expect(text(months[12])).toContain("96.0%");
    expect((await get("/performance/measures/no_such_measure", viewer)).statusCode).toBe(404);
  });

  it("lets the measure's owner write the commentary, and refuses a viewer who neither owns nor manages it", async () => {
    const owner = await s.owner();
    const url = "/performance/measures/visits_in_time/commentary?period=2026-10-31";
    expect((await get(url, owner)).statusCode).toBe(200);

    const empty = await formPost(t.app, url, owner, { body: "  " });
    expect(empty.statusCode).toBe(400);
    expect(text(html(empty.body).querySelector(".govuk-error-summary"))).toContain("Enter the commentary");

    const saved = await formPost(t.app, url, owner, {
      body: "Visits fell in October.\n\nA recovery plan is in place.",
    });
    expect(saved.statusCode).toBe(302);
    expect(saved.headers.location).toBe(
      `/performance/measures/visits_in_time?unit=${s.id("S1")}&period=2026-10-31`,
    );
    const again = await formPost(t.app, url, owner, {
      body: "Visits fell in October; recovering in November.",
    });
    expect(again.statusCode).toBe(302);
    const rows = await t.app.platform.data.run(s.f.ctx, (db) =>
      db.selectFrom("performance_commentaries").selectAll().execute(),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ org_unit_id: s.id("S1"), period_end: "2026-10-31" });

    const page = await get(saved.headers.location as string, owner);
    const commentary = html(page.body).querySelector("[data-commentary]");
    expect(text(commentary)).toContain("Visits fell in October; recovering in November.");
    expect(text(commentary)).toContain("Written by Alice Adams on 23 November 2026");
    expect(commentary?.querySelector("[data-write-commentary]")).not.toBeNull();

    expect((await get(url, viewer)).statusCode).toBe(403);
    const refused = await formPost(t.app, url, viewer, { body: "Not mine" }, { pageUrl: "/performance" });
    expect(refused.statusCode).toBe(403);
    const viewerPage = await get("/performance/measures/visits_in_time", viewer);
    expect(html(viewerPage.body).querySelector("[data-write-commentary]")).toBeNull();
  });

  it("lets a performance manager write the council's commentary", async () => {
    const hr = await s.hr();
    const res = await formPost(t.app, "/performance/measures/audits_inadequate/commentary", hr, {
      body: "Audit grades are reviewed by the practice improvement group.",
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/performance/measures/audits_inadequate");
    const rows = await t.app.platform.data.run(s.f.ctx, (db) =>
      db
        .selectFrom("performance_commentaries")
        .selectAll()
        .where("measure_key", "=", "audits_inadequate")
        .execute(),
    );
    expect(rows).toMatchObject([{ org_unit_id: null, period_end: "2026-11-30" }]);
  });
});
