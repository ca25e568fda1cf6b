import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/demo.js";
import { DEMO_PASSWORD } from "../../src/features/auth/demo-accounts.js";
import { SignInPage } from "./pages/auth-pages.js";
import {
  ActionPlanPage,
  ActionPlansPage,
  BoardReportPage,
  EnteredValuesPage,
  firstNumber,
  HomePage,
  MeasureLibraryPage,
  MeasurePage,
  readTarget,
  ScorecardPage,
  TargetsPage,
} from "./pages/performance-pages.js";
import { launchBrowser, newPage } from "./support/browser.js";
import type { PageObject } from "./support/page-object.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { text, texts } from "./support/text.js";

/** Slough's targets as the demo authority carries them (src/features/performance/targets/demo.ts). */
const SLOUGH_TARGETS: ReadonlyArray<[key: string, title: string, target: string]> = [
  ["permanent_social_workers", "Permanent social workers", "at least 80%"],
  ["average_caseload", "Average caseload", "at most 16"],
  ["nqsw_caseload", "NQSW average caseload", "at most 14"],
  ["assessments_in_45_days", "Assessments within 45 days", "at least 95%"],
  ["students_per_year", "Social work students", "at least 4"],
  ["children_max_three_social_workers", "Children with at most 3 social workers", "at least 80%"],
  ["audits_good_or_better", "Casework audits good or better", "at least 80%"],
  ["audits_inadequate", "Casework audits inadequate", "at most 5%"],
];

/** A RAG tag's words: "Green: on target", "Amber: near target", "Red: off target". */
const RAG_TEXT = /^(Green: on target|Amber: near target|Red: off target)$/;
const belowTarget = (rag: string) => rag.startsWith("Red") || rag.startsWith("Amber");

/** Whether a value meets a target (the pages' figures are rounded to 1 decimal place). */
function meets(value: number, t: { direction: "higher" | "lower"; target: number }): boolean {
  return t.direction === "higher" ? value >= t.target : value <= t.target;
}

/**
 * The performance acceptance journey (issue 10), on the demo authority (src/demo.ts: Slough's
 * targets, 12 months of snapshots, the action plan and last month's commentary). The demo's
 * senior leader, held across the council, signs in with the demo password, opens the scorecard
 * from the home page's panel and sees Slough's targets with their RAG; drills from "Supervision
 * in date" down the units below target to the teams; opens the board report, prints it and
 * downloads the board pack. Every page visited, and every other performance page, is checked with
 * axe (WCAG 2.2 AA) as it is verified.
 */
