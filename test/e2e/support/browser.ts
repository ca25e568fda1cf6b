import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/**
 * Chromium flags for a closed-network, containerised environment. Playwright
 * adds `--headless` itself. The background-networking flags stop Chromium
 * spamming refused connections to Google services.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Path to the system Chromium (Debian's `chromium` package); never a downloaded browser. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/** Launches the system Chromium headless. Close it in `afterAll`. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}

export interface NewPageOptions {
  /** Viewport size; defaults to a typical laptop. */
  viewport?: { width: number; height: number };
  /** Extra HTTP headers sent with every request. */
  extraHTTPHeaders?: Record<string, string>;
}

/**
 * Opens a page in a fresh browser context (own cookies/session) whose relative
 * URLs resolve against `baseUrl`, so tests can write `page.goto('/sign-in')`.
 * Closing the page's context: `await page.context().close()`.
 */
export async function newPage(
  browser: Browser,
  baseUrl: string,
  options: NewPageOptions = {},
): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    baseURL: baseUrl,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: "en-GB",
    timezoneId: "Europe/London",
    ...(options.extraHTTPHeaders ? { extraHTTPHeaders: options.extraHTTPHeaders } : {}),
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  return context.newPage();
}
