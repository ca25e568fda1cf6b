import type { Page } from "playwright-core";
import { PageObject } from "../support/page-object.js";

/** Page objects for the people feature's pages (src/features/people/pages). */

export class PeopleListPage extends PageObject {
  readonly search = this.page.getByLabel("Search");
  readonly team = this.page.getByLabel("Team");
  readonly applyFilters = this.page.getByRole("button", { name: "Apply filters" });
  readonly results = this.page.locator("table tbody tr");
  readonly resultCount = this.page.locator("#results");
  constructor(page: Page) {
    super(page, "People", { title: /^People/ });
  }
  person(name: string) {
    return this.page.locator("table tbody").getByRole("link", { name, exact: true });
  }
}

export class PersonPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly timeline = this.page.locator("#assignments + table tbody tr");
  readonly recordLeaving = this.page.getByRole("button", { name: "Record leaving" });
  constructor(page: Page, name: string | RegExp = /\S/) {
    super(page, name);
  }
  /** The value of a row in one of the summary lists, by its key. */
  value(key: string) {
    return this.page
      .locator(".govuk-summary-list__row")
      .filter({ has: this.page.locator("dt", { hasText: new RegExp(`^\\s*${key}\\s*$`) }) })
      .locator(".govuk-summary-list__value")
      .first();
  }
  change(what: string) {
    return this.page.getByRole("link", { name: `Change ${what}`, exact: true });
  }
}

export class ChangeDetailsPage extends PageObject {
  readonly email = this.page.getByLabel("Email address (optional)");
  readonly save = this.page.getByRole("button", { name: "Save changes" });
  readonly errorSummary = this.page.locator(".govuk-error-summary");
  constructor(page: Page) {
    super(page, "Change details", { title: /Change details for / });
  }
}

export class RecordLeavingPage extends PageObject {
  readonly day = this.page.locator("#left_on-day");
  readonly month = this.page.locator("#left_on-month");
  readonly year = this.page.locator("#left_on-year");
  readonly destination = this.page.getByLabel("Where did they go? (optional)");
  readonly notes = this.page.getByLabel("Exit notes (optional)");
  readonly submit = this.page.getByRole("button", { name: "Record leaving" });
  readonly errorSummary = this.page.locator(".govuk-error-summary");
  constructor(page: Page) {
    super(page, "Record leaving");
  }
  reason(text: string) {
    return this.page.getByRole("radio", { name: text, exact: true });
  }
  theme(text: string) {
    return this.page.getByRole("checkbox", { name: text, exact: true });
  }
}

export class TeamPage extends PageObject {
  readonly breadcrumbs = this.page.locator(".govuk-breadcrumbs__list-item");
  readonly members = this.page.locator("table").first().locator("tbody tr");
  constructor(page: Page, name: string | RegExp = /\S/) {
    super(page, name);
  }
  total(key: string) {
    return this.page
      .locator(".govuk-summary-card .govuk-summary-list__row")
      .filter({ has: this.page.locator("dt", { hasText: new RegExp(`^\\s*${key}\\s*$`) }) })
      .locator("dd");
  }
}

export class OrganisationPage extends PageObject {
  readonly rows = this.page.locator("table tbody tr");
  constructor(page: Page) {
    super(page, "Organisation", { title: /^Organisation/ });
  }
  unit(name: string) {
    return this.page.locator("table tbody").getByRole("link", { name, exact: true });
  }
  /** A unit's row: type, headcount, FTE in post, total headcount, total FTE. */
  cells(name: string) {
    return this.rows.filter({ has: this.page.getByRole("link", { name, exact: true }) }).locator("td");
  }
}

export class AddPersonPage extends PageObject {
  readonly submit = this.page.getByRole("button", { name: "Add person" });
  readonly errorSummary = this.page.locator(".govuk-error-summary");
  constructor(page: Page) {
    super(page, "Add a person");
  }
}

export class MovePeoplePage extends PageObject {
  readonly submit = this.page.getByRole("button", { name: "Move people" });
  readonly errorSummary = this.page.locator(".govuk-error-summary");
  constructor(page: Page) {
    super(page, "Move people to another team");
  }
}

export class MoveTeamPage extends PageObject {
  readonly errorSummary = this.page.locator(".govuk-error-summary");
  constructor(page: Page) {
    super(page, /^Move this /);
  }
}

export class FosterCarersPage extends PageObject {
  readonly rows = this.page.locator("table tbody tr");
  constructor(page: Page) {
    super(page, "Foster carers");
  }
}

export class FosterHouseholdPage extends PageObject {
  readonly carers = this.page.locator("table tbody tr");
  constructor(page: Page, name: string | RegExp = /\S/) {
    super(page, name);
  }
}
