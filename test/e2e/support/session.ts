import type { Browser, Page } from "playwright-core";
import type { Principal } from "../../../src/platform/auth/principal.js";
import { newPage } from "./browser.js";
import type { TestServer } from "./server.js";

/**
 * Signs `page`'s browser context in as `principal`, with a session made straight in the session
 * store (no sign-in journey), and returns the page.
 */
export async function signIn(server: TestServer, page: Page, principal: Principal): Promise<Page> {
  const cookie = await server.app.platform.sessionStore.openSessionFor(principal);
  const [name, value] = cookie.split("=") as [string, string];
  await page.context().addCookies([{ name, value, url: server.baseUrl }]);
  return page;
}

/** A page in a fresh browser context (see `newPage`), signed in as `principal`. */
export async function signedInPage(
  browser: Browser,
  server: TestServer,
  principal: Principal,
): Promise<Page> {
  return signIn(server, await newPage(browser, server.baseUrl), principal);
}
