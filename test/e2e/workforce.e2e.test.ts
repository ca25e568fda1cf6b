import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PersonPage, RecordLeavingPage } from "./pages/people-pages.js";
import {
  BenchmarkingPage,
  CensusReportPage,
  FeedsPage,
  ForecastPage,
  MeasuresPage,
  ProfilePage,
  RecruitmentPage,
  StartersAndLeaversPage,
  StayConversationsPage,
  WorkforceHubPage,
  WorkforceSettingsPage,
} from "./pages/workforce-pages.js";
import { launchBrowser } from "./support/browser.js";
import type { PageObject } from "./support/page-object.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { text, texts } from "./support/text.js";
import { createUsers, type E2eUser, pageAsUser } from "./support/users.js";
import { seedWorkforce, type WorkforceSeed } from "./support/workforce-seed.js";

/** Screenshots go outside the repository: WORKFORCE_E2E_SCREENSHOTS, or a folder in the temp dir. */
const SHOTS = process.env.WORKFORCE_E2E_SCREENSHOTS ?? path.join(os.tmpdir(), "workforce-e2e-screenshots");

async function shot(pageObject: PageObject, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await pageObject.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The census month label the starters and leavers page uses for a date, e.g. "Nov 26". */
function monthLabel(iso: string): string {
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${names[Number(iso.slice(5, 7)) - 1]} ${iso.slice(2, 4)}`;
}

/**
 * The workforce acceptance journey (issue 9). An HR analyst held across the council opens the
 * social workers' starters and leavers, records Alice Adams (a permanent full-time social worker)
 * as a leaver through the people pages' real form with a reason, destination and exit themes, and
 * sees the turnover rate rise and her month's leavers go up by one in the chart's table. They then
 * name the authority (Suffolk) in the workforce settings and open benchmarking, where the
 * authority's row sits beside England's with figures and the chart is drawn. Every page visited,
 * and every other workforce page, is checked with axe (WCAG 2.2 AA) as it is verified.
 *
 * Data: test/e2e/support/workforce-seed.ts (the people fixture plus six social workers, one of
 * whom left on the first day of the current census year).
 */
describe("workforce: a leaver changes the turnover, and benchmarking beside England, in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let seed: WorkforceSeed;
  const users: Record<"hr", E2eUser> = {
    hr: { id: "", name: "Hana Analyst", role: "hr_workforce_analyst" },
  };
  let hr: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const tenantId = server.app.platform.tenants.forHost("127.0.0.1").id;
    seed = await seedWorkforce(server.app, tenantId);
    await createUsers(server, tenantId, users, seed.id);
    hr = await pageAsUser(browser, server, tenantId, users.hr, seed.id);
    hr.context().setDefaultTimeout(30_000);
    hr.context().setDefaultNavigationTimeout(60_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("HR records a leaver with a reason: the turnover rate and the leavers by month go up", async () => {
    const month = monthLabel(seed.leavingDate);

    // Before: the hub, then starters and leavers (social workers only, this census year)
    const hub = await WorkforceHubPage.visit(hr, "/workforce");
    await shot(hub, "01-workforce-hub");
    await hub.page
      .getByRole("link", { name: /starters and leavers/i })
      .first()
      .click();
    const before = await StartersAndLeaversPage.verifyOnPage(hr);
    expect(await text(before.heading)).toBe("The whole council");
    const rateBefore = await before.turnoverRate();
    expect(rateBefore).toBe(15.4); // Lou's 1 FTE ÷ 6.5 FTE in post
    expect(await text(before.turnover)).toBe("15.4%");
    expect(await text(before.leaversFte)).toBe("1");
    expect(await text(before.inPostFte)).toBe("6.5");
    await before.monthsChart.locator("svg[role=img]").waitFor();
    expect(await before.monthsTable.locator("tbody tr").count()).toBe(12);
    const leaversBefore = await before.leaversIn(month);
    await shot(before, "02-starters-and-leavers-before");

    // Alice's person page, then the leaver form: a mistake first, then the real thing
    await hr.goto(`/people/${seed.id.alice}`);
    const alice = new PersonPage(hr, "Alice Adams");
    await alice.verify();
    await alice.recordLeaving.click();
    const form = await RecordLeavingPage.verifyOnPage(hr);
    await shot(form, "03-record-leaving");
    await form.submit.click();
    const withErrors = await RecordLeavingPage.verifyOnPage(hr); // the error page is checked by axe too
    expect(await text(withErrors.errorSummary)).toContain("Select why they left");
    await shot(withErrors, "04-record-leaving-errors");
    const [y, m, d] = seed.leavingDate.split("-") as [string, string, string];
    await withErrors.day.fill(String(Number(d)));
    await withErrors.month.fill(String(Number(m)));
    await withErrors.year.fill(y);
    await withErrors.reason("Resignation").check();
    await withErrors.destination.selectOption({
      label: "Social worker role in a different local authority in England",
    });
    await withErrors.theme("Workload").check();
    await withErrors.theme("Support and supervision").check();
    await withErrors.notes.fill("Moving to a council nearer home; caseload too high.");
    await withErrors.submit.click();
    const left = new PersonPage(hr, "Alice Adams");
    await left.verify();
    expect(await text(left.notification)).toContain("Leaving recorded");
    expect(await text(left.value("Reason"))).toContain("Resignation");
    await shot(left, "05-person-left");

    // After: the turnover is higher and the month has one more leaver
    const after = await StartersAndLeaversPage.visit(hr, "/workforce/starters-and-leavers");
    const rateAfter = await after.turnoverRate();
    expect(rateAfter).not.toBeNull();
    expect(rateAfter as number).toBeGreaterThan(rateBefore as number);
    const inPostAfter = seed.leavingDate < seed.today ? "5.5" : "6.5"; // left yesterday: out of post today
    expect(await text(after.leaversFte)).toBe("2");
    expect(await text(after.inPostFte)).toBe(inPostAfter);
    expect(rateAfter).toBe(Math.round((2 / Number(inPostAfter)) * 1000) / 10);
    expect(await after.leaversIn(month)).toBe(leaversBefore + 1);
    await after.monthsChart.locator("svg[role=img]").waitFor();
    // Both leavers resigned; 2 is under 5, so the reasons table shows it suppressed, not as 0
    expect(await text(after.reason("Resignation"))).toBe("fewer than 5");
    expect(await text(after.reason("Retired"))).toBe("0");
    await shot(after, "06-starters-and-leavers-after");
  });

  it("the benchmarking page shows the authority beside England, with a chart", async () => {
    // HR names the authority in the DfE's files (this also sets its LEA number and region)
    const settings = await WorkforceSettingsPage.visit(hr, "/workforce/settings");
    await settings.authority.selectOption({ label: "Suffolk" });
    await shot(settings, "07-workforce-settings");
    await settings.save.click();
    const saved = await WorkforceSettingsPage.verifyOnPage(hr);
    expect(await text(saved.notification)).toContain("Workforce settings saved");
    expect(await saved.page.locator("#lea_number").inputValue()).toBe("935");

    const bench = await BenchmarkingPage.visit(hr, "/workforce/benchmarking");
    await bench.chart.locator("svg[role=img] path").first().waitFor();
    expect(await bench.chart.locator("svg[role=img] path").count()).toBeGreaterThanOrEqual(2);
    const authority = bench.series("authority");
    const england = bench.series("england");
    expect(await authority.count()).toBe(1);
    expect(await england.count()).toBe(1);
    // The authority goes by the council's own name, with the DfE's code for Suffolk
    const council = server.app.platform.tenants.forHost("127.0.0.1").name;
    expect(await text(authority.locator("th"))).toBe(`${council} Your authority`);
    expect(await authority.getAttribute("data-code")).toBe("E10000029");
    expect(await text(england.locator("th"))).toBe("England");
    // The table's years, and the 2025 figures as the DfE published them
    const years = (await texts(bench.years)).slice(1);
    const i2025 = years.indexOf("2025");
    expect(i2025).toBeGreaterThanOrEqual(0);
    const englandCells = await texts(england.locator("td"));
    const authorityCells = await texts(authority.locator("td"));
    expect(englandCells[i2025]).toBe("11.8%");
    expect(authorityCells[i2025]).toBe("9.5%");
    expect(await authority.locator('td[data-source="published"]').count()).toBeGreaterThanOrEqual(5);
    expect(await england.locator('td[data-source="published"]').count()).toBeGreaterThanOrEqual(5);
    expect(await text(bench.headline)).toContain(council);
    await shot(bench, "08-benchmarking");
  });

  it("every other workforce page has no axe violations", async () => {
    const pages: [string, new (page: Page) => PageObject, string][] = [
      ["/workforce/measures", MeasuresPage, "09-measures"],
      ["/workforce/profile", ProfilePage, "10-profile"],
      ["/workforce/census/2026", CensusReportPage, "11-census-2026"],
      ["/workforce/recruitment", RecruitmentPage, "12-recruitment"],
      ["/workforce/forecast", ForecastPage, "13-forecast"],
      ["/workforce/stay-conversations", StayConversationsPage, "14-stay-conversations"],
      ["/workforce/feeds", FeedsPage, "15-feeds"],
    ];
    const failures: string[] = [];
    for (const [url, PageClass, name] of pages) {
      try {
        const response = await hr.goto(url);
        expect(response?.status(), url).toBe(200);
        const pageObject = new PageClass(hr);
        await pageObject.verify();
        await shot(pageObject, name);
      } catch (err) {
        failures.push(`${url}: ${(err as Error).message}`);
        await hr.screenshot({ path: path.join(SHOTS, `${name}-failed.png`), fullPage: true }).catch(() => {});
      }
    }
    expect(failures, failures.join("\n\n")).toEqual([]);
  });
});
