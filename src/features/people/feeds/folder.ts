import { mkdir, readdir, readFile, rename } from "node:fs/promises";
import path from "node:path";

/**
 * Where dropped files arrive: the `FEEDS_DIR` setting. Unset: folder imports are off. Each source
 * with a folder name reads `<FEEDS_DIR>/<tenant slug>/<folder name>/`, so one council's files
 * never reach another's.
 */
export function feedsDirectory(config: { feedsDir: string | undefined }): string | null {
  const dir = config.feedsDir?.trim();
  return dir ? path.resolve(dir) : null;
}

export function sourceFolder(root: string, tenantSlug: string, folderName: string): string {
  return path.join(root, tenantSlug, folderName);
}

/**
 * CSV files waiting in a folder, oldest name first. Senders write under another name (say
 * `.part`) and rename to `.csv` when done, so a file half-written is never picked up.
 */
export async function waitingFiles(dir: string): Promise<string[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".csv") && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

/**
 * Takes a file for this process by moving it into `processing/` (a rename is atomic, so two job
 * runners never both take it). Null when another runner took it first.
 */
export async function claimFile(dir: string, name: string, now: Date): Promise<string | null> {
  const target = path.join(dir, "processing", `${stamp(now)}-${name}`);
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await rename(path.join(dir, name), target);
    return target;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

export function readClaimed(file: string): Promise<Buffer> {
  return readFile(file);
}

/** Files end in `processed/` once imported or in `failed/` when they could not be read. */
export async function settleFile(
  dir: string,
  claimed: string,
  outcome: "processed" | "failed",
): Promise<string> {
  const target = path.join(dir, outcome, path.basename(claimed));
  await mkdir(path.dirname(target), { recursive: true });
  await rename(claimed, target);
  return target;
}
