// Builds static assets into public/ (served by the app at /assets/).
// Usage: npx tsx scripts/build-assets.ts
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as sass from "sass";

const root = fileURLToPath(new URL("..", import.meta.url));
const govukDist = path.join(root, "node_modules/govuk-frontend/dist/govuk");
const scssDir = path.join(root, "src/platform/views/assets");
const scssEntry = path.join(scssDir, "application.scss");

const applicationJs = `import { initAll } from "./govuk-frontend.min.js";\n\ninitAll();\n`;

// The service's own favicon (GOV.UK's favicons are the crown, which we must not use).
const appIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b4144"/><path fill="#fff" d="M7 23h4v3H7zm7-5h4v8h-4zm7-6h4v14h-4z"/><path fill="#50a1a5" d="M6 15 16 7l3 2 7-5v3l-7 5-3-2-10 8z"/></svg>\n`;

export interface BuildResult {
  outDir: string;
  cssCompiled: boolean;
  cssBytes: number;
}

async function scssFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".scss"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Hash of everything that affects the CSS, so unchanged builds skip Sass. */
async function cssFingerprint(): Promise<string> {
  const hash = createHash("sha256");
  hash.update(sass.info);
  hash.update(await readFile(path.join(root, "node_modules/govuk-frontend/package.json")));
  for (const file of await scssFiles(scssDir)) {
    hash.update(path.relative(scssDir, file));
    hash.update(await readFile(file));
  }
  return hash.digest("hex");
}

export async function buildAssets(outDir = "public"): Promise<BuildResult> {
  const out = path.resolve(root, outDir);
  const cssFile = path.join(out, "stylesheets/application.css");
  const stampFile = path.join(out, "stylesheets/.fingerprint");
  await mkdir(path.dirname(cssFile), { recursive: true });
  await mkdir(path.join(out, "javascripts"), { recursive: true });

  const fingerprint = await cssFingerprint();
  const previous = existsSync(stampFile) ? await readFile(stampFile, "utf8") : "";
  let css: string;
  let cssCompiled = false;
  if (previous === fingerprint && existsSync(cssFile)) {
    css = await readFile(cssFile, "utf8");
  } else {
    css = sass.compile(scssEntry, {
      style: "compressed",
      loadPaths: [path.join(root, "node_modules")],
      quietDeps: true,
    }).css;
    if (css.includes("GDS Transport")) {
      throw new Error("Compiled CSS references GDS Transport; this is not a GOV.UK service");
    }
    await writeFile(cssFile, css);
    await writeFile(stampFile, fingerprint);
    cssCompiled = true;
  }

  await cp(
    path.join(govukDist, "govuk-frontend.min.js"),
    path.join(out, "javascripts/govuk-frontend.min.js"),
  );
  await writeFile(path.join(out, "javascripts/application.js"), applicationJs);
  await cp(path.join(govukDist, "assets/images"), path.join(out, "images"), { recursive: true });
  await writeFile(path.join(out, "images/app-icon.svg"), appIcon);
  const manifest = path.join(govukDist, "assets/manifest.json");
  if (existsSync(manifest)) await cp(manifest, path.join(out, "manifest.json"));

  return { outDir: out, cssCompiled, cssBytes: Buffer.byteLength(css) };
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;

if (invokedDirectly) {
  const started = Date.now();
  const result = await buildAssets(process.argv[2]);
  const cssNote = result.cssCompiled ? "compiled" : "unchanged";
  console.log(
    `build-assets: ${path.relative(process.cwd(), result.outDir) || "."} (css ${cssNote}, ${Math.round(result.cssBytes / 1024)} KiB; govuk js, images, manifest) in ${Date.now() - started} ms`,
  );
}