describe("performance: the scorecard, its drill-down and the board pack, in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let leader: Page;
  let downloads: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { DEMO_MODE: "true" } });
    await seedDemo(server.app); // about a minute, more on a loaded machine
    browser = await launchBrowser();
    leader = await newPage(browser, server.baseUrl);
    leader.context().setDefaultTimeout(60_000);
    leader.context().setDefaultNavigationTimeout(120_000);
    downloads = await mkdtemp(path.join(os.tmpdir(), "performance-e2e-"));
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  it("a senior leader signs in, follows the home page's scorecard panel and sees Slough's targets with RAG", async () => {
    const signIn = await SignInPage.visit(leader, "/sign-in");
    await signIn.signIn("senior.leader@demo.test", DEMO_PASSWORD);

    const home = await HomePage.visit(leader, "/");
    await home.screenshot("performance-01-home");
    expect(await home.scorecardPanel.count()).toBe(1);
    expect(await text(home.scorecardPanel.locator(".govuk-summary-card__title"))).toBe("The scorecard");
    expect(await text(home.scorecardPanel.locator(".govuk-body.govuk-\\!-font-weight-bold"))).toBe(
      "The whole council",
    );
    const againstTarget = await text(home.panelSection("Against target").locator("[data-summary]"));
    const [green, amber, red, none] = (
      /^(\d+) green \(on target\), (\d+) amber \(near target\), (\d+) red \(off target\), (\d+) with no target or value$/.exec(
        againstTarget,
      ) ?? []
    )
      .slice(1)
      .map(Number);
    expect(green, againstTarget).toBeDefined();
    // The off-target measures are named, each with a red tag
    const offTarget = home.panelSection("Off target").locator("li");
    expect(await offTarget.count()).toBe(red);
    for (const tag of await texts(offTarget.locator(".govuk-tag"))) expect(tag).toBe("Red: off target");

    await home
      .panelSection("Against target")
      .getByRole("link", { name: /^The scorecard/ })
      .click();
    const scorecard = await ScorecardPage.verifyOnPage(leader);
    expect(new URL(leader.url()).pathname).toBe("/performance");
    expect(await text(scorecard.heading)).toBe("Scorecard: The whole council");
    await scorecard.screenshot("performance-02-scorecard");
    // The scorecard's counts are the panel's
    expect(await text(scorecard.count("green"))).toBe(String(green));
    expect(await text(scorecard.count("amber"))).toBe(String(amber));
    expect(await text(scorecard.count("red"))).toBe(String(red));
    expect(await text(scorecard.count("none"))).toBe(String(none));

    // Slough's targets, each with a RAG in words; a figure held back (the demo's NQSWs with a
    // caseload are fewer than 5) has none
    let hidden = 0;
    for (const [key, title, target] of SLOUGH_TARGETS) {
      expect(await text(scorecard.title(key)), key).toBe(title);
      const targetCell = await text(scorecard.target(key));
      expect(targetCell, key).toMatch(new RegExp(`^${target}(?: by \\d{1,2} \\w+ \\d{4})?$`));
      const held = (await text(scorecard.value(key))).startsWith("Hidden");
      if (held) hidden++;
      expect(await text(scorecard.rag(key)), key).toMatch(held ? /^No RAG$/ : RAG_TEXT);
    }
    expect(hidden).toBeLessThanOrEqual(2);

    // Every measure with a figure and a target: green exactly when the figure meets the target
    const keys = await scorecard.page
      .locator("table.app-scorecard tr[data-measure]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-measure") ?? ""));
    let checked = 0;
    const counted = { green: 0, amber: 0, red: 0, none: 0 };
    for (const key of keys) {
      const rag = await text(scorecard.rag(key));
      counted[rag === "No RAG" ? "none" : (rag.split(":")[0]?.toLowerCase() as "green" | "amber" | "red")]++;
      const value = firstNumber(await text(scorecard.value(key)));
      const target = readTarget(await text(scorecard.target(key)));
      if (value === null || target === null || value === target.target) continue; // hidden, or rounded onto the line
      expect(rag, `${key}: ${value} against ${target.direction} ${target.target}`).toMatch(RAG_TEXT);
      expect(rag.startsWith("Green"), `${key}: ${value} against ${target.direction} ${target.target}`).toBe(
        meets(value, target),
      );
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(SLOUGH_TARGETS.length - hidden);
    expect(counted).toEqual({ green, amber, red, none });
    // Two measures pinned: the permanent rate and the average caseload, read from the page
    const permanent = firstNumber(await text(scorecard.value("permanent_social_workers"))) as number;
    expect(await text(scorecard.rag("permanent_social_workers"))).toBe(
      permanent >= 80 ? "Green: on target" : permanent >= 70 ? "Amber: near target" : "Red: off target",
    );
    const caseload = firstNumber(await text(scorecard.value("average_caseload"))) as number;
    expect(await text(scorecard.rag("average_caseload"))).toBe(
      caseload <= 16 ? "Green: on target" : caseload <= 18 ? "Amber: near target" : "Red: off target",
    );
  }, 300_000);

  it("drills from 'Supervision in date' through the units below target to the teams", async () => {
    const scorecard = await ScorecardPage.visit(leader, "/performance");
    const councilValue = await text(scorecard.value("supervision_in_date"));
    await scorecard.title("supervision_in_date").click();

    let level = await MeasurePage.verifyOnPage(leader);
    expect(await text(level.heading)).toBe("Supervision in date");
    expect(await text(level.caption)).toMatch(/^The whole council, /);
    // The current figure is the scorecard's
    const valueRow = level.current
      .locator(".govuk-summary-list__row")
      .filter({ has: leader.locator("dt", { hasText: /^\s*Value\s*$/ }) });
    const squash = (s: string) => s.replace(/\s+/g, "");
    expect(squash(await text(valueRow.locator("dd")))).toBe(squash(councilValue));
    expect(firstNumber(councilValue)).not.toBeNull();
    // The trend: an SVG image described in words, with the target line, and the same figures as a table
    expect(await level.chartSvg.getAttribute("role")).toBe("img");
    const descId = await level.chartSvg.getAttribute("aria-labelledby");
    expect(descId).toBeTruthy();
    expect(await text(leader.locator(`[id="${descId}"]`))).toMatch(
      /^Supervision in date for The whole council, month by month .* with the target \(at least 90%\) as a dashed line/,
    );
    expect(await level.chartSvg.locator("path").count()).toBeGreaterThanOrEqual(1);
    expect(await text(level.chartSvg)).toContain("Target: at least 90%");
    expect(await level.trendTable.locator("tbody tr").count()).toBe(13); // 12 snapshots and this month, live
    expect(await text(level.unitsBelowHeading)).toBe("Units below The whole council");
    await level.screenshot("performance-03-measure-council");

    const trail: string[] = ["The whole council"];
    let teams: Awaited<ReturnType<MeasurePage["units"]>> = [];
    for (let depth = 1; depth <= 6 && (await level.drillDownRows.count()) > 0; depth++) {
      const units = await level.units();
      teams = units;
      const where = `units below ${trail.at(-1)}: ${JSON.stringify(units)}`;
      // Below target first (red, then amber), then those meeting it, then those without a RAG
      const order = units.map((u) => (belowTarget(u.rag) ? 0 : u.rag.startsWith("Green") ? 1 : 2));
      expect(order, where).toEqual([...order].sort((a, b) => a - b));
      for (const u of units) {
        expect(u.target, where).toBe("at least 90%");
        if (belowTarget(u.rag)) expect(u.value as number, where).toBeLessThan(90);
        if (u.rag.startsWith("Green")) expect(u.value as number, where).toBeGreaterThanOrEqual(90);
      }
      const next = units.find((u) => belowTarget(u.rag));
      expect(next, `no unit below target among the ${where}`).toBeDefined();
      if (!next) break;
      await level.unitLink(next.name).click();
      level = await MeasurePage.verifyOnPage(leader);
      trail.push(next.name);
      expect(await text(level.caption)).toMatch(
        new RegExp(`^${next.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, `),
      );
      // The unit's own page has the figure and the RAG the list showed
      expect(firstNumber(await text(valueRow.locator("dd")))).toBe(next.value);
      expect(
        await text(
          level.current
            .locator(".govuk-summary-list__row")
            .filter({ has: leader.locator("dt", { hasText: /^\s*RAG\s*$/ }) })
            .locator(".govuk-tag"),
        ),
      ).toBe(next.rag);
      await level.screenshot(`performance-04-measure-level-${depth}`);
    }

    // A team: nothing below it. The teams listed on the level above, below target first, each under 90%
    expect(trail.length, trail.join(" > ")).toBeGreaterThanOrEqual(3); // council > service > team
    expect(await level.noUnitsBelow.isVisible()).toBe(true);
    expect(await text(level.noUnitsBelow)).toBe(`There are no units below ${trail.at(-1)}.`);
    const teamsBelow = teams.filter((t) => belowTarget(t.rag));
    expect(teamsBelow.length).toBeGreaterThanOrEqual(1);
    for (const t of teamsBelow) expect(t.value as number, t.name).toBeLessThan(90);
    const firstGreen = teams.findIndex((t) => t.rag.startsWith("Green"));
    if (firstGreen >= 0) expect(firstGreen).toBeGreaterThanOrEqual(teamsBelow.length);
  }, 300_000);

  it("the board report has the scorecard, the overdue actions and the commentary; it prints and downloads as a pack", async () => {
    await ScorecardPage.visit(leader, "/performance");
    await leader
      .getByRole("navigation", { name: "Performance" })
      .getByRole("link", { name: "Board report" })
      .click();
    const board = await BoardReportPage.verifyOnPage(leader);
    await board.screenshot("performance-05-board");

    // The scorecard with Slough's targets and RAG
    const permanent = board.scorecardRow("permanent_social_workers");
    expect(await text(permanent.locator("th"))).toBe("Permanent social workers");
    expect(await text(permanent.locator("td").nth(1))).toMatch(/^at least 80%/);
    const permanentRag = await text(permanent.locator("td[data-rag] .govuk-tag"));
    expect(permanentRag).toMatch(RAG_TEXT);
    expect(await board.trends.locator("tbody tr").count()).toBeGreaterThanOrEqual(SLOUGH_TARGETS.length);

    // The action plan, with its overdue actions flagged
    expect(await board.overdueActions.count()).toBeGreaterThanOrEqual(1);
    const overdue = await board.overdueActions.count();
    expect(await text(board.plan.locator("[data-overdue-count]"))).toBe(`${overdue} overdue`);
    for (const tag of await texts(board.overdueActions.locator(".govuk-tag"))) expect(tag).toBe("Overdue");

    // The commentary its owners wrote for the month
    const written = board.commentary
      .locator("[data-measure]")
      .filter({ has: leader.locator("p.govuk-body") });
    expect(await written.count()).toBeGreaterThanOrEqual(1);
    expect(
      await text(board.commentaryOn("permanent_social_workers").locator("p.govuk-body").first()),
    ).toMatch(
      /^Permanent social workers was \d+\.\d% at the end of \w+ \d{4}, against a target of at least 80%\./,
    );

    // Printed: no navigation, footer, month chooser or pack link; the report itself is there
    await leader.emulateMedia({ media: "print" });
    try {
      expect(await board.serviceNav.isVisible()).toBe(false);
      expect(await board.footer.isVisible()).toBe(false);
      expect(await board.performanceNav.isVisible()).toBe(false);
      expect(await board.packLink.isVisible()).toBe(false);
      expect(await board.scorecard.isVisible()).toBe(true);
      expect(await board.plan.isVisible()).toBe(true);
      expect(await board.commentary.isVisible()).toBe(true);
      await board.screenshot("performance-06-board-print");
    } finally {
      await leader.emulateMedia({ media: null });
    }
    expect(await board.footer.isVisible()).toBe(true);

    // The board pack, through the page's link
    const [download] = await Promise.all([leader.waitForEvent("download"), board.packLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^board-pack-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Scorecard",
      "Trends",
      "Action plan",
      "Commentary",
    ]);

    const rowsOf = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      if (!sheet) throw new Error(`no ${name} sheet`);
      const rows: string[][] = [];
      sheet.eachRow((row) => {
        const values = row.values as ExcelJS.CellValue[];
        rows.push(values.slice(1).map((v) => (v === null || v === undefined ? "" : String(v))));
      });
      return rows;
    };
    const scorecardSheet = rowsOf("Scorecard");
    expect(scorecardSheet[0]).toEqual([
      "Measure",
      "Value",
      "Target",
      "RAG",
      "Direction",
      "Target date",
      "Source",
    ]);
    const permanentRow = scorecardSheet.find((r) => r[0] === "Permanent social workers");
    expect(permanentRow, JSON.stringify(scorecardSheet)).toBeDefined();
    // The value as the page shows it ("81.7%", before its numerator and denominator)
    expect(permanentRow?.[1]).toBe(/^\d+\.\d%/.exec(await text(permanent.locator("td").first()))?.[0]);
    expect(permanentRow?.[2]).toBe("at least 80%");
    expect(permanentRow?.[3]).toBe(permanentRag.split(":")[0]);
    for (const [, title, target] of SLOUGH_TARGETS) {
      expect(scorecardSheet.find((r) => r[0] === title)?.[2], title).toBe(target);
    }
    const trendsSheet = rowsOf("Trends");
    expect(trendsSheet[0]?.length).toBe(13); // the measure and 12 months
    const planSheet = rowsOf("Action plan");
    expect(planSheet[0]?.[5]).toBe("Overdue");
    expect(planSheet.slice(1).filter((r) => r[5] === "Overdue").length).toBe(overdue);
    const commentarySheet = rowsOf("Commentary");
    expect(commentarySheet.length - 1).toBe(await written.count());
  }, 300_000);

  it("every other performance page has no axe violations", async () => {
    const pages: [string, new (page: Page) => PageObject, string][] = [
      ["/performance/targets", TargetsPage, "performance-07-targets"],
      ["/performance/entries", EnteredValuesPage, "performance-08-entries"],
      ["/performance/measures", MeasureLibraryPage, "performance-09-library"],
    ];
    const failures: string[] = [];
    for (const [url, PageClass, name] of pages) {
      try {
        const response = await leader.goto(url);
        expect(response?.status(), url).toBe(200);
        const pageObject = new PageClass(leader);
        await pageObject.verify();
        await pageObject.screenshot(name);
      } catch (err) {
        failures.push(`${url}: ${(err as Error).message}`);
      }
    }
    // The action plans, then the plan itself through its link
    try {
      const plans = await ActionPlansPage.visit(leader, "/performance/plans");
      await plans.screenshot("performance-10-plans");
      expect(await plans.plans.count()).toBeGreaterThanOrEqual(1);
      const link = plans.plans.first().getByRole("link");
      const title = await text(link);
      await link.click();
      const plan = new ActionPlanPage(leader, title);
      await plan.verify();
      expect(await text(plan.overdueCount)).toMatch(/^\d+ overdue$/);
      await plan.screenshot("performance-11-plan");
    } catch (err) {
      failures.push(`/performance/plans: ${(err as Error).message}`);
    }
    expect(failures, failures.join("\n\n")).toEqual([]);
  }, 300_000);
});
