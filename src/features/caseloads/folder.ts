import type { FastifyInstance } from "fastify";
import { RuleError } from "../../platform/forms/rule-error.js";
import {
  claimFile,
  feedsDirectory,
  readClaimed,
  settleFile,
  sourceFolder,
  waitingFiles,
} from "../people/feeds/folder.js";

export const CASELOADS_FOLDER_JOB = "caseloads.folder";
/** `<FEEDS_DIR>/<tenant slug>/caseloads/*.csv`: the case management system's daily export. */
export const CASELOADS_FOLDER = "caseloads";

/**
 * The repeatable feed: each council's caseload files dropped in its folder are imported like an
 * upload (source 'feed'; the same file again changes nothing), then moved to `processed/`, or to
 * `failed/` when the file as a whole cannot be read. Returns the number of files imported.
 */
export async function importCaseloadFolders(app: FastifyInstance): Promise<number> {
  const root = feedsDirectory(app.platform.config);
  if (!root) return 0;
  const tenants = await app.platform.data.system.selectFrom("tenants").select(["id", "slug"]).execute();
  let imported = 0;
  for (const tenant of tenants) {
    const dir = sourceFolder(root, tenant.slug, CASELOADS_FOLDER);
    for (const name of await waitingFiles(dir)) {
      const claimed = await claimFile(dir, name, app.platform.clock.now());
      if (!claimed) continue;
      try {
        await app.caseloads.importCsv(
          { tenantId: tenant.id, actor: { id: "feed:caseloads" } },
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
  return imported;
}
