import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/platform/dates.js";
import { seedPeopleFixture } from "../support/people-fixture.js";
import {
  AddPersonPage,
  ChangeDetailsPage,
  FosterCarersPage,
  FosterHouseholdPage,
  MovePeoplePage,
  MoveTeamPage,
  OrganisationPage,
  PeopleListPage,
  PersonPage,
  RecordLeavingPage,
  TeamPage,
} from "./pages/people-pages.js";
import { launchBrowser, newPage } from "./support/browser.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { signIn } from "./support/session.js";

/**
 * The people pages' acceptance journey: find a person, open their profile and timeline, change a
 * detail (a validation error first), record them as a leaver and see their team's FTE drop. Every
 * page is checked with axe as it is verified. Data: test/support/people-fixture.ts.
 */
describe("people pages in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let id: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const tenant = server.app.platform.tenants.forHost("127.0.0.1");
    ({ id } = await seedPeopleFixture(server.app, tenant.id, { fillers: 12 }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedInPage(roles: string[], options: { javaScript?: boolean } = {}): Promise<Page> {
    const page =
      options.javaScript === false
        ? await (await browser.newContext({ baseURL: server.baseUrl, javaScriptEnabled: false })).newPage()
        : await newPage(browser, server.baseUrl);
    return signIn(server, page, {
      userId: "00000000-0000-4000-8000-0000000000b1",
      tenantId: server.app.platform.tenants.forHost("127.0.0.1").id,
      displayName: "Hana Analyst",
      roles: roles.map((role) => ({ role, unitId: null })),
    });
  }

  it("finds a person, changes a detail, records them leaving and shows the team's FTE change", async () => {
    const page = await signedInPage(["hr_workforce_analyst"]);
    await page.goto("/");
    await page.getByRole("link", { name: "People", exact: true }).click();
    const list = await PeopleListPage.verifyOnPage(page);
    expect(await list.results.count()).toBe(16); // 4 in Safeguarding, 12 in Early Help
    await list.screenshot("people-list");

    // Find Bob
    await list.search.fill("brown");
    await list.applyFilters.click();
    const found = await PeopleListPage.verifyOnPage(page);
    expect(await found.resultCount.textContent()).toContain("1 person");
    await found.person("Bob Brown").click();

    // His profile and timeline: two current assignments, newest first
    const profile = new PersonPage(page, "Bob Brown");
    await profile.verify();
    expect(await profile.timeline.count()).toBe(2);
    expect(await profile.timeline.nth(0).textContent()).toContain("Family Support");
    expect(await profile.timeline.nth(1).textContent()).toContain("Assessment");
    expect(await profile.timeline.nth(0).locator(".govuk-tag").textContent()).toContain("Current");
    await profile.screenshot("person-profile");

    // His team, before he leaves
    await profile.timeline.nth(1).getByRole("link", { name: "Assessment" }).click();
    const teamBefore = new TeamPage(page, "Assessment");
    await teamBefore.verify();
    expect((await teamBefore.total("FTE in post").textContent())?.trim()).toBe("1.5");
    await teamBefore.screenshot("team-page");
    await page.goBack();
    await profile.verify();

    // Change his email: a mistake first, reported in the summary, then the correction
    await profile.change("email").click();
    const edit = await ChangeDetailsPage.verifyOnPage(page);
    await edit.email.fill("bob.brown-at-example.org");
    await edit.save.click();
    const withError = await ChangeDetailsPage.verifyOnPage(page);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await withError.errorSummary.textContent()).toContain(
      "Enter an email address in the correct format, like name@example.com",
    );
    expect(await withError.email.inputValue()).toBe("bob.brown-at-example.org");
    await withError.screenshot("change-details-error");
    await withError.errorSummary.getByRole("link").first().click();
    expect(await page.evaluate("document.activeElement && document.activeElement.id")).toBe("email");
    await withError.email.fill("bob.brown@example.org");
    await withError.save.click();
    const changed = new PersonPage(page, "Bob Brown");
    await changed.verify();
    expect(await changed.notification.textContent()).toContain("Details saved");
    expect((await changed.value("Email").textContent())?.trim()).toBe("bob.brown@example.org");

    // Record him leaving yesterday: an error first, then the leaving recorded
    const today = server.app.people.today();
    const [y, m, d] = addDays(today, -1).split("-");
    await changed.recordLeaving.click();
    const leaver = await RecordLeavingPage.verifyOnPage(page);
    await leaver.day.fill(String(Number(d)));
    await leaver.submit.click();
    const leaverError = await RecordLeavingPage.verifyOnPage(page);
    expect(await leaverError.errorSummary.textContent()).toContain(
      "Leaving date must include a month and year",
    );
    expect(await leaverError.errorSummary.textContent()).toContain("Select why they left");
    await leaverError.screenshot("record-leaving-error");
    await leaverError.month.fill(String(Number(m)));
    await leaverError.year.fill(y as string);
    await leaverError.reason("Resignation").check();
    await leaverError.destination.selectOption({
      label: "Social worker role in a different local authority in England",
    });
    await leaverError.theme("Workload").check();
    await leaverError.notes.fill("Moving closer to family.");
    await leaverError.submit.click();
    const left = new PersonPage(page, "Bob Brown");
    await left.verify();
    expect(await left.notification.textContent()).toContain("Leaving recorded");
    expect(await left.value("Reason").textContent()).toContain("Resignation");
    expect(await left.timeline.locator(".govuk-tag").count()).toBe(0);

    // The team has lost his 0.5 FTE
    await left.timeline.nth(1).getByRole("link", { name: "Assessment" }).click();
    const teamAfter = new TeamPage(page, "Assessment");
    await teamAfter.verify();
    expect((await teamAfter.total("FTE in post").textContent())?.trim()).toBe("1");
    expect(await teamAfter.members.filter({ hasText: "Bob Brown" }).count()).toBe(0);

    // and the organisation tree shows it too, each unit a link
    await page.getByRole("link", { name: "Organisation", exact: true }).first().click();
    const organisation = await OrganisationPage.verifyOnPage(page);
    expect(await organisation.cells("Assessment").allTextContents()).toEqual(["Team", "1", "1", "1", "1"]);
    await organisation.screenshot("organisation");
    await organisation.unit("Family Support").click();
    await new TeamPage(page, "Family Support").verify();
    await page.context().close();
  });

  it("shows the organisation as at an earlier date and a team's posts", async () => {
    const page = await signedInPage(["service_manager"]);
    const organisation = await OrganisationPage.visit(page, "/organisation");
    await page.locator("#asAt-day").fill("1");
    await page.locator("#asAt-month").fill("4");
    await page.locator("#asAt-year").fill("2023");
    await page.getByRole("button", { name: "Show" }).click();
    await organisation.verify();
    expect(page.url()).toContain("asAt=2023-04-01");
    await organisation.unit("Assessment").click();
    const team = new TeamPage(page, "Assessment");
    await team.verify();
    expect(await page.locator(".govuk-caption-l").textContent()).toContain("1 April 2023");
    expect(await team.breadcrumbs.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("Safeguarding")]),
    );
    await page.context().close();
  });

  it("keeps the forms for adding and moving, and the foster carer pages, accessible, errors included", async () => {
    const page = await signedInPage(["hr_workforce_analyst"]);
    const add = await AddPersonPage.visit(page, "/people/new");
    await add.submit.click();
    const addErrors = await AddPersonPage.verifyOnPage(page);
    expect(await addErrors.errorSummary.textContent()).toContain("Enter their first name");

    const move = await MovePeoplePage.visit(page, `/people/move?from=${id.T2}`);
    await move.submit.click();
    const moveErrors = await MovePeoplePage.verifyOnPage(page);
    expect(await moveErrors.errorSummary.textContent()).toContain("Select the people who are moving");

    await MoveTeamPage.visit(page, `/organisation/units/${id.T2}/move`);
    await page.getByRole("button", { name: "Move team" }).click();
    const moveTeamErrors = await MoveTeamPage.verifyOnPage(page);
    expect(await moveTeamErrors.errorSummary.textContent()).toContain("Select where the team moves to");

    await page.goto("/");
    await page.getByRole("link", { name: "Foster carers", exact: true }).click();
    const carers = await FosterCarersPage.verifyOnPage(page);
    expect(await carers.rows.count()).toBe(1);
    await carers.screenshot("foster-carers");
    await page.getByRole("link", { name: "The Smith household" }).click();
    const household = new FosterHouseholdPage(page, "The Smith household");
    await household.verify();
    expect(await household.carers.count()).toBe(2);
    await page.context().close();
  });

  it("finds and opens a person without JavaScript", async () => {
    const page = await signedInPage(["senior_leader"], { javaScript: false });
    // No axe here: axe needs JavaScript. The same pages are checked with it above.
    await page.goto("/people");
    await page.getByLabel("Search").fill("Evans");
    await page.getByRole("button", { name: "Apply filters" }).click();
    expect(page.url()).toContain("q=Evans");
    await page.locator("table tbody").getByRole("link", { name: "Eve Evans" }).click();
    expect(await page.locator("h1").textContent()).toBe("Eve Evans");
    expect(await page.locator("body").textContent()).not.toContain("Equality information");
    expect(id.eve).toBeDefined();
    await page.context().close();
  });
});
