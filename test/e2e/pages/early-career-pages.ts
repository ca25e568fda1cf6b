import type { Locator, Page } from "playwright-core";
import { PageObject } from "../support/page-object.js";

/**
 * Page objects for the early career programme (ASYE): programmes
 * (src/features/early-career/programmes/pages), cohorts and enrolments
 * (src/features/early-career/enrolments/pages), the portfolio
 * (src/features/early-career/portfolio/pages) and reviews, outcomes and HR's progression list
 * (src/features/early-career/reviews/pages).
 */

/** Fills a GOV.UK date input (`<id>-day`, `-month`, `-year`) from an ISO date. */
async function fillDate(page: Page, id: string, iso: string): Promise<void> {
  const [year = "", month = "", day = ""] = iso.split("-");
  await page.locator(`#${id}-day`).fill(String(Number(day)));
  await page.locator(`#${id}-month`).fill(String(Number(month)));
  await page.locator(`#${id}-year`).fill(year);
}

/** Picks the option of a select whose visible text starts with `start` (e.g. a person's name). */
async function chooseStartingWith(select: Locator, start: string): Promise<void> {
  const options = select.locator("option");
  const index = (await options.allTextContents()).findIndex((t) => t.trim().startsWith(start));
  const value = index < 0 ? null : await options.nth(index).getAttribute("value");
  if (value === null) throw new Error(`no option starting "${start}"`);
  await select.selectOption(value);
}

/** The value of a summary list row, by its key. */
function summaryValue(page: Page, key: string): Locator {
  return page
    .locator(".govuk-summary-list__row")
    .filter({ has: page.locator(".govuk-summary-list__key", { hasText: key }) })
    .locator(".govuk-summary-list__value");
}

/** A standard's checkbox on the evidence form, by its code ("PCF-1", "KSS-10"). */
function standardBox(page: Page, code: string): Locator {
  return page.getByRole("checkbox", { name: new RegExp(`^${code} `) });
}

/** `GET /early-career`: the viewer's own programme, the NQSWs they support, the co-ordinator's links. */
export class EarlyCareerHomePage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly yourPortfolio = this.page.getByRole("link", { name: "Your portfolio" });
  readonly yourMilestones = this.page.getByRole("link", { name: "Your milestones and dates" });
  readonly progression = this.page.getByRole("link", { name: "Moves to the next career level after a pass" });
  readonly cohorts = this.page.getByRole("link", { name: "Cohorts", exact: true });
  constructor(page: Page) {
    super(page, "Early career", { title: /^Early career - / });
  }
  /** An NQSW in the "NQSWs you support" table. */
  supported(name: string): Locator {
    return this.page.locator("main table tbody tr").filter({ hasText: name });
  }
  supportedLink(name: string): Locator {
    return this.supported(name).getByRole("link", { name });
  }
}

/** `GET /early-career/programmes`: the council's programme templates. */
export class ProgrammesPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly addShipped = this.page.getByRole("button", { name: "Add the shipped programmes" });
  readonly rows = this.page.locator('table[data-table="programmes"] tbody tr');
  constructor(page: Page) {
    super(page, "Programmes", { title: /^Early career programmes - / });
  }
}

/** `GET /early-career/cohorts`: every cohort, newest intake first. */
export class CohortsPage extends PageObject {
  readonly addCohort = this.page.getByRole("button", { name: "Add a cohort" });
  constructor(page: Page) {
    super(page, "Cohorts");
  }
  cohortLink(name: string): Locator {
    return this.page.locator("main table tbody").getByRole("link", { name });
  }
}

/** `GET /early-career/cohorts/new`: a new intake on a programme. */
export class CohortFormPage extends PageObject {
  readonly name = this.page.getByLabel("Name", { exact: true });
  readonly save = this.page.getByRole("button", { name: "Add cohort" });
  readonly errorSummary = this.page.locator(".govuk-error-summary");
  constructor(page: Page) {
    super(page, "Add a cohort");
  }
  programme(name: string): Locator {
    return this.page.getByRole("radio", { name, exact: true });
  }
  intakeOn(iso: string) {
    return fillDate(this.page, "intake_on", iso);
  }
}

