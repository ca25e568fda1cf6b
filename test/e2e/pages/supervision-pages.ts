import type { Locator, Page } from "playwright-core";
import { PageObject } from "../support/page-object.js";

/**
 * Page objects for supervision (src/features/supervision/records/pages and
 * src/features/supervision/compliance/pages) and caseloads (src/features/caseloads/pages).
 */

/** Fills a GOV.UK date input (`<id>-day`, `-month`, `-year`) from an ISO date. */
async function fillDate(page: Page, id: string, iso: string): Promise<void> {
  const [year = "", month = "", day = ""] = iso.split("-");
  await page.locator(`#${id}-day`).fill(String(Number(day)));
  await page.locator(`#${id}-month`).fill(String(Number(month)));
  await page.locator(`#${id}-year`).fill(year);
}

/** The value of a summary list row, by its key (exact). */
function summaryValue(scope: Page | Locator, key: string): Locator {
  const page = "page" in scope ? scope.page() : scope;
  return scope
    .locator(".govuk-summary-list__row")
    .filter({ has: page.locator(".govuk-summary-list__key", { hasText: new RegExp(`^\\s*${key}\\s*$`) }) })
    .locator(".govuk-summary-list__value");
}

// --- Supervision ------------------------------------------------------------------------------

/** `GET /supervision`: the viewer's own next supervision and, for managers, their people's counts. */
export class SupervisionHomePage extends PageObject {
  readonly ownStatus = this.page.locator("[data-own-status]");
  readonly yourRecords = this.page.getByRole("link", { name: "Your supervision records and agreement" });
  readonly overdueCount = this.page.locator("[data-overdue-count]");
  readonly dueCount = this.page.locator("[data-due-count]");
  readonly seeOverdue = this.page.getByRole("link", { name: "See who is overdue or due" });
  constructor(page: Page) {
    super(page, "Supervision");
  }
  /** A row of "Your supervision" (Status, Next supervision due, Last held ...). */
  own(key: string): Locator {
    return summaryValue(this.ownStatus, key);
  }
}

/** `GET /supervision/overdue`: the people in scope overdue or due supervision. */
export class OverduePage extends PageObject {
  readonly counts = this.page.locator("[data-counts]");
  constructor(page: Page) {
    super(page, "Overdue and due supervision");
  }
  person(name: string): Locator {
    return this.page.locator(`table[data-overdue] tbody tr[data-person="${name}"]`);
  }
  personLink(name: string): Locator {
    return this.person(name).getByRole("link", { name });
  }
}

/** `GET /supervision/people/:personId`: a person's status, agreement and records ("Your supervision"). */
export class SupervisionPersonPage extends PageObject {
  readonly recordSupervision = this.page.getByRole("button", { name: "Record a supervision" });
  readonly records = this.page.locator("#records tbody tr");
  constructor(page: Page, heading: string | RegExp = /\S/) {
    super(page, heading);
  }
  status(key: string): Locator {
    return summaryValue(this.page.locator("#status"), key);
  }
  /** A record's row, by its date as shown ("24 November 2026"). */
  record(heldOn: string): Locator {
    return this.records.filter({ has: this.page.getByRole("link", { name: heldOn, exact: true }) });
  }
  recordLink(heldOn: string): Locator {
    return this.record(heldOn).getByRole("link", { name: heldOn, exact: true });
  }
}

/** `GET /supervision/people/:personId/record`: record a supervision, held or cancelled. */
export class RecordSupervisionPage extends PageObject {
  readonly supervisor = this.page.getByLabel("Supervisor", { exact: true });
  readonly duration = this.page.getByLabel("Duration (optional)");
  readonly actions = this.page.getByLabel("Agreed actions (optional)");
  readonly note = this.page.getByLabel("Reflective note (optional)");
  readonly save = this.page.getByRole("button", { name: "Save supervision" });
  readonly errorSummary = this.page.locator(".govuk-error-summary");
  constructor(page: Page) {
    super(page, "Record a supervision");
  }
  kind(name: string): Locator {
    return this.page.getByRole("radio", { name, exact: true });
  }
  held(name: "Held" | "Cancelled"): Locator {
    return this.page.getByRole("radio", { name, exact: true });
  }
  heldOn(iso: string) {
    return fillDate(this.page, "held_on", iso);
  }
}

