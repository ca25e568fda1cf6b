import type { Locator, Page } from "playwright-core";
import { PageObject } from "../support/page-object.js";

/** Page objects for the workforce pages (src/features/workforce). */

/** `GET /workforce`: the hub, linking to each area. */
export class WorkforceHubPage extends PageObject {
  readonly links = this.page.locator("[data-workforce-links] a");
  constructor(page: Page) {
    super(page, "Workforce");
  }
}

/** `GET /workforce/starters-and-leavers`: turnover, starters and leavers by month, reasons. */
export class StartersAndLeaversPage extends PageObject {
  readonly turnover = this.page.locator("[data-turnover-rate]");
  readonly leaversFte = this.page.locator("[data-leavers-fte]");
  readonly inPostFte = this.page.locator("[data-in-post-fte]");
  readonly monthsChart = this.page.locator('[data-chart="leavers-by-month"]');
  readonly monthsTable = this.page.locator('table[data-table="months"]');
  readonly reasonsTable = this.page.locator('table[data-table="reasons"]');
  constructor(page: Page) {
    super(page, /\S/, { title: /^Starters and leavers/ });
  }
  /** The turnover rate as the page states it in `data-turnover-rate` ("" when no one is in post). */
  async turnoverRate(): Promise<number | null> {
    const value = await this.turnover.getAttribute("data-turnover-rate");
    return value ? Number(value) : null;
  }
  /** A month's row of the table (label like "Nov 26"): starters, starters FTE, leavers, leavers FTE. */
  month(label: string): Locator {
    return this.monthsTable
      .locator("tbody tr")
      .filter({ has: this.page.locator("th", { hasText: new RegExp(`^\\s*${label}\\s*$`) }) });
  }
  /** Leavers (headcount) in a month, from the table. */
  async leaversIn(label: string): Promise<number> {
    const cell = this.month(label).locator("td").nth(2);
    return Number(((await cell.textContent()) ?? "").trim());
  }
  /** A reason's leavers, as the table shows them (suppressed counts are text). */
  reason(label: string): Locator {
    return this.reasonsTable
      .locator("tbody tr")
      .filter({ has: this.page.locator("th", { hasText: new RegExp(`^\\s*${label}\\s*$`) }) })
      .locator("td");
  }
}

/** `GET /workforce/settings`: the authority in the DfE's files, its region and comparators. */
export class WorkforceSettingsPage extends PageObject {
  readonly authority = this.page.getByLabel("Your local authority in the DfE's files");
  readonly save = this.page.getByRole("button", { name: "Save settings" });
  readonly notification = this.page.locator(".govuk-notification-banner");
  constructor(page: Page) {
    super(page, "Workforce settings");
  }
}

/** `GET /workforce/benchmarking`: a measure year by year for the authority, England and others. */
export class BenchmarkingPage extends PageObject {
  readonly chart = this.page.locator('[data-chart="benchmark"]');
  readonly table = this.page.locator("table[data-benchmark-table]");
  readonly years = this.table.locator("thead th");
  readonly headline = this.page.locator("[data-headline]");
  constructor(page: Page, measure: string | RegExp = /\S/) {
    super(page, measure, { title: /^Benchmarking/ });
  }
  series(kind: "authority" | "england" | "region" | "comparator"): Locator {
    return this.table.locator(`tbody tr[data-series="${kind}"]`);
  }
}

/** `GET /workforce/measures`: the DfE's measures with formulas and inputs. */
export class MeasuresPage extends PageObject {
  constructor(page: Page) {
    super(page, /^DfE measures/);
  }
}

/** `GET /workforce/profile`: headcount and FTE as at a date. */
export class ProfilePage extends PageObject {
  constructor(page: Page) {
    super(page, /\S/, { title: /profile/i });
  }
}

/** `GET /workforce/census/:year`: the pre-submission report. */
export class CensusReportPage extends PageObject {
  readonly counts = this.page.locator("#counts");
  constructor(page: Page) {
    super(page, /^Census \d{4}: pre-submission report$/);
  }
}

/** `GET /workforce/recruitment`: the campaigns (headed with the unit's name). */
export class RecruitmentPage extends PageObject {
  constructor(page: Page) {
    super(page, /\S/, { title: /recruitment/i });
  }
}

/** `GET /workforce/forecast`: the projection of permanent FTE and agency need. */
export class ForecastPage extends PageObject {
  constructor(page: Page) {
    super(page, "Workforce forecast");
  }
}

/** `GET /workforce/stay-conversations`: "Talk before you walk". */
export class StayConversationsPage extends PageObject {
  constructor(page: Page) {
    super(page, "Stay conversations");
  }
}

/** `GET /workforce/feeds`: the agency, absence, stability and indicators feed runs. */
export class FeedsPage extends PageObject {
  constructor(page: Page) {
    super(page, "Workforce feeds");
  }
}
