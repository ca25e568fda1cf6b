import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { computeMeasures } from "./compute/index.js";
import { libraryRoutes } from "./pages/handlers.js";
import { PerformanceService } from "./performance.service.js";
import { runSnapshotJob, SNAPSHOT_CRON, SNAPSHOT_JOB } from "./snapshot-job.js";

/**
 * The measure library: `app.performance` (values computed from the platform's data and entered,
 * targets standing on a date, the scorecard, trends from the monthly snapshots, the drill-down),
 * the monthly snapshot job and the library page. Not encapsulated, so the other areas reach it.
 */
export const libraryArea = fp(
  async (app: FastifyInstance) => {
    app.decorate("performance", new PerformanceService(app, computeMeasures));
    app.platform.jobs.define({
      name: SNAPSHOT_JOB,
      maxAttempts: 3,
      run: (job) => runSnapshotJob(app, job),
    });
    app.platform.jobs.schedule(SNAPSHOT_JOB, SNAPSHOT_CRON);
    await app.register(libraryRoutes);
  },
  { name: "wa-performance-library" },
);
