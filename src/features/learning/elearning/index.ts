import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { feedsDirectory } from "../../people/feeds/folder.js";
import { ELEARNING_JOBS, ElearningService } from "./elearning.service.js";
import { elearningPages } from "./pages/index.js";

/**
 * E-learning completions: files from the e-learning platform, uploaded or dropped in
 * `<FEEDS_DIR>/<tenant slug>/elearning/`, imported as verified learning records.
 */
export const elearningArea = fp(
  async (app: FastifyInstance) => {
    const { platform } = app;
    const service = new ElearningService(
      platform.data,
      platform.clock,
      app.log.child({ feature: "learning.elearning" }),
    );
    app.decorate("elearning", service);
    platform.jobs.define({
      name: ELEARNING_JOBS.pollFolder,
      maxAttempts: 1,
      run: async (ctx) => {
        const root = feedsDirectory(platform.config);
        if (!root) return;
        const { files } = await service.pollFolders(root);
        if (files > 0) ctx.log.info({ files }, "e-learning files imported from folders");
      },
    });
    platform.jobs.schedule(ELEARNING_JOBS.pollFolder, "*/5 * * * *");
    await app.register(elearningPages, { service });
  },
  { name: "wa-learning-elearning" },
);

declare module "fastify" {
  interface FastifyInstance {
    elearning: ElearningService;
  }
}
