import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPeopleFixture } from "../support/people-fixture.js";
import { AuditHistoryPage, AuditSearchPage, ForbiddenPage } from "./pages/audit-pages.js";
import { ChangeDetailsPage, PeopleListPage, PersonPage } from "./pages/people-pages.js";
import { launchBrowser } from "./support/browser.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { signedInPage } from "./support/session.js";

/**
 * The audit pages' acceptance journey: an HR and workforce analyst changes a person's details in
 * the people pages, finds the change on the audit trail and follows it to the record's history,
 * with before and after values; equality data shows only that it changed; and a practitioner, or
 * a grant for one unit only, gets the 403 page. Every page is checked with axe as it is verified.
 * Data: test/support/people-fixture.ts.
 */
describe("audit pages in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let id: Record<string, string>;
  let userId: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const tenant = server.app.platform.tenants.forHost("127.0.0.1");
    ({ id } = await seedPeopleFixture(server.app, tenant.id));
    // There is no page for changing equality data: the HR feed brings it. Change Eve's ethnicity
    // as the feed would, so the audit has an equality change to show (or not show).
    await server.app.platform.data.run({ tenantId: tenant.id, actor: { id: "feed:hr-people" } }, (db) =>
      db
        .updateTable("person_equality")
        .set({ ethnicity: "WIRI" })
        .where("person_id", "=", id.eve as string)
        .execute(),
    );
    userId = await server.app.platform.data.run({ tenantId: tenant.id, actor: { id: "system:test" } }, (db) =>
      server.app.auth.createUser(db, {
        email: "hana.analyst@example.org",
        displayName: "Hana Analyst",
        roles: [{ role: "hr_workforce_analyst", unitId: null }],
      }),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function pageAs(roles: { role: string; unitId: string | null }[]): Promise<Page> {
    return signedInPage(browser, server, {
      userId,
      tenantId: server.app.platform.tenants.forHost("127.0.0.1").id,
      displayName: "Hana Analyst",
      roles,
    });
  }
  const councilWide = (...roles: string[]) => roles.map((role) => ({ role, unitId: null }));

  it("finds a change made in the people pages on the audit trail and in the record's history", async () => {
    const page = await pageAs(councilWide("hr_workforce_analyst"));

    // Change Alice's phone number (she had none) and email address
    await page.goto("/");
    await page.getByRole("link", { name: "People", exact: true }).click();
    const list = await PeopleListPage.verifyOnPage(page);
    await list.search.fill("adams");
    await list.applyFilters.click();
    await (await PeopleListPage.verifyOnPage(page)).person("Alice Adams").click();
    const profile = new PersonPage(page, "Alice Adams");
    await profile.verify();
    await profile.change("phone").click();
    const edit = await ChangeDetailsPage.verifyOnPage(page);
    await page.getByLabel("Phone number (optional)").fill("01632 960 001");
    await edit.email.fill("a.adams@example.org");
    await edit.save.click();
    const saved = new PersonPage(page, "Alice Adams");
    await saved.verify();
    expect(await saved.notification.textContent()).toContain("Details saved");

    // The audit trail, searched for people records this user changed
    await page.getByRole("link", { name: "Audit", exact: true }).click();
    const audit = await AuditSearchPage.verifyOnPage(page);
    await audit.kindOfRecord.selectOption("people");
    await audit.changedBy.fill("hana analyst");
    await audit.search.click();
    const found = await AuditSearchPage.verifyOnPage(page);
    expect(page.url()).toContain("table=people");
    expect(await found.kindOfRecord.inputValue()).toBe("people");
    expect(await found.changedBy.inputValue()).toBe("hana analyst");
    expect((await found.resultCount.textContent())?.trim()).toBe("1 change");
    expect(await found.results.count()).toBe(1);
    const row = found.results.first();
    const cells = (await row.locator("td").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
    expect(cells[1]).toBe("Hana Analyst (hana.analyst@example.org)");
    expect(cells[2]).toBe(`Person ${id.alice} (changed)`);
    expect(cells[3]).toContain("Email alice.adams@example.org to a.adams@example.org");
    expect(cells[3]).toContain("Phone (blank) to 01632 960 001");
    await found.screenshot("audit-search");

    // Its history: the change, newest first, then her assignment and the record being created
    await found.recordLink(row).click();
    const history = await AuditHistoryPage.verifyOnPage(page);
    expect(page.url()).toBe(`${server.baseUrl}/audit/history/people/${id.alice}`);
    expect(await history.events.count()).toBe(3);
    const change = history.events.first();
    expect(await history.eventTitle(change).textContent()).toContain(
      "Person changed by Hana Analyst (hana.analyst@example.org)",
    );
    expect((await history.change(change, "Email").textContent())?.trim()).toBe(
      "alice.adams@example.org to a.adams@example.org",
    );
    expect((await history.change(change, "Phone").textContent())?.trim()).toBe("(blank) to 01632 960 001");
    expect(await history.eventTitle(history.events.nth(1)).textContent()).toContain(
      "Assignment created by The system (fixture)",
    );
    expect(await history.eventTitle(history.events.nth(2)).textContent()).toContain(
      "Person created by The system (fixture)",
    );
    await history.screenshot("audit-history");
    await page.context().close();
  });

  it("says only that equality data changed, never its values", async () => {
    const page = await pageAs(councilWide("hr_workforce_analyst"));
    const audit = await AuditSearchPage.visit(page, "/audit");
    await audit.kindOfRecord.selectOption("person_equality");
    await audit.changedBy.fill("feed:hr-people");
    await audit.search.click();
    const found = await AuditSearchPage.verifyOnPage(page);
    expect(await found.results.count()).toBe(1);
    const row = found.results.first();
    expect(await row.textContent()).toContain("Ethnicity");
    expect(await row.textContent()).toContain("Changed (value not recorded)");

    await found.recordLink(row).click();
    const history = await AuditHistoryPage.verifyOnPage(page);
    // An equality row belongs to a person: its link goes to the person's whole history
    expect(page.url()).toBe(`${server.baseUrl}/audit/history/people/${id.eve}`);
    const change = history.events.first();
    expect(await history.eventTitle(change).textContent()).toContain(
      "Equality information changed by Data feed (hr-people)",
    );
    expect((await history.change(change, "Ethnicity").textContent())?.trim()).toBe(
      "Changed (value not recorded)",
    );
    // Neither the old value, the new one, nor any other equality value from the fixture
    const text = (await page.locator("main").textContent()) ?? "";
    for (const value of ["WBRI", "WIRI", "1985-06-15", "1985"]) expect(text).not.toContain(value);
    await history.screenshot("audit-history-equality");
    await page.context().close();
  });

  it("shows the 403 page to a practitioner and to a grant for one unit only", async () => {
    const practitioner = await pageAs(councilWide("practitioner"));
    await practitioner.goto("/");
    expect(await practitioner.getByRole("link", { name: "Audit", exact: true }).count()).toBe(0);
    const response = await practitioner.goto("/audit");
    expect(response?.status()).toBe(403);
    const forbidden = await ForbiddenPage.verifyOnPage(practitioner);
    await forbidden.screenshot("audit-forbidden");
    const history = await practitioner.goto(`/audit/history/people/${id.alice}`);
    expect(history?.status()).toBe(403);
    await ForbiddenPage.verifyOnPage(practitioner);
    await practitioner.context().close();

    // The audit trail spans the council: an analyst for one service does not see it
    const scoped = await pageAs([{ role: "hr_workforce_analyst", unitId: id.S1 as string }]);
    expect((await scoped.goto("/audit"))?.status()).toBe(403);
    await ForbiddenPage.verifyOnPage(scoped);
    await scoped.context().close();
  });
});
