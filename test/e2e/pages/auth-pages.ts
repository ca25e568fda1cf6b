import type { Page } from "playwright-core";
import { PageObject } from "../support/page-object.js";

export class SignInPage extends PageObject {
  readonly email = this.page.getByLabel("Email address");
  readonly password = this.page.getByLabel("Password", { exact: true });
  readonly submit = this.page.getByRole("button", { name: "Sign in", exact: true });
  readonly singleSignOn = this.page.getByRole("button", { name: /^Sign in with / });
  readonly forgotten = this.page.getByRole("link", { name: "I have forgotten my password" });
  constructor(page: Page) {
    super(page, "Sign in");
  }
  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }
}

export class ResetPasswordPage extends PageObject {
  readonly email = this.page.getByLabel("Email address");
  constructor(page: Page) {
    super(page, "Reset your password");
  }
}

export class CheckEmailPage extends PageObject {
  constructor(page: Page) {
    super(page, "Check your email");
  }
}

export class ChooseNewPasswordPage extends PageObject {
  readonly password = this.page.getByLabel("New password", { exact: true });
  readonly confirm = this.page.getByLabel("Confirm new password");
  constructor(page: Page) {
    super(page, "Choose a new password");
  }
}

export class PasswordChangedPage extends PageObject {
  constructor(page: Page) {
    super(page, "Your password has been changed");
  }
}

export class SignedOutPage extends PageObject {
  constructor(page: Page) {
    super(page, "You have signed out");
  }
}
