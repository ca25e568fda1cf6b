import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { FEED_JOBS, FeedsService } from "./feeds.service.js";
import { feedsDirectory } from "./folder.js";
import { feedsPages } from "./pages/index.js";
import type { ImportMode } from "./schema.js";

/**
 * HR feeds: CSV files from the HR system, uploaded or dropped in a folder, previewed and then
 * imported into people and their assignments. Registered by the people feature.
 */
export const feedsFeature = fp(
  async (app: FastifyInstance) => {
    const { platform } = app;
    const service = new FeedsService(
      platform.data,
      platform.clock,
      app.people,
      platform.jobs,
      platform.outbox,
      app.log.child({ feature: "people.feeds" }),
    );
    app.decorate("feeds", service);

    const contextOf = (job: { tenant_id: string | null; payload: Record<string, unknown> }) => {
      if (!job.tenant_id) throw new Error("A feed job needs its tenant");
      return { tenantId: job.tenant_id, actor: { id: String(job.payload.actor ?? "system:feeds") } };
    };
    platform.jobs.define({
      name: FEED_JOBS.preview,
      maxAttempts: 1,
      run: async ({ job }) => service.previewRun(contextOf(job), String(job.payload.runId)),
    });
    platform.jobs.define({
      name: FEED_JOBS.import,
      maxAttempts: 1,
      run: async ({ job }) => {
        await service.importRun(contextOf(job), String(job.payload.runId), job.payload.mode as ImportMode, {
          claimed: job.payload.claimed === true,
        });
      },
    });
    platform.jobs.define({
      name: FEED_JOBS.pollFolder,
      maxAttempts: 1,
      run: async (ctx) => {
        const root = feedsDirectory(platform.config);
        if (!root) return;
        const { files } = await service.pollFolders(root);
        if (files > 0) ctx.log.info({ files }, "feed files imported from folders");
      },
    });
    platform.jobs.schedule(FEED_JOBS.pollFolder, "*/5 * * * *");
    platform.jobs.define({
      name: FEED_JOBS.clearRowData,
      maxAttempts: 3,
      run: async (ctx) => {
        const rows = await service.clearOldRowData();
        if (rows > 0) ctx.log.info({ rows }, "old feed row data cleared");
      },
    });
    platform.jobs.schedule(FEED_JOBS.clearRowData, "40 2 * * *");

    await app.register(feedsPages, { service });
  },
  { name: "wa-people-feeds", dependencies: ["wa-people"] },
);

declare module "fastify" {
  interface FastifyInstance {
    feeds: FeedsService;
  }
}
