import type { Locator, Page } from "playwright-core";
import { PageObject } from "../support/page-object.js";

/**
 * Page objects for the learning offer's pages: the course form and course page
 * (src/features/learning/pages), requirements (src/features/learning/requirements/pages), sessions
 * (src/features/learning/sessions/pages), bookings and the register
 * (src/features/learning/bookings/pages) and compliance (src/features/learning/compliance/pages).
 */

/** Picks the option of a select whose visible text, without indentation ("– "), is `text`. */
async function chooseByText(select: Locator, text: string): Promise<void> {
  const options = select.locator("option");
  const index = (await options.allTextContents()).findIndex((t) => t.replace(/^[\s–]+/, "").trim() === text);
  const value = index < 0 ? null : await options.nth(index).getAttribute("value");
  if (value === null) throw new Error(`no option "${text}"`);
  await select.selectOption(value);
}

/** Fills a GOV.UK date input (`<id>-day`, `-month`, `-year`) from an ISO date. */
async function fillDate(page: Page, id: string, iso: string): Promise<void> {
  const [year = "", month = "", day = ""] = iso.split("-");
  await page.locator(`#${id}-day`).fill(String(Number(day)));
  await page.locator(`#${id}-month`).fill(String(Number(month)));
  await page.locator(`#${id}-year`).fill(year);
}

/** The value of a summary list row, by its key. */
function summaryValue(page: Page, key: string): Locator {
  return page
    .locator(".govuk-summary-list__row")
    .filter({ has: page.locator("dt", { hasText: new RegExp(`^\\s*${key}\\s*$`) }) })
    .locator(".govuk-summary-list__value")
    .first();
}

/** `GET /learning/courses/new`: L&D add a course. */
export class CourseFormPage extends PageObject {
  readonly title = this.page.getByLabel("Title", { exact: true });
  readonly code = this.page.getByLabel("Course code");
  readonly tierGroup = this.page.getByLabel("Tier and group");
  readonly save = this.page.getByRole("button", { name: "Save course" });
  constructor(page: Page) {
    super(page, "Add a course", { title: /^Add a course - / });
  }
}

/** `GET /learning/courses/:courseId`: one course, its dates and (for L&D) "Add a session". */
export class CoursePage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly addSession = this.page.getByRole("link", { name: "Add a session" });
  constructor(page: Page, title: string | RegExp = /\S/) {
    super(page, title);
  }
}

/** `GET /learning/requirements/new`: L&D add a mandatory requirement. */
export class RequirementFormPage extends PageObject {
  readonly title = this.page.getByLabel("Title", { exact: true });
  readonly code = this.page.getByLabel("Code", { exact: true });
  readonly dueWithinDays = this.page.getByLabel("Days from starting to complete it");
  readonly dueSoonDays = this.page.getByLabel("Show as due soon");
  readonly save = this.page.getByRole("button", { name: "Save requirement" });
  constructor(page: Page) {
    super(page, "Add a mandatory requirement", { title: /^Add a mandatory requirement - / });
  }
  /** Ticks a course that meets it, opening its tier's list first. */
  async chooseCourse(tier: string, label: string): Promise<void> {
    await this.page.locator("summary", { hasText: new RegExp(`^\\s*${tier} \\(`) }).click();
    await this.page.getByRole("checkbox", { name: label, exact: true }).check();
  }
  startsOn(iso: string): Promise<void> {
    return fillDate(this.page, "valid_from", iso);
  }
}

/** `GET /learning/requirements/:requirementId`: one requirement and its rules. */
export class RequirementPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  constructor(page: Page, title: string | RegExp = /\S/) {
    super(page, title);
  }
  value(key: string): Locator {
    return summaryValue(this.page, key);
  }
}

/** `GET /learning/courses/:courseId/sessions/new`: L&D add a session of a course. */
export class SessionFormPage extends PageObject {
  readonly start = this.page.locator("#part1_start");
  readonly end = this.page.locator("#part1_end");
  readonly capacity = this.page.getByLabel("Number of places");
  readonly venue = this.page.getByLabel("Venue (optional)");
  readonly save = this.page.getByRole("button", { name: "Save session" });
  constructor(page: Page) {
    super(page, "Add a session", { title: /^Add a session of / });
  }
  on(iso: string): Promise<void> {
    return fillDate(this.page, "part1_date", iso);
  }
  bookingClosesOn(iso: string): Promise<void> {
    return fillDate(this.page, "booking_closes", iso);
  }
}

