import type { Page } from "playwright-core";
import { PageObject } from "../support/page-object.js";

/**
 * Page objects for CPD (src/features/cpd/log/pages) and Social Work England readiness
 * (src/features/cpd/registration/pages).
 */

/** Fills a GOV.UK date input (`<id>-day`, `-month`, `-year`) from an ISO date. */
async function fillDate(page: Page, id: string, iso: string): Promise<void> {
  const [year = "", month = "", day = ""] = iso.split("-");
  await page.locator(`#${id}-day`).fill(String(Number(day)));
  await page.locator(`#${id}-month`).fill(String(Number(month)));
  await page.locator(`#${id}-year`).fill(year);
}

/** `GET /cpd`: the person's own CPD log. */
export class CpdLogPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  readonly addEntry = this.page.getByRole("button", { name: "Add an entry" });
  readonly readiness = this.page.getByRole("link", { name: /Social Work England readiness/ }).first();
  constructor(page: Page) {
    super(page, "Your CPD", { title: /^Your CPD - / });
  }
}

/** `GET /cpd/entries/new`: add a CPD entry. */
export class CpdEntryFormPage extends PageObject {
  readonly title = this.page.getByLabel("Title", { exact: true });
  readonly hours = this.page.getByLabel("Hours", { exact: true });
  readonly learnt = this.page.getByLabel("What you learnt");
  readonly impact = this.page.getByLabel("The impact on your practice");
  readonly peerName = this.page.getByLabel("Peer's name");
  readonly peerNotes = this.page.getByLabel("Notes from the peer reflection");
  readonly final = this.page.getByLabel("Final", { exact: true });
  readonly shared = this.page.getByLabel("Share this entry with my supervisor");
  readonly save = this.page.getByRole("button", { name: "Save entry" });
  readonly errorSummary = this.page.locator(".govuk-error-summary");
  constructor(page: Page) {
    super(page, "Add a CPD entry");
  }
  kind(name: string) {
    return this.page.getByLabel(name, { exact: true });
  }
  standard(words: string) {
    return this.page.getByLabel(words, { exact: true });
  }
  on(iso: string) {
    return fillDate(this.page, "entry_on", iso);
  }
  peerOn(iso: string) {
    return fillDate(this.page, "peer_on", iso);
  }
}

/** `GET /cpd/registration`: the person's own Social Work England readiness. */
export class ReadinessPage extends PageObject {
  readonly state = this.page.locator("#readiness-state");
  readonly missing = this.page.locator("#missing li");
  readonly entries = this.page.locator("#entries tbody tr");
  constructor(page: Page) {
    super(page, "Social Work England readiness");
  }
}

/** `GET /cpd/registration/people`: the readiness of the people a manager can see. */
export class TeamReadinessPage extends PageObject {
  readonly counts = this.page.locator("#counts");
  constructor(page: Page) {
    // In the renewal window (1 September to 30 November) the page leads with who is not yet meeting it.
    super(page, /Social Work England/);
  }
  /** The row of one person in the list of people. */
  row(name: string) {
    return this.page.locator("#people tbody tr").filter({ hasText: name });
  }
}

/** `GET /cpd/entries/:cpdEntryId`: one entry, with its evidence. */
export class CpdEntryPage extends PageObject {
  readonly notification = this.page.locator(".govuk-notification-banner");
  constructor(page: Page, title: string | RegExp = /\S/) {
    super(page, title);
  }
}
