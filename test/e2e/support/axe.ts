import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);

/** WCAG 2.2 AA, as required for UK public sector services. */
export const AXE_TAGS: readonly string[] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** The subset of axe-core's result types we use (axe-core's own types need the DOM lib). */
export interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}

export interface AxeViolation {
  id: string;
  impact?: "minor" | "moderate" | "serious" | "critical" | null;
  description: string;
  help: string;
  helpUrl: string;
  tags: string[];
  nodes: AxeNode[];
}

export interface AxeCheckOptions {
  /** Rule ids to switch off for this check (use sparingly, with a comment saying why). */
  disableRules?: string[];
}

let axeSource: string | undefined;

function getAxeSource(): string {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  return axeSource;
}

interface AxeRunOptions {
  runOnly: { type: "tag"; values: string[] };
  rules?: Record<string, { enabled: boolean }>;
}

interface AxeWindow {
  axe?: {
    run(context: unknown, options: AxeRunOptions): Promise<{ violations: AxeViolation[] }>;
  };
  document: unknown;
}

const hasAxe = (page: Page): Promise<boolean> =>
  page.evaluate(() => typeof (globalThis as unknown as AxeWindow).axe !== "undefined");

/**
 * Adds axe-core to the current document unless it is there already. A `<script>` tag first; the
 * app's Content-Security-Policy (script-src 'self') blocks inline scripts, so when that leaves no
 * `axe` behind, the source is evaluated through the DevTools protocol, which CSP does not govern.
 */
async function injectAxe(page: Page): Promise<void> {
  if (await hasAxe(page)) return;
  const source = getAxeSource();
  try {
    await page.addScriptTag({ content: source });
  } catch {
    // blocked or failed: fall through to evaluate
  }
  if (await hasAxe(page)) return;
  await page.evaluate(`${source}\n;undefined`);
  if (!(await hasAxe(page))) throw new Error(`could not inject axe-core into ${page.url()}`);
}

/** Injects axe-core into the page (once per document) and returns its WCAG 2.2 AA violations. */
export async function checkAccessibility(page: Page, options: AxeCheckOptions = {}): Promise<AxeViolation[]> {
  await injectAxe(page);

  const runOptions: AxeRunOptions = { runOnly: { type: "tag", values: [...AXE_TAGS] } };
  if (options.disableRules && options.disableRules.length > 0) {
    runOptions.rules = Object.fromEntries(options.disableRules.map((id) => [id, { enabled: false }]));
  }

  return page.evaluate(async (opts) => {
    const w = globalThis as unknown as AxeWindow;
    if (!w.axe) throw new Error("axe-core was not injected");
    const results = await w.axe.run(w.document, opts);
    // Return plain data only: results contain no DOM nodes, but strip anything odd.
    return JSON.parse(JSON.stringify(results.violations)) as AxeViolation[];
  }, runOptions);
}

/** Human-readable report of violations: one block per rule with the failing targets. */
export function formatViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => {
      const targets = v.nodes.map(
        (n) => `    - ${n.target.map((t) => (Array.isArray(t) ? t.join(" >> ") : String(t))).join(" ")}`,
      );
      return [`  [${v.impact ?? "unknown"}] ${v.id}: ${v.help}`, `    ${v.helpUrl}`, ...targets].join("\n");
    })
    .join("\n");
}

/** Throws with a readable list of violations (rule id, impact, help, target selectors), if any. */
export async function expectNoAxeViolations(page: Page, options: AxeCheckOptions = {}): Promise<void> {
  const violations = await checkAccessibility(page, options);
  if (violations.length > 0) {
    const count = violations.reduce((n, v) => n + v.nodes.length, 0);
    throw new Error(
      `Accessibility violations on ${page.url()} (${violations.length} rule(s), ${count} element(s)):\n${formatViolations(violations)}`,
    );
  }
}
