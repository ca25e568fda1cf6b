import path from "node:path";
import ExcelJS from "exceljs";
import * as sass from "sass";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { html, text } from "../../../../test/support/html.js";
import { projectRoot } from "../../../platform/paths.js";
import { seedDemoCommentary } from "../scorecard/demo.js";
import { seedScorecardFixture } from "../scorecard/test-fixture.js";

/**
 * The board report for October 2026 (the fixture in ../scorecard/test-fixture.ts): the council's
 * scorecard from the snapshot, an action plan with one overdue action, and the owner's commentary
 * as the demo seeds it.
 */
describe("the board report", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seedScorecardFixture>>;
  let hr: string;

  beforeAll(async () => {
    t = await buildTestApp();
    s = await seedScorecardFixture(t);
    hr = await s.hr();
    // The plan was written in September, so October's report has it.
    const today = t.clock.now();
    t.clock.set("2026-09-15T09:00:00Z");
    await t.app.platform.data.run(s.f.ctx, async (db) => {
      const plan = await db
        .insertInto("action_plans")
        .values({ title: "Workforce strategy 2026-29", starts_on: "2026-04-01", created_by: "system:test" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const outcome = await db
        .insertInto("plan_outcomes")
        .values({ plan_id: plan.id, number: 1, title: "A stable, permanent workforce" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("plan_actions")
        .values([
          {
            outcome_id: outcome.id,
            title: "Convert agency placements to permanent posts",
            owner_person_id: s.id("alice"),
            due_on: "2026-10-15",
            status: "at_risk",
            created_by: "system:test",
          },
          {
            outcome_id: outcome.id,
            title: "Launch the recruitment campaign",
            owner_person_id: s.id("eve"),
            due_on: "2027-01-31",
            status: "on_track",
            created_by: "system:test",
          },
        ])
        .execute();
    });
    t.clock.set(today);
    // The demo's commentary: last month's, by each measure's owner (Alice owns visits in time).
    await seedDemoCommentary(t.app);
    await seedDemoCommentary(t.app);
  }, 240_000);
  afterAll(() => t.close());

  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });

  it("prints last month's council scorecard, trends, action plan with overdue actions, and commentary", async () => {
    const res = await get("/performance/board", hr);
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(text(page.querySelector("h1"))).toBe("Board report: October 2026");
    expect(page.querySelector("main")?.classList.contains("app-board")).toBe(true);
    expect(page.querySelector("[data-provisional]")).toBeNull();

    const visits = page.querySelector('table[data-group="quality"] tr[data-measure="visits_in_time"]');
    expect(text(visits)).toContain("88.0%");
    expect(text(visits)).toContain("Red: off target");
    const trend = page
      .querySelectorAll('[data-trends] tr[data-measure="visits_in_time"] td')
      .map((c) => text(c));
    expect(trend).toHaveLength(12);
    expect(trend.slice(-2)).toEqual(["91.0", "88.0"]);

    const actions = page.querySelectorAll("[data-plan] tr[data-action]");
    expect(actions.map((a) => text(a.querySelector("th")))).toEqual([
      "Convert agency placements to permanent posts",
      "Launch the recruitment campaign",
    ]);
    expect(actions[0]?.hasAttribute("data-overdue")).toBe(true);
    expect(text(actions[0])).toContain("Alice Adams");
    expect(text(actions[0])).toContain("15 October 2026");
    expect(text(actions[0])).toContain("At risk Overdue");
    expect(actions[1]?.hasAttribute("data-overdue")).toBe(false);
    expect(text(page.querySelector("[data-overdue-count]"))).toBe("1 overdue");

    const commentary = page.querySelector('[data-commentary] [data-measure="visits_in_time"]');
    expect(text(commentary)).toContain(
      "CP and LAC visits in time was 88.0% at the end of October 2026, against a target of at least 95%. This is below the target and is a priority for the service.",
    );
    expect(text(commentary)).toContain("Alice Adams, 23 November 2026");
    expect(text(page.querySelector('[data-commentary] [data-measure="audits_inadequate"]'))).toContain(
      "No commentary for October 2026.",
    );
    // Screen-only parts carry the class the print styles hide.
    expect(page.querySelector("[data-filters]")?.closest(".app-no-print")).not.toBeNull();
    expect(page.querySelector('nav[aria-label="Performance"]')?.classList.contains("app-no-print")).toBe(
      true,
    );
  });

  it("marks the current month provisional", async () => {
    const res = await get("/performance/board?period=2026-11-30", hr);
    expect(res.statusCode).toBe(200);
    expect(text(html(res.body).querySelector("h1"))).toBe("Board report: November 2026 (provisional)");
    expect(html(res.body).querySelector("[data-provisional]")).not.toBeNull();
    expect((await get("/performance/board?period=2026-11-29", hr)).statusCode).toBe(404);
  });

  it("marks a past month provisional when no snapshot holds it (the month's job has not run)", async () => {
    // The fixture's snapshots are September's and October's; August's figures are worked out now.
    const res = await get("/performance/board?period=2026-08-31", hr);
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(text(page.querySelector("h1"))).toBe("Board report: August 2026 (provisional)");
    expect(text(page.querySelector("[data-provisional]"))).toContain("No monthly snapshot holds the figures");
    const pack = await get("/performance/board/pack.xlsx?period=2026-08-31", hr);
    expect(pack.headers["content-disposition"]).toBe(
      'attachment; filename="board-pack-2026-08-31-provisional.xlsx"',
    );
  });

  it("has print styles that hide the navigation, banner, footer and buttons and keep tables whole", () => {
    const css = sass.compile(path.join(projectRoot, "src/platform/views/assets/application.scss"), {
      loadPaths: [path.join(projectRoot, "node_modules")],
      quietDeps: true,
    }).css;
    const print = css.slice(css.indexOf("@media print"));
    for (const selector of [
      ".govuk-service-navigation",
      ".govuk-phase-banner",
      ".govuk-footer",
      ".govuk-button",
      ".app-no-print",
    ]) {
      expect(print).toContain(selector);
    }
    expect(print).toMatch(/\.app-board \.govuk-table[^{]*\{[^}]*break-inside: avoid/);
    expect(print).toMatch(/\.app-board \.govuk-link\[href\]::after \{\s*content: none/);
  });

  it("seeds the demo commentary once, written as the measure's owner", async () => {
    const rows = await t.app.platform.data.run(s.f.ctx, (db) =>
      db.selectFrom("performance_commentaries").select(["measure_key", "period_end", "written_by"]).execute(),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ measure_key: "visits_in_time", period_end: "2026-10-31" });
    expect(rows[0]?.written_by).toMatch(/^user:/);
  });

  it("is the council's: a viewer held on one unit gets 403", async () => {
    const earlyHelp = await s.earlyHelp();
    expect((await get("/performance/board", earlyHelp)).statusCode).toBe(403);
    expect((await get("/performance/board/pack.xlsx", earlyHelp)).statusCode).toBe(403);
  });

  it("downloads the board pack: four sheets with the report's rows", async () => {
    const res = await get("/performance/board/pack.xlsx?period=2026-10-31", hr);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="board-pack-2026-10-31.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["Scorecard", "Trends", "Action plan", "Commentary"]);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      book.getWorksheet(name)?.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
      return out;
    };
    const scorecard = rows("Scorecard");
    expect(scorecard).toHaveLength(20);
    expect(scorecard.find((r) => r[0] === "CP and LAC visits in time")).toEqual([
      "CP and LAC visits in time",
      "88.0%",
      "at least 95%",
      "Red",
      "Higher is better",
      "",
      "Entered",
    ]);
    const trends = rows("Trends");
    expect(trends[0]).toHaveLength(13);
    expect(trends[0]?.[12]).toBe("Oct 2026");
    expect(trends.find((r) => r[0] === "CP and LAC visits in time")?.slice(-2)).toEqual([91, 88]);
    expect(rows("Action plan").slice(1)).toEqual([
      [
        "1. A stable, permanent workforce",
        "Convert agency placements to permanent posts",
        "Alice Adams",
        "2026-10-15",
        "At risk",
        "Overdue",
      ],
      [
        "1. A stable, permanent workforce",
        "Launch the recruitment campaign",
        "Eve Evans",
        "2027-01-31",
        "On track",
        "",
      ],
    ]);
    const commentary = rows("Commentary").slice(1);
    expect(commentary).toHaveLength(1);
    expect(commentary[0]?.slice(0, 3)).toEqual(["CP and LAC visits in time", "Alice Adams", "2026-11-23"]);
    expect(commentary[0]?.[3]).toMatch(/^CP and LAC visits in time was 88\.0%/);
  });
});
