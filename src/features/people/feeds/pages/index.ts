import type { FastifyInstance } from "fastify";
import type { FeedsService } from "../feeds.service.js";
import { matchQueueRoutes } from "./match-queue/handlers.js";
import { matchQueueRowRoutes } from "./match-queue-row/handlers.js";
import { overviewRoutes } from "./overview/handlers.js";
import { possibleLeaverRoutes } from "./possible-leaver/handlers.js";
import { possibleLeaversRoutes } from "./possible-leavers/handlers.js";
import { runRoutes } from "./run/handlers.js";
import { sourceRoutes } from "./source/handlers.js";
import { uploadRoutes } from "./upload/handlers.js";

/**
 * The HR feed's pages under /people/feeds: sources and their column mapping, upload, a file's
 * preview and report, the match queue and possible leavers. Each page's handlers, schema and
 * view live in the folder named after its URL.
 */
export async function feedsPages(app: FastifyInstance, opts: { service: FeedsService }): Promise<void> {
  await app.register(overviewRoutes, opts);
  await app.register(sourceRoutes, opts);
  await app.register(uploadRoutes, opts);
  await app.register(runRoutes, opts);
  await app.register(matchQueueRoutes, opts);
  await app.register(matchQueueRowRoutes, opts);
  await app.register(possibleLeaversRoutes, opts);
  await app.register(possibleLeaverRoutes, opts);
}