/** `GET /early-career/cohorts/:cohortId`: a cohort and its NQSWs. */
export class CohortPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly enrol = this.page.getByRole("button", { name: "Enrol a newly qualified social worker" });
  constructor(page: Page, name: string | RegExp = / cohort$/) {
    super(page, typeof name === "string" ? `${name} cohort` : name);
  }
  member(name: string): Locator {
    return this.page.locator("main table tbody tr").filter({ hasText: name });
  }
}

/** `GET /early-career/cohorts/:cohortId/enrol`: enrolling a newly qualified social worker. */
export class EnrolFormPage extends PageObject {
  readonly person = this.page.getByLabel("Newly qualified social worker");
  readonly fte = this.page.getByLabel("FTE (optional)");
  readonly assessor = this.page.getByLabel("Assessor", { exact: true });
  readonly save = this.page.getByRole("button", { name: "Enrol", exact: true });
  readonly errorSummary = this.page.locator(".govuk-error-summary");
  constructor(page: Page) {
    super(page, "Enrol a newly qualified social worker");
  }
  choosePerson(name: string) {
    return chooseStartingWith(this.person, name);
  }
  chooseAssessor(name: string) {
    return chooseStartingWith(this.assessor, name);
  }
  route(name: string): Locator {
    return this.page.getByRole("radio", { name, exact: true });
  }
  registeredOn(iso: string) {
    return fillDate(this.page, "registered_on", iso);
  }
  startOn(iso: string) {
    return fillDate(this.page, "start_on", iso);
  }
}

/** `GET /early-career/enrolments/:enrolmentId`: the programme at a glance, with its milestones. */
export class EnrolmentPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly milestones = this.page.locator("main table tbody tr");
  readonly portfolio = this.page.getByRole("link", { name: /^(Your portfolio|Portfolio)$/ });
  readonly outcome = this.page.getByRole("link", { name: "Outcome", exact: true });
  /** `heading`: the NQSW's name, or "Your programme" for the NQSW. */
  constructor(page: Page, heading: string | RegExp = /\S/) {
    super(page, heading);
  }
  summary(key: string): Locator {
    return summaryValue(this.page, key);
  }
  milestone(name: string): Locator {
    return this.milestones.filter({ has: this.page.locator("th", { hasText: name }) });
  }
  /** The due date cell of a milestone's row. */
  due(name: string): Locator {
    return this.milestone(name).locator("td").nth(0);
  }
  /** The status cell of a milestone's row. */
  status(name: string): Locator {
    return this.milestone(name).locator("td").nth(1);
  }
  milestoneLink(name: string): Locator {
    return this.milestone(name).getByRole("link", { name });
  }
}

/** `GET .../milestones/:milestoneId`: a milestone and its review, and the form to record it. */
export class MilestonePage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly evidenceSeen = this.page.getByLabel("Evidence seen", { exact: true });
  readonly actionPlan = this.page.getByLabel("Action plan", { exact: true });
  readonly save = this.page.getByRole("button", { name: "Save", exact: true });
  readonly backToProgramme = this.page.getByRole("link", { name: "Back to the programme" });
  readonly errorSummary = this.page.locator(".govuk-error-summary");
  constructor(page: Page, name: string | RegExp = /\S/) {
    super(page, name);
  }
  summary(key: string): Locator {
    return summaryValue(this.page, key).first();
  }
  judgement(name: string): Locator {
    return this.page.getByRole("radio", { name, exact: true });
  }
  heldOn(iso: string) {
    return fillDate(this.page, "held_on", iso);
  }
}

/** `GET .../portfolio`: coverage, minimum evidence, the evidence and where the portfolio stands. */
export class PortfolioPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly addEvidence = this.page.getByRole("button", { name: "Add evidence" });
  readonly recordObservation = this.page.getByRole("button", { name: "Record a direct observation" });
  readonly submit = this.page.getByRole("button", { name: "Submit the portfolio" });
  readonly signOff = this.page.getByRole("button", { name: "Sign off the portfolio" });
  readonly recordPanel = this.page.getByRole("button", { name: "Record the panel decision" });
  readonly coverage = this.page.locator("#coverage-summary");
  readonly minimumEvidence = this.page.locator("#minimum-evidence li");
  readonly evidence = this.page.locator("#evidence-table tbody tr");
  readonly backToProgramme = this.page.getByRole("link", { name: "Back to the programme" });
  constructor(page: Page) {
    super(page, "Portfolio");
  }
  /** A line of the minimum evidence, by the kind's plural ("Direct observations"). */
  minimum(kind: string): Locator {
    return this.minimumEvidence.filter({ hasText: kind });
  }
  state(key: string): Locator {
    return summaryValue(this.page, key);
  }
  evidenceRow(title: string): Locator {
    return this.evidence.filter({ hasText: title });
  }
}

