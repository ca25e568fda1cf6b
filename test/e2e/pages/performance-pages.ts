import type { Locator, Page } from "playwright-core";
import { PageObject } from "../support/page-object.js";

/** Page objects for the role home page (src/features/home) and performance (src/features/performance). */

/** The figure a value cell starts with ("82.5%Employed FTE: 255.5, ..." is 82.5); null when hidden or none. */
export function firstNumber(text: string): number | null {
  const match = /^-?\d+(?:\.\d+)?/.exec(text);
  return match ? Number(match[0]) : null;
}

/** A target as the pages write it ("at least 80%", "at most 16"), read back. */
export function readTarget(text: string): { direction: "higher" | "lower"; target: number } | null {
  const match = /\bat (least|most) (\d+(?:\.\d+)?)/.exec(text);
  if (!match) return null;
  return { direction: match[1] === "least" ? "higher" : "lower", target: Number(match[2]) };
}

/** `GET /` signed in: a panel per kind of role held; a senior leader's is the scorecard. */
export class HomePage extends PageObject {
  readonly scorecardPanel = this.page.locator('[data-panel="director"]');
  constructor(page: Page) {
    super(page, "Home", { title: /^Home/ });
  }
  /** A row of the scorecard panel ("Against target", "Off target", "Near target"). */
  panelSection(heading: string): Locator {
    return this.scorecardPanel.locator(`[data-section="${heading}"]`);
  }
}

/** `GET /performance`: every measure for a unit in a month, grouped, with value, target and RAG. */
export class ScorecardPage extends PageObject {
  readonly unit = this.page.getByLabel("Team or service");
  readonly month = this.page.getByLabel("Month");
  readonly show = this.page.getByRole("button", { name: "Show scorecard" });
  readonly ragSummary = this.page.locator("[data-rag-summary]");
  constructor(page: Page) {
    super(page, /^Scorecard: /, { title: /^Scorecard: / });
  }
  /** A measure's row, by its key (`permanent_social_workers`). */
  row(key: string): Locator {
    return this.page.locator(`table.app-scorecard tr[data-measure="${key}"]`);
  }
  title(key: string): Locator {
    return this.row(key).locator("th a");
  }
  value(key: string): Locator {
    return this.row(key).locator("td[data-value]");
  }
  target(key: string): Locator {
    return this.row(key).locator("td[data-target]");
  }
  rag(key: string): Locator {
    return this.row(key).locator("td[data-rag] .govuk-tag");
  }
  count(rag: "green" | "amber" | "red" | "none"): Locator {
    return this.ragSummary.locator(`[data-count="${rag}"]`);
  }
}

/** `GET /performance/measures/:key`: one measure for a unit, its trend and the units below. */
export class MeasurePage extends PageObject {
  readonly caption = this.page.locator(".govuk-caption-l");
  readonly current = this.page.locator("[data-current]");
  readonly chart = this.page.locator('[data-chart="measure-trend"]');
  readonly chartSvg = this.chart.locator("svg");
  readonly trendTable = this.page.locator("table[data-trend-table]");
  readonly unitsBelowHeading = this.page.getByRole("heading", { level: 2, name: /^Units below / });
  readonly drillDown = this.page.locator("table[data-drill-down]");
  readonly drillDownRows = this.drillDown.locator("tbody tr[data-unit]");
  readonly noUnitsBelow = this.page.locator("[data-drill-down-empty]");
  readonly commentary = this.page.locator("[data-commentary]");
  constructor(page: Page, measure: string | RegExp = /\S/) {
    super(page, measure);
  }
  /** The drill-down's units as shown: name, value (the first number, null when hidden), target and RAG. */
  async units(): Promise<Array<{ name: string; value: number | null; target: string; rag: string }>> {
    return this.drillDownRows.evaluateAll((rows) =>
      rows.map((row) => {
        const clean = (el: { textContent: string | null } | null | undefined) =>
          (el?.textContent ?? "").replace(/\s+/g, " ").trim();
        const cells = row.querySelectorAll("td");
        const valueText = clean(cells[0]);
        const match = /^-?\d+(?:\.\d+)?/.exec(valueText);
        return {
          name: clean(row.querySelector("th")),
          value: match ? Number(match[0]) : null,
          target: clean(cells[1]),
          rag: clean(cells[2]?.querySelector(".govuk-tag")),
        };
      }),
    );
  }
  /** A unit's link in the drill-down, by its name. */
  unitLink(name: string): Locator {
    return this.drillDown.getByRole("link", { name, exact: true });
  }
}

/** `GET /performance/board`: the printable board report for a month. */
export class BoardReportPage extends PageObject {
  readonly packLink = this.page.locator("a[data-pack-link]");
  readonly scorecard = this.page.locator('section[aria-labelledby="scorecard-heading"]');
  readonly trends = this.page.locator("table[data-trends]");
  readonly plan = this.page.locator("section[data-plan]");
  readonly overdueActions = this.plan.locator("tr[data-overdue]");
  readonly commentary = this.page.locator("section[data-commentary]");
  readonly performanceNav = this.page.getByRole("navigation", { name: "Performance" });
  readonly serviceNav = this.page.locator(".govuk-service-navigation");
  readonly footer = this.page.locator(".govuk-footer");
  constructor(page: Page) {
    super(page, /^Board report: /, { title: /^Board report: / });
  }
  scorecardRow(key: string): Locator {
    return this.scorecard.locator(`tr[data-measure="${key}"]`);
  }
  commentaryOn(key: string): Locator {
    return this.commentary.locator(`[data-measure="${key}"]`);
  }
}

/** `GET /performance/targets`: the targets standing for a unit. */
export class TargetsPage extends PageObject {
  constructor(page: Page) {
    super(page, /^Targets/);
  }
}

/** `GET /performance/entries`: the values entered or imported for measures held elsewhere. */
export class EnteredValuesPage extends PageObject {
  constructor(page: Page) {
    super(page, "Entered values");
  }
}

/** `GET /performance/plans`: the action plans, the latest first. */
export class ActionPlansPage extends PageObject {
  readonly plans = this.page.locator("table#plans tbody tr");
  constructor(page: Page) {
    super(page, "Action plans");
  }
}

/** `GET /performance/plans/:id`: a plan's outcomes and actions (headed with the plan's title). */
export class ActionPlanPage extends PageObject {
  readonly overdueCount = this.page.locator("#overdue-count");
  constructor(page: Page, title: string | RegExp = /\S/) {
    super(page, title);
  }
}

/** `GET /performance/measures`: the measure library, each measure defined once. */
export class MeasureLibraryPage extends PageObject {
  constructor(page: Page) {
    super(page, "Measure library");
  }
  measure(key: string): Locator {
    return this.page.locator(`[data-measure="${key}"]`);
  }
}
