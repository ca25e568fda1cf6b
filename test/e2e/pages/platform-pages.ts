import type { Page } from "playwright-core";
import { PageObject } from "../support/page-object.js";

export class HomePage extends PageObject {
  readonly signIn = this.page.getByRole("button", { name: "Sign in" });
  constructor(page: Page) {
    super(page, "Workforce Academy", { title: /^Home - Workforce Academy - / });
  }
}

export class AccessibilityStatementPage extends PageObject {
  constructor(page: Page) {
    super(page, /^Accessibility statement/);
  }
}

export class CookiesPage extends PageObject {
  constructor(page: Page) {
    super(page, "Cookies");
  }
}

export class PrivacyPage extends PageObject {
  constructor(page: Page) {
    super(page, "Privacy notice");
  }
}

export class NotFoundPage extends PageObject {
  constructor(page: Page) {
    super(page, "Page not found");
  }
}

export class JobsPage extends PageObject {
  readonly rows = this.page.locator("table tbody tr");
  constructor(page: Page) {
    super(page, "Background jobs");
  }
}

export class OutboxPage extends PageObject {
  readonly cards = this.page.locator(".govuk-summary-card");
  constructor(page: Page) {
    super(page, "Email outbox");
  }
}