/** `GET .../portfolio/evidence/new`: add evidence, or record a direct observation. */
export class EvidenceFormPage extends PageObject {
  readonly title = this.page.getByLabel("Title", { exact: true });
  readonly observer = this.page.getByLabel("Observer's name");
  readonly summary = this.page.getByLabel("Summary (optional)");
  readonly save = this.page.getByRole("button", { name: "Save evidence" });
  readonly errorSummary = this.page.locator(".govuk-error-summary");
  constructor(page: Page) {
    super(page, /^(Add evidence|Record a direct observation)$/);
  }
  kind(name: string): Locator {
    return this.page.getByRole("radio", { name, exact: true });
  }
  standard(code: string): Locator {
    return standardBox(this.page, code);
  }
  on(iso: string) {
    return fillDate(this.page, "occurred_on", iso);
  }
}

/** `GET .../portfolio/evidence/:evidenceId`: one evidence item. */
export class EvidencePage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly backToPortfolio = this.page.getByRole("link", { name: "Back to the portfolio" });
  constructor(page: Page, title: string | RegExp = /\S/) {
    super(page, title);
  }
  summary(key: string): Locator {
    return summaryValue(this.page, key);
  }
}

/** `GET .../portfolio/submit`: the NQSW submits their portfolio. */
export class SubmitPortfolioPage extends PageObject {
  readonly submit = this.page.getByRole("button", { name: "Submit the portfolio" });
  readonly warning = this.page.locator(".govuk-warning-text");
  constructor(page: Page) {
    super(page, "Submit your portfolio");
  }
}

/** `GET .../portfolio/sign-off`: the assessor's recommendation. */
export class SignOffPage extends PageObject {
  readonly signOff = this.page.getByRole("button", { name: "Sign off", exact: true });
  constructor(page: Page) {
    super(page, "Sign off the portfolio");
  }
  recommendation(name: "Pass" | "Fail"): Locator {
    return this.page.getByRole("radio", { name, exact: true });
  }
  signedOffOn(iso: string) {
    return fillDate(this.page, "signed_off_on", iso);
  }
}

/** `GET .../portfolio/panel`: the internal moderation panel's decision (co-ordinator). */
export class PanelPage extends PageObject {
  readonly notes = this.page.getByLabel("Notes (optional)");
  readonly save = this.page.getByRole("button", { name: "Save the decision" });
  constructor(page: Page) {
    super(page, "Record the panel decision");
  }
  decision(name: "Endorsed" | "Not endorsed" | "Deferred"): Locator {
    return this.page.getByRole("radio", { name, exact: true });
  }
  panelOn(iso: string) {
    return fillDate(this.page, "panel_on", iso);
  }
}

/** `GET .../outcome`: the programme's pass or fail, and the HR action a pass raises. */
export class OutcomePage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly record = this.page.getByRole("button", { name: "Record outcome" });
  readonly careerLevel = this.page
    .locator("h2", { hasText: "Career level" })
    .locator("xpath=following-sibling::p[1]");
  constructor(page: Page) {
    super(page, "Outcome");
  }
  summary(key: string): Locator {
    return summaryValue(this.page, key);
  }
  result(name: "Pass" | "Fail"): Locator {
    return this.page.getByRole("radio", { name, exact: true });
  }
  outcomeOn(iso: string) {
    return fillDate(this.page, "outcome_on", iso);
  }
}

/** `GET /early-career/progression`: HR's list of moves to the next career level. */
export class ProgressionPage extends PageObject {
  readonly waitingCaption = this.page.locator("caption", { hasText: "Waiting for HR" });
  constructor(page: Page) {
    super(page, "Career progression after the ASYE");
  }
  /** A person's row in the "Waiting for HR" table. */
  waiting(name: string): Locator {
    return this.page
      .locator("table", { has: this.waitingCaption })
      .locator("tbody tr")
      .filter({ hasText: name });
  }
}
