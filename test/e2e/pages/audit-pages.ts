import type { Locator, Page } from "playwright-core";
import { PageObject } from "../support/page-object.js";

/** Page objects for the audit feature's pages (src/features/audit/pages). */

/** `GET /audit`: the searchable audit trail. */
export class AuditSearchPage extends PageObject {
  readonly kindOfRecord = this.page.getByLabel("Kind of record");
  readonly changedBy = this.page.getByLabel("Changed by");
  readonly from = this.page.getByLabel("From");
  readonly to = this.page.getByLabel("To");
  readonly search = this.page.getByRole("button", { name: "Search" });
  readonly results = this.page.locator("table tbody tr");
  /** "N changes", the paragraph after the form. */
  readonly resultCount = this.page.locator("form.app-filters + p");
  constructor(page: Page) {
    super(page, "Audit trail", { title: /^Audit trail/ });
  }
  /** The link from a result row to that record's history. */
  recordLink(row: Locator): Locator {
    return row.locator("td").nth(2).getByRole("link");
  }
}

/** `GET /audit/history/:table/:recordId`: one record's changes, newest first. */
export class AuditHistoryPage extends PageObject {
  /** One summary card per audit event, newest first. */
  readonly events = this.page.locator(".govuk-summary-card");
  constructor(page: Page) {
    super(page, "History of changes", { title: /^History of changes/ });
  }
  /** The title of an event's card, e.g. "1 May 2026 at 9:30am: Changed by user:…". */
  eventTitle(event: Locator): Locator {
    return event.locator(".govuk-summary-card__title");
  }
  /** What an event's card says about one field (its key as shown, e.g. "Email"). */
  change(event: Locator, field: string): Locator {
    return event
      .locator(".govuk-summary-list__row")
      .filter({ has: this.page.locator("dt", { hasText: new RegExp(`^\\s*${field}\\s*$`) }) })
      .locator("dd");
  }
}

/** The 403 page (src/platform/views/errors/403.njk). */
export class ForbiddenPage extends PageObject {
  constructor(page: Page) {
    super(page, "You do not have permission to view this page");
  }
}
