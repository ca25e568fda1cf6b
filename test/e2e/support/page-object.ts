import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";
import { type AxeCheckOptions, expectNoAxeViolations } from "./axe.js";

/** Screenshots land here (git-ignored via test-results/). */
export const SCREENSHOT_DIR = fileURLToPath(new URL("../../../test-results/screenshots/", import.meta.url));

export interface PageObjectOptions {
  /** Expected document title (substring, or a RegExp); not checked when absent. */
  title?: string | RegExp;
  /** Options for the axe check, or `false` to skip it (say why in a comment). */
  axe?: AxeCheckOptions | false;
  /** How long to wait for the heading, in ms (default: the context's default timeout). */
  timeout?: number;
}

/** A page-object class with a constructor that takes only the page: what `verifyOnPage` builds. */
export type PageObjectClass<T extends PageObject> = new (page: Page) => T;

/**
 * Base class for page objects, after the pattern in ministryofjustice/hmpps-template-typescript:
 * each page subclasses this, names its h1 and its locators, and tests reach it through
 * `verifyOnPage`, which checks that the browser really is on that page (its h1) and runs the axe
 * WCAG 2.2 AA check — so every page a journey visits is checked for accessibility.
 *
 *   export class SignInPage extends PageObject {
 *     readonly email = this.page.getByLabel("Email address");
 *     constructor(page: Page) { super(page, "Sign in"); }
 *   }
 *   const signIn = await SignInPage.verifyOnPage(page);
 */
export abstract class PageObject {
  readonly page: Page;
  readonly expectedHeading: string | RegExp;
  readonly options: PageObjectOptions;

  protected constructor(page: Page, expectedHeading: string | RegExp, options: PageObjectOptions = {}) {
    this.page = page;
    this.expectedHeading = expectedHeading;
    this.options = options;
  }

  /** The page's h1 (GOV.UK pages have exactly one). */
  get heading(): Locator {
    return this.page.locator("h1");
  }

  /**
   * Builds the page object for the page the browser is on and checks it: waits for the expected
   * h1, checks the title if one is expected, then runs axe. Throws if any check fails.
   */
  static async verifyOnPage<T extends PageObject>(this: PageObjectClass<T>, page: Page): Promise<T> {
    const pageObject = new this(page);
    await pageObject.verify();
    return pageObject;
  }

  /** Opens `pathOrUrl` (relative to the context's baseURL) and verifies the page. */
  static async visit<T extends PageObject>(
    this: PageObjectClass<T>,
    page: Page,
    pathOrUrl: string,
  ): Promise<T> {
    await page.goto(pathOrUrl);
    const pageObject = new this(page);
    await pageObject.verify();
    return pageObject;
  }

  /** The checks `verifyOnPage` runs; call again after an in-page change if needed. */
  async verify(): Promise<void> {
    const expected = this.heading.filter({ hasText: this.expectedHeading });
    try {
      await expected.first().waitFor({
        state: "visible",
        ...(this.options.timeout !== undefined ? { timeout: this.options.timeout } : {}),
      });
    } catch {
      const actual = (await this.heading.allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
      throw new Error(
        `Expected to be on the "${String(this.expectedHeading)}" page (${this.constructor.name}), ` +
          `but ${this.page.url()} has h1 ${actual.length ? actual.map((t) => `"${t}"`).join(", ") : "(none)"} ` +
          `and title "${await this.page.title()}"`,
      );
    }
    await this.page.waitForLoadState("load");

    const { title } = this.options;
    if (title !== undefined) {
      const actualTitle = await this.page.title();
      const ok = typeof title === "string" ? actualTitle.includes(title) : title.test(actualTitle);
      if (!ok) {
        throw new Error(`Expected title ${String(title)} on ${this.page.url()}, got "${actualTitle}"`);
      }
    }

    if (this.options.axe !== false) {
      await expectNoAxeViolations(this.page, this.options.axe ?? {});
    }
  }

  /** Full-page screenshot to test-results/screenshots/NAME.png; returns the file's path. */
  async screenshot(name: string): Promise<string> {
    const safe = name.replace(/[^a-zA-Z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "screenshot";
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${safe}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}
