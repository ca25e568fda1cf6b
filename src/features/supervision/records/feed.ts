import { mkdir, readdir, readFile, rename } from "node:fs/promises";
import path from "node:path";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../../platform/clock.js";
import type { DataAccess } from "../../../platform/tenancy/data-access.js";
import type { SupervisionRecordsService } from "./records.service.js";

/**
 * The repeatable case supervision feed: the case management system drops its CSV export in
 * `<FEEDS_DIR>/<council slug>/case-supervision/` (writing under another name and renaming to
 * `.csv` when done, as the HR feed asks); a daily job imports each waiting file and moves it to
 * `processed/` (or `failed/` when it could not be read). Unset FEEDS_DIR: the feed is off.
 */
export const CASE_SUPERVISION_FOLDER = "case-supervision";
export const FEED_JOB = "supervision.case-supervision.feed";

async function waiting(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".csv") && !e.name.startsWith("."))
      .map((e) => e.name)
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

/** Moves a file into a sub-folder; null when another runner took it first. */
async function move(dir: string, from: string, sub: string, name: string): Promise<string | null> {
  const target = path.join(dir, sub, name);
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await rename(from, target);
    return target;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** Imports every waiting file of every council; returns how many files were read. */
export async function importCaseSupervisionFolders(
  root: string,
  data: DataAccess,
  clock: Clock,
  records: SupervisionRecordsService,
  log: FastifyBaseLogger,
): Promise<number> {
  const tenants = await data.system.selectFrom("tenants").select(["id", "slug"]).execute();
  let files = 0;
  for (const tenant of tenants) {
    const dir = path.join(root, tenant.slug, CASE_SUPERVISION_FOLDER);
    for (const name of await waiting(dir)) {
      const stamped = `${clock
        .now()
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d+Z$/, "Z")}-${name}`;
      const claimed = await move(dir, path.join(dir, name), "processing", stamped);
      if (!claimed) continue;
      files += 1;
      const outcome = await records.importCsv(
        { tenantId: tenant.id, actor: { id: `job:${FEED_JOB}` } },
        { filename: name, content: await readFile(claimed), trigger: "feed" },
      );
      await move(dir, claimed, outcome.status === "applied" ? "processed" : "failed", stamped);
      log.info(
        { importId: outcome.importId, ...outcome.counts, status: outcome.status },
        "case supervision file imported",
      );
    }
  }
  return files;
}
