import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CheckEmailPage,
  ChooseNewPasswordPage,
  PasswordChangedPage,
  ResetPasswordPage,
  SignedOutPage,
  SignInPage,
} from "./pages/auth-pages.js";
import { JobsPage } from "./pages/platform-pages.js";
import { launchBrowser, newPage } from "./support/browser.js";
import { freePort, startOidcProvider, type TestOidcProvider } from "./support/oidc-provider.js";
import { startTestServer, type TestServer } from "./support/server.js";

describe("signing in, in Chromium", () => {
  let server: TestServer;
  let provider: TestOidcProvider;
  let browser: Browser;

  beforeAll(async () => {
    const providerPort = await freePort();
    server = await startTestServer({
      env: {
        OIDC_ISSUER_URL: `http://127.0.0.1:${providerPort}`,
        OIDC_CLIENT_ID: "workforce-academy",
        OIDC_CLIENT_SECRET: "a-test-only-client-secret",
        OIDC_PROVIDER_NAME: "Test Council",
        OIDC_ALLOW_HTTP: "true",
      },
    });
    provider = await startOidcProvider({
      port: providerPort,
      clientId: "workforce-academy",
      clientSecret: "a-test-only-client-secret",
      redirectUri: `${server.baseUrl}/sign-in/oidc/callback`,
    });
    const tenantId = server.app.platform.tenants.forHost("127.0.0.1").id;
    await server.app.platform.data.run({ tenantId, actor: { id: "system:e2e" } }, async (db) => {
      await server.app.auth.createUser(db, {
        email: "sso.admin@example.org",
        displayName: "Sol Single-Sign-On",
        roles: [{ role: "system_administrator", unitId: null }],
      });
      await server.app.auth.createUser(db, {
        email: "local.admin@example.org",
        displayName: "Lou Local",
        password: "marmalade bicycle orchard",
        roles: [{ role: "system_administrator", unitId: null }],
      });
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await provider?.close();
    await server?.close();
  });

  it("signs in through OpenID Connect, matching the account by email", async () => {
    const page = await newPage(browser, server.baseUrl);
    await page.goto("/system/jobs");
    const signIn = await SignInPage.verifyOnPage(page);
    await signIn.screenshot("sign-in");
    await signIn.singleSignOn.click();

    // The provider's own development sign-in and consent pages (not ours: no axe check here).
    await page.locator('input[name="login"]').fill("sso.admin@example.org");
    await page.locator('input[name="password"]').fill("anything");
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();

    const jobs = await JobsPage.verifyOnPage(page);
    expect(new URL(page.url()).pathname).toBe("/system/jobs");
    expect(await page.locator(".app-user__name").textContent()).toContain("Sol Single-Sign-On");
    await jobs.screenshot("signed-in-by-sso");
    await page.context().close();
  });

  it("signs in with a local account, resets its password by the emailed link and signs out", async () => {
    const page = await newPage(browser, server.baseUrl);
    await page.goto("/sign-in");
    let signIn = await SignInPage.verifyOnPage(page);
    await signIn.signIn("local.admin@example.org", "wrong password here");
    signIn = await SignInPage.verifyOnPage(page);
    expect(await page.locator(".govuk-error-summary").textContent()).toContain(
      "Enter a correct email address and password",
    );

    await signIn.forgotten.click();
    const reset = await ResetPasswordPage.verifyOnPage(page);
    await reset.email.fill("local.admin@example.org");
    await page.getByRole("button", { name: "Send the link" }).click();
    await CheckEmailPage.verifyOnPage(page);

    const message = await server.app.platform.database.db
      .selectFrom("outbox_messages")
      .select("body")
      .where("to_address", "=", "local.admin@example.org")
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/[^\s]+\/password\/set\/[A-Za-z0-9_-]+/.exec(message.body)?.[0] ?? "";
    await page.goto(link);
    const choose = await ChooseNewPasswordPage.verifyOnPage(page);
    await choose.password.fill("password1234");
    await choose.confirm.fill("password1234");
    await page.getByRole("button", { name: "Save password" }).click();
    await ChooseNewPasswordPage.verifyOnPage(page);
    expect(await page.locator("#password-error").textContent()).toContain("too easy to guess");
    await choose.password.fill("lantern meadow pebble");
    await choose.confirm.fill("lantern meadow pebble");
    await page.getByRole("button", { name: "Save password" }).click();
    await PasswordChangedPage.verifyOnPage(page);

    await page.getByRole("link", { name: "Sign in" }).first().click();
    signIn = await SignInPage.verifyOnPage(page);
    await signIn.signIn("local.admin@example.org", "lantern meadow pebble");
    expect(await page.locator(".app-user__name").textContent()).toContain("Lou Local");
    await page.getByRole("button", { name: "Sign out" }).click();
    await SignedOutPage.verifyOnPage(page);
    await page.context().close();
  });
});
