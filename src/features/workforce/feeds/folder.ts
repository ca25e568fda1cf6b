import type { FastifyInstance } from "fastify";
import { RuleError } from "../../../platform/forms/rule-error.js";
import {
  claimFile,
  feedsDirectory,
  readClaimed,
  settleFile,
  sourceFolder,
  waitingFiles,
} from "../../people/feeds/folder.js";
import type { OwnFeedKind } from "./feeds.service.js";

export const WORKFORCE_FEEDS_FOLDER_JOB = "workforce.feeds.folder";

/** `<FEEDS_DIR>/<tenant slug>/<folder>/*.csv` for each feed. */
export const workforceFeedFolders: Record<OwnFeedKind, string> = {
  agency: "workforce-agency",
  absence: "workforce-absence",
  stability: "workforce-stability",
};

/**
 * The daily folder feeds: each council's files dropped in its workforce folders are imported like
 * an upload (trigger 'feed'; the same file again changes nothing), then moved to `processed/`, or
 * to `failed/` when the file as a whole cannot be read. Returns the number of files imported.
 */
export async function importWorkforceFeedFolders(app: FastifyInstance): Promise<number> {
  const root = feedsDirectory(app.platform.config);
  if (!root) return 0;
  const tenants = await app.platform.data.system.selectFrom("tenants").select(["id", "slug"]).execute();
  let imported = 0;
  for (const tenant of tenants) {
    for (const [kind, folder] of Object.entries(workforceFeedFolders) as [OwnFeedKind, string][]) {
      const dir = sourceFolder(root, tenant.slug, folder);
      for (const name of await waitingFiles(dir)) {
        const claimed = await claimFile(dir, name, app.platform.clock.now());
        if (!claimed) continue;
        try {
          await app.workforceFeeds.importFile(
            { tenantId: tenant.id, actor: { id: `feed:${folder}` } },
            kind,
            { filename: name, content: await readClaimed(claimed), trigger: "feed" },
          );
          await settleFile(dir, claimed, "processed");
          imported += 1;
        } catch (err) {
          await settleFile(dir, claimed, "failed");
          if (!(err instanceof RuleError)) throw err;
        }
      }
    }
  }
  return imported;
}
