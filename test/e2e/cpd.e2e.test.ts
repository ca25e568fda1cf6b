import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateInLondon } from "../../src/platform/dates.js";
import { seedPeopleFixture } from "../support/people-fixture.js";
import {
  CpdEntryFormPage,
  CpdEntryPage,
  CpdLogPage,
  ReadinessPage,
  TeamReadinessPage,
} from "./pages/cpd-pages.js";
import { launchBrowser } from "./support/browser.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { text, texts } from "./support/text.js";
import { createUsers, type E2eUser, pageAsUser } from "./support/users.js";

/**
 * CPD and Social Work England readiness: a registered social worker (Alice Adams, Assessment)
 * records two pieces of CPD, one with a peer reflection, and her readiness for the registration
 * year moves from "not met" to "met"; the Assessment team's manager sees it on the team's
 * readiness page. Every page is checked with axe as it is verified.
 */
describe("CPD and Social Work England readiness in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let tenantId: string;
  let id: Record<string, string>;
  type Who = "alice" | "manager";
  const users: Record<Who, E2eUser> = {
    alice: { id: "", name: "Alice Adams", role: "practitioner", person: "alice" },
    manager: { id: "", name: "Tom Teamlead", role: "service_manager", unit: "T1" },
  };
  // Dated today: always inside the registration year under way, whenever the test runs.
  const today = dateInLondon(new Date());

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tenantId = server.app.platform.tenants.forHost("127.0.0.1").id;
    ({ id } = await seedPeopleFixture(server.app, tenantId));
    await createUsers(server, tenantId, users, id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function pageAs(who: Who): Promise<Page> {
    return pageAsUser(browser, server, tenantId, users[who], id);
  }

  it("records two pieces of CPD, one with a peer reflection, and readiness moves to met", async () => {
    const alice = await pageAs("alice");

    // Before: nothing recorded this year
    const before = await ReadinessPage.visit(alice, "/cpd/registration");
    expect(await text(before.state)).toBe("Not met yet");
    expect(await texts(before.missing)).toEqual(["2 more pieces of CPD", "a peer reflection"]);
    await before.screenshot("cpd-readiness-not-met");

    // The first piece: reading, final, no peer reflection. A first try without a title is refused.
    const log = await CpdLogPage.visit(alice, "/cpd");
    await log.screenshot("cpd-log-empty");
    await log.addEntry.click();
    let form = await CpdEntryFormPage.verifyOnPage(alice);
    await form.on(today);
    await form.kind("Reading or research").check();
    await form.hours.fill("2");
    await form.learnt.fill("How cumulative harm builds in neglect cases");
    await form.impact.fill("I write a chronology at the start of every assessment");
    await form.standard("4. Maintain my continuing professional development").check();
    await form.final.check();
    await form.save.click();
    form = await CpdEntryFormPage.verifyOnPage(alice);
    expect(await text(form.errorSummary)).toContain("Enter a title");
    await form.screenshot("cpd-entry-form-error");
    await form.title.fill("Reading: neglect and cumulative harm");
    await form.save.click();
    const first = new CpdEntryPage(alice, "Reading: neglect and cumulative harm");
    await first.verify();
    expect(await text(first.notification)).toMatch(/added|saved/i);
    await first.screenshot("cpd-entry");

    let readiness = await ReadinessPage.visit(alice, "/cpd/registration");
    expect(await text(readiness.state)).toBe("Not met yet");
    expect(await texts(readiness.missing)).toEqual(["1 more piece of CPD", "a peer reflection"]);

    // The second: group supervision with a peer reflection, shared with her manager
    await CpdLogPage.visit(alice, "/cpd");
    await new CpdLogPage(alice).addEntry.click();
    form = await CpdEntryFormPage.verifyOnPage(alice);
    await form.on(today);
    await form.title.fill("Group supervision on a neglect case");
    await form.kind("Reflective supervision").check();
    await form.hours.fill("1.5");
    await form.learnt.fill("Naming the impact of drift on the child");
    await form.impact.fill("I review plans against the child's timescale, not the adults'");
    await form.standard("3. Be accountable for the quality of my practice and the decisions I make").check();
    await form.peerName.fill("Sean Senior");
    await form.peerOn(today);
    await form.peerNotes.fill("Talked through how supervision changed the plan");
    await form.final.check();
    await form.shared.check();
    await form.screenshot("cpd-entry-form");
    await form.save.click();
    await new CpdEntryPage(alice, "Group supervision on a neglect case").verify();
    const mine = await CpdLogPage.visit(alice, "/cpd");
    expect(await mine.page.locator("main table tbody tr").count()).toBeGreaterThanOrEqual(2);
    await mine.screenshot("cpd-log");

    readiness = await ReadinessPage.visit(alice, "/cpd/registration");
    expect(await text(readiness.state)).toBe("Met");
    expect(await readiness.missing.count()).toBe(0);
    expect(await readiness.entries.count()).toBe(2);
    await readiness.screenshot("cpd-readiness-met");

    // Her team's manager sees the team's readiness, Alice's included
    const manager = await pageAs("manager");
    const team = await TeamReadinessPage.visit(manager, "/cpd/registration/people");
    expect(await text(team.row("Adams"))).toContain("Met");
    await team.screenshot("cpd-team-readiness");
  });
});
