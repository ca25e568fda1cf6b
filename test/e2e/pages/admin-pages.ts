import type { Locator, Page } from "playwright-core";
import { PageObject } from "../support/page-object.js";

/**
 * Page objects for the administration pages: users and roles (src/features/auth/pages/users),
 * sign-ins (src/features/auth/pages/sign-ins) and the equality profile
 * (src/features/people/pages/equality-report).
 */

/** Picks the option of a select whose visible text, trimmed, is `text` (unit names are indented). */
async function chooseByText(select: Locator, text: string): Promise<void> {
  const options = select.locator("option");
  const index = (await options.allTextContents()).findIndex((t) => t.trim() === text);
  const value = index < 0 ? null : await options.nth(index).getAttribute("value");
  if (value === null) throw new Error(`no option "${text}"`);
  await select.selectOption(value);
}

/** `GET /admin/users`: accounts, searchable by name or email. */
export class UsersPage extends PageObject {
  readonly addUser = this.page.getByRole("button", { name: "Add a user" });
  readonly search = this.page.getByLabel("Search", { exact: true });
  readonly searchButton = this.page.getByRole("button", { name: "Search", exact: true });
  /** "N users", the paragraph after the search form. */
  readonly resultCount = this.page.locator("form + p.govuk-body");
  readonly results = this.page.locator("table tbody tr");
  constructor(page: Page) {
    super(page, "Users", { title: /^Users - / });
  }
  user(name: string): Locator {
    return this.page.locator("table tbody").getByRole("link", { name, exact: true });
  }
}

/** `GET /admin/users/new`: a new account with its first role. */
export class AddUserPage extends PageObject {
  readonly name = this.page.getByLabel("Name", { exact: true });
  readonly email = this.page.getByLabel("Work email address");
  readonly personReference = this.page.getByLabel("Their person record (optional)");
  readonly role = this.page.getByLabel("Role", { exact: true });
  readonly unit = this.page.getByLabel("Where the role applies");
  readonly sendLink = this.page.getByRole("checkbox", { name: "Email them a link to set a password" });
  readonly submit = this.page.getByRole("button", { name: "Add user" });
  readonly errorSummary = this.page.locator(".govuk-error-summary");
  readonly errorLinks = this.page.locator(".govuk-error-summary__list a");
  constructor(page: Page) {
    super(page, "Add a user", { title: /Add a user - / });
  }
  chooseUnit(name: string): Promise<void> {
    return chooseByText(this.unit, name);
  }
}

/** `GET /admin/users/:userId`: one account, its roles and its status. */
export class UserPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly roles = this.page.locator("table tbody tr");
  readonly role = this.page.getByLabel("Role", { exact: true });
  readonly unit = this.page.getByLabel("Where the role applies");
  readonly addRole = this.page.getByRole("button", { name: "Add role" });
  readonly disable = this.page.getByRole("button", { name: "Disable account" });
  readonly enable = this.page.getByRole("button", { name: "Enable account" });
  constructor(page: Page, name: string | RegExp = /\S/) {
    super(page, name);
  }
  /** The value of a row of the summary list, by its key. */
  value(key: string): Locator {
    return this.page
      .locator(".govuk-summary-list__row")
      .filter({ has: this.page.locator("dt", { hasText: new RegExp(`^\\s*${key}\\s*$`) }) })
      .locator(".govuk-summary-list__value");
  }
  /** The Remove button of a role, by the role's text as listed (its accessible name ends with it). */
  remove(roleText: string): Locator {
    return this.page.getByRole("button", { name: `Remove ${roleText}`, exact: true });
  }
  chooseUnit(name: string): Promise<void> {
    return chooseByText(this.unit, name);
  }
}

/** `GET /audit/sign-ins`: every sign-in and failed sign-in, newest first. */
export class SignInsPage extends PageObject {
  readonly email = this.page.getByLabel("Email address");
  readonly outcome = this.page.getByLabel("Outcome");
  readonly search = this.page.getByRole("button", { name: "Search", exact: true });
  /** "N sign-ins", the paragraph after the form. */
  readonly resultCount = this.page.locator("form + p.govuk-body");
  readonly results = this.page.locator("table tbody tr");
  constructor(page: Page) {
    super(page, "Sign-ins", { title: /^Sign-ins - / });
  }
}

/** `GET /people/equality`: staff by service and one equality characteristic, small numbers hidden. */
export class EqualityProfilePage extends PageObject {
  readonly show = this.page.getByRole("button", { name: "Show" });
  readonly table = this.page.locator("table.govuk-table");
  readonly caption = this.table.locator("caption");
  readonly cells = this.table.locator("tbody td");
  constructor(page: Page) {
    super(page, "Equality profile", { title: /^Equality profile by / });
  }
  characteristic(label: string): Locator {
    return this.page.getByRole("radio", { name: label, exact: true });
  }
}