/** `GET /supervision/records/:supervisionId`: one record, its agreed actions and (to the two) the note. */
export class SupervisionRecordPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly actions = this.page
    .locator("h2", { hasText: "Agreed actions" })
    .locator("xpath=following-sibling::p[1]");
  readonly noteHeading = this.page.locator("h2", { hasText: "Reflective note" });
  readonly note = this.page.locator("#note");
  readonly changeNote = this.page.getByRole("link", { name: "Change the reflective note" });
  readonly confirm = this.page.getByRole("button", { name: "Confirm this record is right" });
  constructor(page: Page, heading: string | RegExp = /supervision, /) {
    super(page, heading);
  }
  summary(key: string): Locator {
    return summaryValue(this.page.locator("#record"), key);
  }
}

/** `GET /supervision/records/:supervisionId/note`: the reflective note (supervisee and supervisor only). */
export class ReflectiveNotePage extends PageObject {
  readonly note = this.page.getByLabel("Reflective note", { exact: true });
  readonly save = this.page.getByRole("button", { name: "Save note" });
  constructor(page: Page) {
    super(page, "Reflective note");
  }
}

/** `GET /supervision/dashboard?unit=`: the percentage in date for a group, its trend and its units. */
export class SupervisionDashboardPage extends PageObject {
  readonly percent = this.page.locator("[data-current-percent]");
  readonly trend = this.page.locator("table[data-trend] tbody tr");
  constructor(page: Page, groupName: string | RegExp = /\S/) {
    super(page, groupName);
  }
  /** The counts sentence under the percentage ("in date: 4 in date, 0 due soon, 1 overdue, of 5"). */
  get counts(): Locator {
    return this.percent.locator("xpath=following-sibling::p[1]");
  }
  unitRow(name: string): Locator {
    return this.page.locator(`table[data-units] tbody tr[data-unit-row="${name}"]`);
  }
}

// --- Caseloads --------------------------------------------------------------------------------

/** `GET /caseloads/upload`: the case management system's caseload file (HR analyst). */
export class UploadCaseloadsPage extends PageObject {
  readonly file = this.page.getByLabel("CSV file");
  readonly upload = this.page.getByRole("button", { name: "Upload", exact: true });
  readonly errorSummary = this.page.locator(".govuk-error-summary");
  constructor(page: Page) {
    super(page, "Upload caseloads");
  }
  asAt(iso: string) {
    return fillDate(this.page, "as_at", iso);
  }
}

/** `GET /caseloads/snapshots/:snapshotId`: a snapshot's report. */
export class CaseloadSnapshotPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly refused = this.page.locator("#refused tbody tr");
  readonly alertsLink = this.page.getByRole("link", { name: "Over cap alerts" });
  constructor(page: Page) {
    super(page, /^Snapshot as at /);
  }
  summary(key: string): Locator {
    return summaryValue(this.page.locator("#report"), key);
  }
}

/** `GET /caseloads/alerts`: workers in scope over their cap at recent snapshots. */
export class CaseloadAlertsPage extends PageObject {
  readonly alerts = this.page.locator("#alerts tbody tr");
  readonly none = this.page.locator("#no-alerts");
  constructor(page: Page) {
    super(page, "Over cap alerts");
  }
  alert(name: string): Locator {
    return this.alerts.filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }
}

/** `GET /caseloads/people/:personId`: a worker's caseloads over time against their cap. */
export class CaseloadPersonPage extends PageObject {
  readonly cap = this.page.locator("#cap");
  readonly history = this.page.locator("#history tbody tr");
  constructor(page: Page, name: string | RegExp = /\S/) {
    super(page, name);
  }
}
