import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AccessibilityStatementPage,
  CookiesPage,
  HomePage,
  JobsPage,
  NotFoundPage,
  OutboxPage,
  PrivacyPage,
} from "./pages/platform-pages.js";
import { launchBrowser, newPage } from "./support/browser.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { signedInPage } from "./support/session.js";

describe("the platform in Chromium", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function pageAs(roles: string[]): Promise<Page> {
    return signedInPage(browser, server, {
      userId: "00000000-0000-4000-8000-0000000000aa",
      tenantId: server.app.platform.tenants.forHost("127.0.0.1").id,
      displayName: "Sam Admin",
      roles: roles.map((role) => ({ role, unitId: null })),
    });
  }

  it("serves the home page and the footer's pages, each accessible", async () => {
    const page = await newPage(browser, server.baseUrl);
    const home = await HomePage.visit(page, "/");
    expect(await home.signIn.isVisible()).toBe(true);
    expect(await page.locator(".govuk-header__logotype, svg.govuk-header__logotype-crown").count()).toBe(0);
    await home.screenshot("home");

    await page.getByRole("link", { name: "Accessibility statement" }).click();
    await AccessibilityStatementPage.verifyOnPage(page);
    await page.getByRole("link", { name: "Cookies" }).click();
    await CookiesPage.verifyOnPage(page);
    await page.getByRole("link", { name: "Privacy notice" }).click();
    await PrivacyPage.verifyOnPage(page);

    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await NotFoundPage.verifyOnPage(page);
    await page.context().close();
  });

  it("works without JavaScript", async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, javaScriptEnabled: false });
    const page = await context.newPage();
    // No axe here: axe itself needs JavaScript. The same page is checked with it above.
    await page.goto("/");
    expect(await page.locator("h1").textContent()).toBe("Workforce Academy");
    expect(await page.getByRole("button", { name: "Sign in" }).isVisible()).toBe(true);
    expect(await page.locator("body.govuk-frontend-supported").count()).toBe(0);
    await context.close();
  });

  it("shows a system administrator the jobs and outbox pages", async () => {
    const { jobs, data, outbox, tenants } = server.app.platform;
    await jobs.enqueue("sessions.purge");
    await jobs.tick();
    await data.run({ tenantId: tenants.forHost("127.0.0.1").id, actor: { id: "system:e2e" } }, (trx) =>
      outbox.enqueue(trx, {
        to: "new.starter@example.org",
        subject: "Welcome to Workforce Academy",
        body: "Hello",
      }),
    );

    const page = await pageAs(["system_administrator"]);
    await page.goto("/");
    await page.getByRole("link", { name: "Jobs" }).click();
    const jobsPage = await JobsPage.verifyOnPage(page);
    expect(await jobsPage.rows.filter({ hasText: "sessions.purge" }).first().textContent()).toContain(
      "Succeeded",
    );
    await jobsPage.screenshot("jobs");

    await page.getByRole("link", { name: "Outbox" }).click();
    const outboxPage = await OutboxPage.verifyOnPage(page);
    expect(await outboxPage.cards.first().textContent()).toContain("Welcome to Workforce Academy");
    await outboxPage.screenshot("outbox");

    await expect(page.getByText("Sam Admin").first().isVisible()).resolves.toBe(true);
    await page.context().close();
  });
});