/** `GET /learning/sessions/:sessionId`: one session, to book or (L&D) to run. */
export class SessionPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly book = this.page.getByRole("button", { name: "Book a place", exact: true });
  readonly joinWaitingList = this.page.getByRole("button", { name: "Join the waiting list", exact: true });
  readonly yourBooking = this.page.locator(".govuk-inset-text");
  readonly bookings = this.page.getByRole("link", { name: "Bookings and waiting list" });
  readonly register = this.page.getByRole("link", { name: "Register", exact: true });
  constructor(page: Page, courseTitle: string | RegExp = /\S/) {
    super(page, courseTitle);
  }
  value(key: string): Locator {
    return summaryValue(this.page, key);
  }
}

/** `GET /learning/bookings`: the signed-in person's own bookings. */
export class MyBookingsPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly rows = this.page.locator("table tbody tr");
  readonly accept = this.page.getByRole("button", { name: "Accept the place", exact: true });
  readonly decline = this.page.getByRole("button", { name: "Decline", exact: true });
  constructor(page: Page) {
    super(page, "My bookings", { title: /^My bookings - / });
  }
  /** The status tag of the booking on a course. */
  status(courseTitle: string): Locator {
    return this.rows
      .filter({ has: this.page.getByRole("link", { name: courseTitle, exact: true }) })
      .locator(".govuk-tag");
  }
  /** The Cancel button of the booking on a course (its accessible name ends with the title). */
  cancel(courseTitle: string): Locator {
    return this.page.getByRole("button", { name: `Cancel ${courseTitle}`, exact: true });
  }
}

/** `GET /learning/sessions/:sessionId/bookings`: L&D see who is booked, offered and waiting. */
export class SessionBookingsPage extends PageObject {
  readonly booked = this.page.locator("#booked tbody tr");
  readonly offered = this.page.locator("#offered li");
  readonly waiting = this.page.locator("#waiting tbody tr");
  readonly takeRegister = this.page.getByRole("link", { name: "Take the register" });
  constructor(page: Page) {
    super(page, "Bookings", { title: /^Bookings: / });
  }
  value(key: string): Locator {
    return summaryValue(this.page, key);
  }
}

/** `GET /learning/sessions/:sessionId/register`: attendance for each booked person and part. */
export class RegisterPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly save = this.page.getByRole("button", { name: "Save the register" });
  constructor(page: Page) {
    super(page, "Register", { title: /^Register: / });
  }
  /** A person's attendance radio ("Attended", "Partly attended", "Did not attend"). */
  attendance(name: string, choice: string): Locator {
    return this.page
      .getByRole("group", { name, exact: true })
      .getByRole("radio", { name: choice, exact: true });
  }
  /** The outcome hint under a person's name, once every part is recorded. */
  outcome(name: string): Locator {
    return this.page.getByRole("group", { name, exact: true }).locator(".govuk-hint");
  }
}

/** `GET /learning/people/:personId` (and `/learning/my`): status per requirement, record, bookings. */
export class LearningPage extends PageObject {
  readonly records = this.page.locator("table").nth(1).locator("tbody tr");
  constructor(page: Page, heading: "My learning" | "Learning and compliance" = "My learning") {
    super(page, heading);
  }
  /** The status tag of a requirement, by its title. */
  status(requirement: string): Locator {
    return this.page
      .locator("table tbody tr")
      .filter({ has: this.page.locator("th", { hasText: requirement }) })
      .locator(".govuk-tag");
  }
}

/** `GET /learning/compliance`: the percentage compliant with each requirement, by team. */
export class ComplianceOverviewPage extends PageObject {
  readonly unit = this.page.getByLabel("Service or team");
  readonly show = this.page.getByRole("button", { name: "Show", exact: true });
  constructor(page: Page) {
    super(page, /^Compliance/, { title: /^Compliance/ });
  }
  chooseUnit(name: string): Promise<void> {
    return chooseByText(this.unit, name);
  }
  /** A team's figure for the n-th requirement column (0-based), e.g. "0% 0 of 2". */
  cell(team: string, column = 0): Locator {
    return this.page
      .locator("table tbody tr")
      .filter({ has: this.page.locator("th", { hasText: new RegExp(`^\\s*${team}\\s*$`) }) })
      .locator("td")
      .nth(column);
  }
}
