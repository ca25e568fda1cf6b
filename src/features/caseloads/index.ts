import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { CaseloadService } from "./caseloads.service.js";
import { CASELOADS_FOLDER_JOB, importCaseloadFolders } from "./folder.js";
import { alertsRoutes } from "./pages/alerts/handlers.js";
import { overviewRoutes } from "./pages/overview/handlers.js";
import { personRoutes } from "./pages/person/handlers.js";
import { recordRoutes } from "./pages/record/handlers.js";
import { snapshotsRoutes } from "./pages/snapshots/handlers.js";
import { targetsRoutes } from "./pages/targets/handlers.js";
import { uploadRoutes } from "./pages/upload/handlers.js";
import { weightsRoutes } from "./pages/weights/handlers.js";
import { caseloadPermissions } from "./permissions.js";

/**
 * Caseloads: snapshots of the children allocated to each worker (from the case management
 * system's CSV by feed or upload, or typed), targets by role and career level, team and service
 * averages over time, alerts when someone is over their cap, and the DfE's average caseload.
 */
export const caseloadsFeature = fp(
  async (app: FastifyInstance) => {
    app.platform.navigation.add({
      href: "/caseloads",
      text: "Caseloads",
      permission: caseloadPermissions.view,
    });
    const caseloads = new CaseloadService(
      app.platform.data,
      app.platform.clock,
      app.platform.outbox,
      app.earlyCareerProtection,
    );
    app.decorate("caseloads", caseloads);
    // The early career protection reads the NQSW's team target from here.
    app.earlyCareerProtection.useTeamTargets((db, ids, asAt) => caseloads.teamTargets(db, ids, asAt));
    app.platform.jobs.define({
      name: CASELOADS_FOLDER_JOB,
      maxAttempts: 1,
      run: async (ctx) => {
        const files = await importCaseloadFolders(app);
        if (files > 0) ctx.log.info({ files }, "caseload files imported from folders");
      },
    });
    app.platform.jobs.schedule(CASELOADS_FOLDER_JOB, "20 6 * * *");
    const opts = { caseloads };
    await app.register(overviewRoutes, opts);
    await app.register(personRoutes, opts);
    await app.register(recordRoutes, opts);
    await app.register(uploadRoutes, opts);
    await app.register(snapshotsRoutes, opts);
    await app.register(targetsRoutes, opts);
    await app.register(weightsRoutes, opts);
    await app.register(alertsRoutes, opts);
  },
  { name: "wa-caseloads", dependencies: ["wa-people", "wa-early-career"] },
);

declare module "fastify" {
  interface FastifyInstance {
    caseloads: CaseloadService;
  }
}
