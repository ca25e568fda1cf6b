import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dateInLondon } from "../../src/platform/dates.js";
import { seedPeopleFixture } from "../support/people-fixture.js";
import { NotFoundPage } from "./pages/platform-pages.js";
import {
  OverduePage,
  RecordSupervisionPage,
  ReflectiveNotePage,
  SupervisionDashboardPage,
  SupervisionHomePage,
  SupervisionPersonPage,
  SupervisionRecordPage,
} from "./pages/supervision-pages.js";
import { launchBrowser } from "./support/browser.js";
import { mustId, seedManagedTeam } from "./support/practice-seed.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { text, texts } from "./support/text.js";
import { createUsers, type E2eUser, pageAsUser } from "./support/users.js";

/**
 * Supervision, from an overdue member of a team to the team back in date. Maya Mensah manages
 * the five social workers of the Child Protection team; the council's policy asks for individual
 * supervision every 4 weeks, and four of them were supervised a week ago while Omar Osei's last
 * supervision was 45 days ago, so he is overdue and the team is 80% in date. Maya sees him on her
 * overdue list, records today's supervision with agreed actions and a reflective note; Omar sees
 * it on his supervision page, reads the note and confirms the record; the team is then 100% in
 * date on the dashboard; HR sees the record without the note. Every page is checked with axe as
 * it is verified.
 *
 * The steps run in order (one `it` per person's turn). Data: test/support/people-fixture.ts, plus
 * in beforeAll the team, its manager and members, the policy rule and the earlier supervisions.
 */
