import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildAssets } from "./build-assets.js";

describe("buildAssets", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it("builds CSS without GDS Transport, plus the JavaScript and images", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "wa-assets-"));
    dirs.push(out);
    const first = await buildAssets(out);
    expect(first.cssCompiled).toBe(true);

    const css = await readFile(path.join(out, "stylesheets/application.css"), "utf8");
    expect(css.length).toBeGreaterThan(50_000);
    expect(css).toContain(".govuk-button");
    expect(css).toContain(".app-header");
    expect(css).not.toContain("GDS Transport");
    expect(css).not.toContain("@font-face");
    expect(css).toContain("system-ui");

    expect(existsSync(path.join(out, "javascripts/govuk-frontend.min.js"))).toBe(true);
    const appJs = await readFile(path.join(out, "javascripts/application.js"), "utf8");
    expect(appJs).toContain('from "./govuk-frontend.min.js"');
    expect(appJs).toContain("initAll()");
    expect(existsSync(path.join(out, "images/app-icon.svg"))).toBe(true);
    expect(existsSync(path.join(out, "fonts"))).toBe(false);

    const second = await buildAssets(out);
    expect(second.cssCompiled).toBe(false);
    expect(second.cssBytes).toBe(first.cssBytes);
  }, 60_000);
});
