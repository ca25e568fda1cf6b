import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPeopleFixture } from "../support/people-fixture.js";
import { AddUserPage, EqualityProfilePage, SignInsPage, UserPage, UsersPage } from "./pages/admin-pages.js";
import { AuditSearchPage } from "./pages/audit-pages.js";
import { SignInPage } from "./pages/auth-pages.js";
import { HomePage } from "./pages/performance-pages.js";
import { launchBrowser, newPage } from "./support/browser.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { signedInPage } from "./support/session.js";

/**
 * The administration pages' acceptance journeys: a system administrator adds a user (the empty
 * form's errors first), gives and takes away a role, disables the account and finds it in the
 * list; reads the sign-ins after a failed and a successful sign-in through the sign-in page; and
 * an HR and workforce analyst reads the equality profile, small numbers suppressed. Every page is
 * checked with axe as it is verified. Data: test/support/people-fixture.ts.
 */
describe("administration pages in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  const users: Record<"admin" | "analyst", { id: string; name: string }> = {
    admin: { id: "", name: "Sam Sysadmin" },
    analyst: { id: "", name: "Hana Analyst" },
  };
  const PASSWORD = "a long enough passphrase";
  const signInEmail = "pat.password@example.org";

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const tenant = server.app.platform.tenants.forHost("127.0.0.1");
    await seedPeopleFixture(server.app, tenant.id);
    await server.app.platform.data.run({ tenantId: tenant.id, actor: { id: "system:test" } }, async (db) => {
      users.admin.id = await server.app.auth.createUser(db, {
        email: "sam.sysadmin@example.org",
        displayName: users.admin.name,
        roles: [{ role: "system_administrator", unitId: null }],
      });
      users.analyst.id = await server.app.auth.createUser(db, {
        email: "hana.analyst@example.org",
        displayName: users.analyst.name,
        roles: [{ role: "hr_workforce_analyst", unitId: null }],
      });
      await server.app.auth.createUser(db, {
        email: signInEmail,
        displayName: "Pat Password",
        password: PASSWORD,
        roles: [{ role: "practitioner", unitId: null }],
      });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page signed in as `who`, holding `role` across the council. */
  function pageAs(who: "admin" | "analyst", role: string): Promise<Page> {
    return signedInPage(browser, server, {
      userId: users[who].id,
      tenantId: server.app.platform.tenants.forHost("127.0.0.1").id,
      displayName: users[who].name,
      roles: [{ role, unitId: null }],
    });
  }
  const texts = async (locator: { allTextContents(): Promise<string[]> }) =>
    (await locator.allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());

  it("adds a user, gives and removes a role, disables the account and finds it in the list", async () => {
    const page = await pageAs("admin", "system_administrator");
    await page.goto("/");
    await page.getByRole("link", { name: "Users", exact: true }).click();
    const list = await UsersPage.verifyOnPage(page);
    await list.screenshot("admin-users");

    // The empty form: an error summary linking to each field that needs an answer
    await list.addUser.click();
    let add = await AddUserPage.verifyOnPage(page);
    expect(await add.sendLink.isChecked()).toBe(true);
    await add.screenshot("admin-add-user");
    await add.submit.click();
    add = await AddUserPage.verifyOnPage(page);
    expect(await page.title()).toMatch(/^Error: Add a user - /);
    expect(await add.errorSummary.isVisible()).toBe(true);
    expect(await texts(add.errorLinks)).toEqual([
      "Enter their name",
      "Enter their work email address",
      "Select a role",
    ]);
    const hrefs = await add.errorLinks.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(["#display_name", "#email", "#role"]);
    for (const href of hrefs) expect(await page.locator(href as string).count()).toBe(1);
    expect((await page.locator("#display_name-error").textContent())?.trim()).toBe("Error: Enter their name");
    await add.screenshot("admin-add-user-errors");
    // Following a link in the summary puts the cursor in its field
    await add.errorLinks.first().click();
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
            .activeElement?.id,
      ),
    ).toBe("display_name");

    // The form filled in: Alice, found by her Social Work England number, a service manager in Safeguarding
    await add.name.fill("Alice Adams");
    await add.email.fill("alice.adams@example.org");
    await add.personReference.fill("SW1001");
    await add.role.selectOption({ label: "Service manager" });
    await add.chooseUnit("Safeguarding");
    await add.submit.click();
    let user = new UserPage(page, "Alice Adams");
    await user.verify();
    const userPath = new URL(page.url()).pathname;
    expect(userPath).toMatch(/^\/admin\/users\/[0-9a-f-]{36}$/);
    expect((await user.notification.textContent())?.replace(/\s+/g, " ")).toContain(
      "Account added. A link to set a password is on its way to alice.adams@example.org",
    );
    expect(await user.notification.getAttribute("class")).toContain("govuk-notification-banner--success");
    expect((await user.value("Email address").textContent())?.trim()).toBe("alice.adams@example.org");
    expect((await user.value("Person record").textContent())?.trim()).toBe("Alice Adams");
    expect((await user.value("Status").textContent())?.trim()).toBe("Active");
    expect(await texts(user.roles.locator("td:first-child"))).toEqual(["Service manager: Safeguarding"]);
    const emailed = await server.app.platform.database.db
      .selectFrom("outbox_messages")
      .select("body")
      .where("to_address", "=", "alice.adams@example.org")
      .execute();
    expect(emailed).toHaveLength(1);
    await user.screenshot("admin-user-added");

    // A second role, across the whole council
    await user.role.selectOption({ label: "Learning and development officer" });
    expect(await user.unit.inputValue()).toBe("council");
    await user.addRole.click();
    user = new UserPage(page, "Alice Adams");
    await user.verify();
    expect((await user.notification.textContent())?.trim()).toContain(
      "Role added: Learning and development officer",
    );
    expect(await texts(user.roles.locator("td:first-child"))).toEqual([
      "Learning and development officer",
      "Service manager: Safeguarding",
    ]);
    await user.screenshot("admin-user-role-added");

    // ...removed again with its own Remove button
    await user.remove("Learning and development officer").click();
    user = new UserPage(page, "Alice Adams");
    await user.verify();
    expect((await user.notification.textContent())?.trim()).toContain("Role removed");
    expect(await texts(user.roles.locator("td:first-child"))).toEqual(["Service manager: Safeguarding"]);
    await user.screenshot("admin-user-role-removed");

    // Disabled
    await user.disable.click();
    user = new UserPage(page, "Alice Adams");
    await user.verify();
    expect((await user.notification.textContent())?.trim()).toContain(
      "Account disabled: they cannot sign in",
    );
    expect((await user.value("Status").textContent())?.trim()).toBe("Disabled");
    expect(await user.disable.count()).toBe(0);
    expect(await user.enable.isVisible()).toBe(true);
    await user.screenshot("admin-user-disabled");

    // The list, searched by her name
    await page.getByRole("link", { name: "Users", exact: true }).first().click();
    const all = await UsersPage.verifyOnPage(page);
    expect((await all.resultCount.textContent())?.trim()).toBe("4 users");
    await all.search.fill("alice adams");
    await all.searchButton.click();
    const found = await UsersPage.verifyOnPage(page);
    expect(new URL(page.url()).searchParams.get("q")).toBe("alice adams");
    expect(await found.search.inputValue()).toBe("alice adams");
    expect((await found.resultCount.textContent())?.trim()).toBe("1 user");
    expect(await found.results.count()).toBe(1);
    const row = (await texts(found.results.first().locator("th, td"))).map((t) => t.replace(/\s+/g, " "));
    expect(row).toEqual([
      "Alice Adamsalice.adams@example.org",
      "Service manager: Safeguarding",
      "Disabled",
      "Never",
    ]);
    expect(await found.user("Alice Adams").getAttribute("href")).toBe(userPath);
    await found.screenshot("admin-users-search");
    await page.context().close();
  });

  it("lists a failed and a successful sign-in, and only the failed one by outcome", async () => {
    // Through the real sign-in page: a wrong password, then the right one
    const visitor = await newPage(browser, server.baseUrl);
    let signIn = await SignInPage.visit(visitor, "/sign-in");
    await signIn.signIn(signInEmail, "not the passphrase at all");
    signIn = await SignInPage.verifyOnPage(visitor);
    expect(await visitor.locator(".govuk-error-summary").textContent()).toContain(
      "Enter a correct email address and password",
    );
    await signIn.screenshot("admin-sign-in-failed");
    await signIn.signIn(signInEmail, PASSWORD);
    const home = await HomePage.verifyOnPage(visitor);
    expect(await visitor.locator(".app-user__name").textContent()).toContain("Pat Password");
    await home.screenshot("admin-signed-in");
    await visitor.context().close();

    const page = await pageAs("admin", "system_administrator");
    await page.goto("/");
    await page.getByRole("link", { name: "Audit", exact: true }).click();
    const audit = await AuditSearchPage.verifyOnPage(page);
    await audit.screenshot("admin-audit");
    await page.getByRole("link", { name: "Sign-ins and failed sign-ins" }).click();
    const signIns = await SignInsPage.verifyOnPage(page);
    expect((await signIns.resultCount.textContent())?.trim()).toBe("2 sign-ins");
    // Newest first
    expect(await texts(signIns.results.locator("td:nth-child(4)"))).toEqual(["Signed in", "Wrong password"]);
    await signIns.screenshot("admin-sign-ins");

    await signIns.outcome.selectOption({ label: "Wrong password" });
    await signIns.search.click();
    const failed = await SignInsPage.verifyOnPage(page);
    expect(new URL(page.url()).searchParams.get("outcome")).toBe("wrong_password");
    expect(await failed.outcome.inputValue()).toBe("wrong_password");
    expect((await failed.resultCount.textContent())?.trim()).toBe("1 sign-in");
    expect(await failed.results.count()).toBe(1);
    const cells = await texts(failed.results.first().locator("td"));
    expect(cells.slice(1)).toEqual([signInEmail, "Password", "Wrong password"]);
    expect(cells[0]).toMatch(/\d{4} at \d{1,2}(:\d{2})?(am|pm)$/);
    await failed.screenshot("admin-sign-ins-wrong-password");
    await page.context().close();
  });

  it("shows the equality profile by another characteristic, with small numbers suppressed", async () => {
    const page = await pageAs("analyst", "hr_workforce_analyst");
    // Found from the people list
    await page.goto("/people");
    await page.getByRole("link", { name: "Equality profile of the workforce" }).click();
    const profile = await EqualityProfilePage.verifyOnPage(page);
    expect(await profile.characteristic("Ethnic group").isChecked()).toBe(true);
    expect((await profile.caption.textContent())?.trim()).toMatch(/^Staff by service and ethnic group, /);
    await profile.screenshot("admin-equality-ethnicity");

    await profile.characteristic("Disability").check();
    await profile.show.click();
    const byDisability = await EqualityProfilePage.verifyOnPage(page);
    expect(new URL(page.url()).searchParams.get("characteristic")).toBe("disability");
    expect(await page.title()).toMatch(/^Equality profile by disability - /);
    expect(await byDisability.characteristic("Disability").isChecked()).toBe(true);
    expect(await byDisability.caption.count()).toBe(1);
    expect((await byDisability.caption.textContent())?.trim()).toMatch(/^Staff by service and disability, /);
    expect(await texts(byDisability.table.locator("thead th"))).toEqual([
      "Service",
      "Disabled",
      "Not disabled",
      "Prefers not to say",
      "Not known or not recorded",
      "Total",
    ]);
    const cells = await texts(byDisability.cells);
    expect(cells).toContain("fewer than 5");
    // Never a number from 1 to 4
    for (const cell of cells) expect(["1", "2", "3", "4"]).not.toContain(cell);
    expect(await page.locator(".govuk-inset-text").textContent()).toContain(
      "'Fewer than 5' means there are between 1 and 4 people.",
    );
    await byDisability.screenshot("admin-equality-disability");
    await page.context().close();
  });
});