describe("supervision of an overdue member of a team, in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let tenantId: string;
  let id: Record<string, string>;
  type Who = "manager" | "member" | "hr";
  const users: Record<Who, E2eUser> = {
    manager: { id: "", name: "Maya Mensah", role: "line_manager", person: "maya" },
    member: { id: "", name: "Omar Osei", role: "practitioner", person: "omar" },
    hr: { id: "", name: "Hana Analyst", role: "hr_workforce_analyst" },
  };
  const MANAGER = "Maya Mensah";
  const MEMBER = "Omar Osei";
  const TEAM = "Child Protection";
  const ACTIONS = "Omar to book the child protection chair training by the end of the month";
  const NOTE = "We talked about the weight of the Green family case and how Omar looks after himself";

  /** A date as the pages write it, e.g. "7 December 2025". */
  const longDate = (iso: string) =>
    new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date(`${iso}T00:00:00Z`));

  // The real clock. Four members were supervised a week ago (next due in three weeks: in date);
  // Omar 45 days ago (due 17 days ago: overdue).
  const today = dateInLondon(new Date());
  const weekAgo = addDays(today, -7);
  const omarLastOn = addDays(today, -45);
  let recordHref = "";

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tenantId = server.app.platform.tenants.forHost("127.0.0.1").id;
    let ctx: Awaited<ReturnType<typeof seedPeopleFixture>>["ctx"];
    ({ id, ctx } = await seedPeopleFixture(server.app, tenantId));
    const { data } = server.app.platform;
    const must = mustId(id);

    // The team, in Safeguarding; its manager is placed in the service, so the team is her five.
    const members = [
      ["omar", "Omar", "Osei", "E021"],
      ["priya", "Priya", "Patel", "E022"],
      ["quinn", "Quinn", "Quarrie", "E023"],
      ["rosa", "Rosa", "Reid", "E024"],
      ["sami", "Sami", "Shah", "E025"],
    ] as const;
    await seedManagedTeam(server.app, ctx, id, { name: TEAM, members });

    await data.run(ctx, async (db) => {
      // The policy: individual supervision every 4 weeks for everyone.
      await db
        .insertInto("supervision_policy_rules")
        .values({
          applies_to: "default",
          every_value: 4,
          every_unit: "weeks",
          valid_from: "2023-01-01",
          created_by: "system:e2e",
        })
        .execute();
      // The last supervision of each member: a week ago, Omar's 45 days ago.
      await db
        .insertInto("supervisions")
        .values(
          members.map(([key]) => ({
            person_id: must(key),
            supervisor_person_id: must("maya"),
            kind: "individual" as const,
            held_on: key === "omar" ? omarLastOn : weekAgo,
            status: "held" as const,
            duration_minutes: 60,
            recorded_by: "system:e2e",
            confirmed_on: key === "omar" ? omarLastOn : weekAgo,
          })),
        )
        .execute();
      // Maya's own supervision is in date too (so her overdue list is her team's).
      await db
        .insertInto("supervisions")
        .values({
          person_id: must("maya"),
          kind: "individual",
          held_on: weekAgo,
          status: "held",
          recorded_by: "system:e2e",
        })
        .execute();
    });
    await createUsers(server, tenantId, users, id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page signed in as `who`, with their role across the council and their person record. */
  function pageAs(who: Who): Promise<Page> {
    return pageAsUser(browser, server, tenantId, users[who], id);
  }

  /** The manager's dashboard for the team. */
  async function teamDashboard(page: Page): Promise<SupervisionDashboardPage> {
    await page.goto(`/supervision/dashboard?unit=${id.T3}`);
    const dashboard = new SupervisionDashboardPage(page, TEAM);
    await dashboard.verify();
    return dashboard;
  }

  it("the manager sees one of her five overdue and the team 80% in date", async () => {
    const maya = await pageAs("manager");

    const home = await SupervisionHomePage.visit(maya, "/supervision");
    expect(await text(home.overdueCount)).toBe("1");
    await home.screenshot("supervision-home-manager-before");

    const dashboard = await teamDashboard(maya);
    expect(await text(dashboard.percent)).toBe("80%");
    expect(await text(dashboard.counts)).toBe("in date: 4 in date, 0 due soon, 1 overdue, of 5");
    await dashboard.screenshot("supervision-dashboard-team-before");

    await home.page.goto("/supervision");
    await (await SupervisionHomePage.verifyOnPage(maya)).seeOverdue.click();
    const overdue = await OverduePage.verifyOnPage(maya);
    expect(await text(overdue.counts)).toBe("1 overdue and 0 due soon.");
    const row = overdue.person(MEMBER);
    expect(await texts(row.locator("td"))).toEqual([
      MEMBER,
      TEAM,
      "Every 4 weeks",
      longDate(omarLastOn),
      longDate(addDays(omarLastOn, 28)),
      "Overdue",
      MANAGER,
    ]);
    await overdue.screenshot("supervision-overdue");
  });

  it("the manager records today's supervision of the overdue member, with actions and a reflective note", async () => {
    const maya = await pageAs("manager");
    const overdue = await OverduePage.visit(maya, "/supervision/overdue");
    await overdue.personLink(MEMBER).click();

    let person = new SupervisionPersonPage(maya, MEMBER);
    await person.verify();
    expect(await text(person.status("Status"))).toContain("Overdue");
    expect(await text(person.status("Last supervision held"))).toBe(longDate(omarLastOn));
    await person.recordSupervision.click();

    const form = await RecordSupervisionPage.verifyOnPage(maya);
    // Today, by the signed-in manager, individual and held, unless changed
    expect(await form.page.locator("#held_on-day").inputValue()).toBe(String(Number(today.slice(8))));
    expect(await form.kind("Individual").isChecked()).toBe(true);
    expect(await form.held("Held").isChecked()).toBe(true);
    expect(await text(form.supervisor.locator("option:checked"))).toMatch(new RegExp(`^${MANAGER}`));
    await form.heldOn(today);
    await form.duration.fill("90");
    await form.actions.fill(ACTIONS);
    await form.note.fill(NOTE);
    await form.screenshot("supervision-record-form");
    await form.save.click();

    const record = new SupervisionRecordPage(maya, `Individual supervision, ${longDate(today)}`);
    await record.verify();
    recordHref = new URL(maya.url()).pathname;
    expect(recordHref).toMatch(/^\/supervision\/records\/[0-9a-f-]{36}$/);
    expect(await text(record.notification)).toContain(
      `Supervision recorded. ${MEMBER} has been asked to confirm it.`,
    );
    expect(await text(record.summary("Supervisor"))).toBe(MANAGER);
    expect(await text(record.summary("Held or cancelled"))).toBe("Held");
    expect(await text(record.summary("Duration"))).toBe("90 minutes");
    expect(await text(record.summary("Confirmed by the supervisee"))).toBe("Not yet confirmed");
    expect(await text(record.actions)).toBe(ACTIONS);
    // The supervisor reads the note she wrote
    expect(await text(record.note)).toBe(NOTE);
    await record.screenshot("supervision-record-manager");

    // Omar is asked by email to confirm it; the email never carries the note
    const emails = await server.app.platform.data.run({ tenantId, actor: { id: "system:e2e" } }, (db) =>
      db
        .selectFrom("outbox_messages")
        .select(["subject", "body"])
        .where("to_address", "=", "omar.osei@example.org")
        .execute(),
    );
    expect(emails.map((e) => e.subject)).toEqual(["Please confirm your supervision record"]);
    expect(emails[0]?.body).not.toContain(NOTE);

    // Omar's page: in date again, the new record first
    await maya.goto(`/supervision/people/${id.omar}`);
    person = new SupervisionPersonPage(maya, MEMBER);
    await person.verify();
    expect(await text(person.status("Status"))).toContain("In date");
    expect(await text(person.record(longDate(today)))).toContain("Not yet");
  });

  it("the member sees the record, reads the note and confirms it", async () => {
    expect(recordHref).not.toBe("");
    const omar = await pageAs("member");

    const home = await SupervisionHomePage.visit(omar, "/supervision");
    expect(await text(home.own("Status"))).toBe("In date");
    expect(await text(home.own("Last held"))).toBe(longDate(today));
    expect(await text(home.own("Next supervision due"))).toBe(longDate(addDays(today, 28)));
    await home.screenshot("supervision-home-member");
    await home.yourRecords.click();

    const mine = new SupervisionPersonPage(omar, "Your supervision");
    await mine.verify();
    expect(await mine.recordSupervision.count()).toBe(0);
    await mine.recordLink(longDate(today)).click();

    let record = new SupervisionRecordPage(omar, `Individual supervision, ${longDate(today)}`);
    await record.verify();
    expect(new URL(omar.url()).pathname).toBe(recordHref);
    expect(await text(record.actions)).toBe(ACTIONS);
    expect(await text(record.note)).toBe(NOTE);
    await record.screenshot("supervision-record-member");
    await record.confirm.click();

    record = new SupervisionRecordPage(omar, `Individual supervision, ${longDate(today)}`);
    await record.verify();
    expect(await text(record.notification)).toContain("Thank you: you confirmed the supervision record");
    expect(await text(record.summary("Confirmed by the supervisee"))).toBe(longDate(today));
    expect(await record.confirm.count()).toBe(0);

    // The note page: the manager's note, for the two of them only
    await record.changeNote.click();
    const note = await ReflectiveNotePage.verifyOnPage(omar);
    expect(await note.note.inputValue()).toBe(NOTE);
    expect(await text(note.page.locator("main p.govuk-body").first())).toContain(
      "Only you and your supervisor",
    );
    await note.screenshot("supervision-note-member");
  });

  it("the team is now 100% in date on the manager's dashboard", async () => {
    const maya = await pageAs("manager");
    const home = await SupervisionHomePage.visit(maya, "/supervision");
    expect(await text(home.overdueCount)).toBe("0");

    const dashboard = await teamDashboard(maya);
    expect(await text(dashboard.percent)).toBe("100%");
    expect(await text(dashboard.counts)).toBe("in date: 5 in date, 0 due soon, 0 overdue, of 5");
    await dashboard.screenshot("supervision-dashboard-team-after");

    // The record shows the confirmation to the manager too
    const record = await SupervisionRecordPage.visit(maya, recordHref);
    expect(await text(record.summary("Confirmed by the supervisee"))).toBe(longDate(today));
  });

  it("HR sees the record but not the reflective note", async () => {
    expect(recordHref).not.toBe("");
    const hr = await pageAs("hr");
    const record = await SupervisionRecordPage.visit(hr, recordHref);
    expect(await text(record.actions)).toBe(ACTIONS);
    expect(await record.noteHeading.count()).toBe(0);
    expect(await record.note.count()).toBe(0);
    expect(await hr.content()).not.toContain(NOTE);
    await record.screenshot("supervision-record-hr");
    const response = await hr.goto(`${recordHref}/note`);
    expect(response?.status()).toBe(404);
    await NotFoundPage.verifyOnPage(hr);
  });
});
