import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { WorkforceFeedService } from "./feeds.service.js";
import { importWorkforceFeedFolders, WORKFORCE_FEEDS_FOLDER_JOB } from "./folder.js";
import { runRoutes } from "./pages/run/handlers.js";
import { runsRoutes } from "./pages/runs/handlers.js";
import { uploadRoutes } from "./pages/upload/handlers.js";

/** Feeds: agency placements from the managed service provider, sickness absence from HR, stability. */
export const feedsArea = fp(
  async (app: FastifyInstance) => {
    const feeds = new WorkforceFeedService(app.platform.data, app.platform.clock);
    app.decorate("workforceFeeds", feeds);
    app.platform.jobs.define({
      name: WORKFORCE_FEEDS_FOLDER_JOB,
      maxAttempts: 1,
      run: async (ctx) => {
        const files = await importWorkforceFeedFolders(app);
        if (files > 0) ctx.log.info({ files }, "workforce feed files imported from folders");
      },
    });
    app.platform.jobs.schedule(WORKFORCE_FEEDS_FOLDER_JOB, "40 6 * * *");
    const opts = { feeds };
    await app.register(runsRoutes, opts);
    await app.register(uploadRoutes, opts);
    await app.register(runRoutes, opts);
  },
  { name: "wa-workforce-feeds", dependencies: ["wa-people"] },
);

declare module "fastify" {
  interface FastifyInstance {
    workforceFeeds: WorkforceFeedService;
  }
}
