import { sql } from "kysely";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dateInLondon } from "../../src/platform/dates.js";
import { seedPeopleFixture } from "../support/people-fixture.js";
import {
  ComplianceOverviewPage,
  CourseFormPage,
  CoursePage,
  LearningPage,
  MyBookingsPage,
  RegisterPage,
  RequirementFormPage,
  RequirementPage,
  SessionBookingsPage,
  SessionFormPage,
  SessionPage,
} from "./pages/learning-pages.js";
import { launchBrowser } from "./support/browser.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { text, texts } from "./support/text.js";
import { createUsers, type E2eUser, pageAsUser } from "./support/users.js";

/**
 * The learning offer's acceptance journey: an L&D officer creates a course with a mandatory
 * requirement and a session of 2 places; three practitioners in the Assessment team book (two
 * booked, one waiting); one cancels and the third is offered the place and accepts; the register
 * is marked; the person's compliance and the team's percentage change. Every page is checked with
 * axe as it is verified. Data: test/support/people-fixture.ts (Alice Adams, Bob Brown and Dan
 * Davis all work in Assessment).
 */
describe("learning offer in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let tenantId: string;
  let id: Record<string, string>;
  type Who = "lnd" | "alice" | "bob" | "dan";
  const users: Record<Who, E2eUser> = {
    lnd: { id: "", name: "Lee Learning", role: "learning_and_development_officer" },
    alice: { id: "", name: "Alice Adams", role: "practitioner", person: "alice" },
    bob: { id: "", name: "Bob Brown", role: "practitioner", person: "bob" },
    dan: { id: "", name: "Dan Davis", role: "practitioner", person: "dan" },
  };
  const COURSE = "Safeguarding children refresher";
  const REQUIREMENT = "Safeguarding children";
  const today = dateInLondon(new Date());
  const sessionOn = addDays(today, 14);

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

  /** A page signed in as `who`, with their role across the council and their person record. */
  function pageAs(who: Who): Promise<Page> {
    return pageAsUser(browser, server, tenantId, users[who], id);
  }
  /** A day and month as the pages write dates, e.g. "7 December 2026". */
  const longDate = (iso: string) =>
    new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date(`${iso}T00:00:00Z`));

  it("books a full session, offers a freed place, marks the register and moves compliance", async () => {
    // The L&D officer adds a course...
    const lnd = await pageAs("lnd");
    const courseForm = await CourseFormPage.visit(lnd, "/learning/courses/new");
    await courseForm.title.fill(COURSE);
    await courseForm.code.fill("SAFE-REF-01");
    await courseForm.tierGroup.selectOption("core:assessment");
    await courseForm.screenshot("learning-course-form");
    await courseForm.save.click();
    const course = new CoursePage(lnd, COURSE);
    await course.verify();
    expect(await text(course.notification)).toContain("Course added");
    const courseId = new URL(lnd.url()).pathname.split("/").pop() as string;
    await course.screenshot("learning-course");

    // ...a mandatory requirement that it meets: in force for 60 days, due within 30, so everyone
    // it applies to is already overdue...
    const requirementForm = await RequirementFormPage.visit(lnd, "/learning/requirements/new");
    await requirementForm.title.fill(REQUIREMENT);
    await requirementForm.code.fill("SAFEGUARDING-L1");
    await requirementForm.chooseCourse("Core", `${COURSE} (SAFE-REF-01)`);
    await requirementForm.dueWithinDays.fill("30");
    await requirementForm.startsOn(addDays(today, -60));
    await requirementForm.screenshot("learning-requirement-form");
    await requirementForm.save.click();
    const requirement = new RequirementPage(lnd, REQUIREMENT);
    await requirement.verify();
    expect(await text(requirement.notification)).toContain("Requirement added");
    await requirement.screenshot("learning-requirement");

    // ...and a session of two places in a fortnight, from the course page
    await CoursePage.visit(lnd, `/learning/courses/${courseId}`);
    await new CoursePage(lnd, COURSE).addSession.click();
    const sessionForm = await SessionFormPage.verifyOnPage(lnd);
    await sessionForm.on(sessionOn);
    await sessionForm.start.fill("9:30am");
    await sessionForm.end.fill("4:30pm");
    await sessionForm.capacity.fill("2");
    await sessionForm.bookingClosesOn(addDays(today, 7));
    await sessionForm.venue.fill("Origin One");
    await sessionForm.screenshot("learning-session-form");
    await sessionForm.save.click();
    const session = new SessionPage(lnd, COURSE);
    await session.verify();
    expect(await text(session.notification)).toContain("Session added");
    expect(await text(session.value("Places"))).toBe("2 places left (2 in all)");
    const sessionPath = new URL(lnd.url()).pathname;
    expect(sessionPath).toMatch(/^\/learning\/sessions\/[0-9a-f-]{36}$/);
    await session.screenshot("learning-session-lnd");

    // The team's compliance before: no one in Assessment has done it
    const overview = await ComplianceOverviewPage.visit(lnd, "/learning/compliance");
    await overview.chooseUnit("Safeguarding");
    await overview.show.click();
    const before = await ComplianceOverviewPage.verifyOnPage(lnd);
    expect(new URL(lnd.url()).searchParams.get("unit")).toBe(id.S1);
    const teamBefore = await text(before.cell("Assessment"));
    expect(teamBefore).toMatch(/^0% 0 of \d+$/);
    await before.screenshot("learning-compliance-before");

    // Alice and Bob book the two places; Dan finds the session full and joins the waiting list
    const practitioners: Partial<Record<Who, Page>> = {};
    for (const who of ["alice", "bob"] as const) {
      const page = await pageAs(who);
      practitioners[who] = page;
      const open = await SessionPage.visit(page, sessionPath);
      if (who === "alice") await open.screenshot("learning-session-practitioner");
      await open.book.click();
      const mine = await MyBookingsPage.verifyOnPage(page);
      expect(await text(mine.notification)).toContain(`You have a place on ${COURSE}`);
      expect(await text(mine.status(COURSE))).toBe("Booked");
      if (who === "alice") await mine.screenshot("learning-my-bookings-booked");
    }
    const dan = await pageAs("dan");
    practitioners.dan = dan;
    const full = await SessionPage.visit(dan, sessionPath);
    expect(await text(full.value("Places"))).toBe("Full - join the waiting list (2 in all)");
    expect(await full.book.count()).toBe(0);
    await full.screenshot("learning-session-full");
    await full.joinWaitingList.click();
    let dansBookings = await MyBookingsPage.verifyOnPage(dan);
    expect(await text(dansBookings.notification)).toContain(`You are on the waiting list for ${COURSE}`);
    expect(await text(dansBookings.status(COURSE))).toBe("On the waiting list");
    await dansBookings.screenshot("learning-my-bookings-waiting");

    // L&D see two booked and one waiting
    await lnd.goto(sessionPath);
    const running = new SessionPage(lnd, COURSE);
    await running.verify();
    expect(await text(running.value("Booked"))).toBe("2 booked, 1 on the waiting list");
    await running.bookings.click();
    let bookings = await SessionBookingsPage.verifyOnPage(lnd);
    expect(await texts(bookings.booked.locator("td:first-child"))).toEqual(["Alice Adams", "Bob Brown"]);
    expect(await texts(bookings.waiting.locator("td:nth-child(2)"))).toEqual(["Dan Davis"]);
    await bookings.screenshot("learning-session-bookings");

    // Bob cancels: the place is offered to Dan, who accepts it
    const bob = practitioners.bob as Page;
    await bob.goto("/learning/bookings");
    const bobsBookings = await MyBookingsPage.verifyOnPage(bob);
    await bobsBookings.cancel(COURSE).click();
    const cancelled = await MyBookingsPage.verifyOnPage(bob);
    expect(await text(cancelled.notification)).toContain(`The booking on ${COURSE} is cancelled`);
    expect(await text(cancelled.status(COURSE))).toBe("Cancelled");
    await cancelled.screenshot("learning-my-bookings-cancelled");

    await lnd.reload();
    bookings = await SessionBookingsPage.verifyOnPage(lnd);
    expect(await texts(bookings.booked.locator("td:first-child"))).toEqual(["Alice Adams"]);
    expect(await texts(bookings.offered)).toEqual([expect.stringMatching(/^Dan Davis: offer ends /)]);
    expect(await bookings.waiting.count()).toBe(0);
    await bookings.screenshot("learning-session-bookings-offered");

    await dan.reload();
    dansBookings = await MyBookingsPage.verifyOnPage(dan);
    expect(await text(dansBookings.status(COURSE))).toBe("Place offered");
    await dansBookings.screenshot("learning-my-bookings-offered");
    await dansBookings.accept.click();
    dansBookings = await MyBookingsPage.verifyOnPage(dan);
    expect(await text(dansBookings.notification)).toContain("You have accepted the place");
    expect(await text(dansBookings.status(COURSE))).toBe("Booked");
    await dansBookings.screenshot("learning-my-bookings-accepted");

    // Dan's learning before the session: overdue
    await dan.goto("/learning/my");
    let dansLearning = await LearningPage.verifyOnPage(dan);
    expect(await text(dansLearning.status(REQUIREMENT))).toBe("Overdue");
    await dansLearning.screenshot("learning-my-learning-before");

    // The session happens. Attendance can be recorded before it (the register does not refuse),
    // but a completion only counts towards compliance from the date of the session's last part,
    // so the session is moved into the past, to yesterday, with a direct SQL update.
    await server.app.platform.data.run({ tenantId, actor: { id: "system:test" } }, (db) =>
      db
        .updateTable("learning_session_parts")
        .set({
          starts_at: sql`starts_at - interval '15 days'`,
          ends_at: sql`ends_at - interval '15 days'`,
        })
        .where("session_id", "=", sessionPath.split("/").pop() as string)
        .execute(),
    );

    // The register: Alice and Dan attended
    await lnd.reload();
    bookings = await SessionBookingsPage.verifyOnPage(lnd);
    expect(await texts(bookings.booked.locator("td:first-child"))).toEqual(["Alice Adams", "Dan Davis"]);
    await bookings.takeRegister.click();
    let register = await RegisterPage.verifyOnPage(lnd);
    await register.screenshot("learning-register");
    await register.attendance("Alice Adams", "Attended").check();
    await register.attendance("Dan Davis", "Attended").check();
    await register.save.click();
    register = await RegisterPage.verifyOnPage(lnd);
    expect(await text(register.notification)).toContain("Attendance recorded (2 entries)");
    expect(await register.attendance("Dan Davis", "Attended").isChecked()).toBe(true);
    expect(await text(register.outcome("Dan Davis"))).toBe("Outcome: Completed");
    await register.screenshot("learning-register-marked");

    // Dan's learning after: complete, with the session in his learning record
    await dan.goto("/learning/my");
    dansLearning = await LearningPage.verifyOnPage(dan);
    expect(await text(dansLearning.status(REQUIREMENT))).toBe("Complete");
    expect(await texts(dansLearning.records.locator("td"))).toEqual(
      expect.arrayContaining([longDate(addDays(sessionOn, -15)), COURSE, "Attended a session", "Verified"]),
    );
    await dansLearning.screenshot("learning-my-learning-after");

    // ...and L&D see the same on his page
    const dansPage = new LearningPage(lnd, "Learning and compliance");
    await lnd.goto(`/learning/people/${id.dan}`);
    await dansPage.verify();
    expect(await text(dansPage.status(REQUIREMENT))).toBe("Complete");
    await dansPage.screenshot("learning-person-lnd");

    // The team's percentage has risen: Alice and Dan are now compliant
    await lnd.goto(`/learning/compliance?unit=${id.S1}`);
    const after = await ComplianceOverviewPage.verifyOnPage(lnd);
    const teamAfter = await text(after.cell("Assessment"));
    const total = Number(/of (\d+)$/.exec(teamBefore)?.[1]);
    expect(teamAfter).toBe(`${Math.round(200 / total)}% 2 of ${total}`);
    expect(teamAfter).not.toBe(teamBefore);
    await after.screenshot("learning-compliance-after");

    for (const page of [lnd, ...Object.values(practitioners)]) await page.context().close();
  });
});
