import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { COMPLIANCE_JOBS, ComplianceService } from "./compliance.service.js";
import { exportRoutes } from "./pages/export/handlers.js";
import { myRoutes } from "./pages/my/handlers.js";
import { overviewRoutes } from "./pages/overview/handlers.js";
import { personRoutes } from "./pages/person/handlers.js";
import { teamRoutes } from "./pages/team/handlers.js";
import { sendAllReminders } from "./reminders.js";

/**
 * Compliance with mandatory learning: the precomputed status table and its jobs (the nightly
 * refresh, the daily reminders, the full export), a person's learning page, the team figures and
 * the people-by-requirement matrix. Not encapsulated, so `app.compliance` is there for every area.
 */
export const complianceArea = fp(
  async (app: FastifyInstance): Promise<void> => {
    const { platform } = app;
    const compliance = new ComplianceService(platform.data, platform.clock, platform.jobs, app.people);
    app.decorate("compliance", compliance);

    platform.jobs.define({
      name: COMPLIANCE_JOBS.refresh,
      maxAttempts: 3,
      run: async (ctx) => {
        const tenantId = ctx.job.tenant_id;
        if (tenantId) {
          await compliance.refreshStale(
            { tenantId, actor: { id: String(ctx.job.payload.actor ?? `job:${COMPLIANCE_JOBS.refresh}`) } },
            { full: true, progress: ctx.progress },
          );
        } else {
          await compliance.refreshAllTenants(ctx.progress);
        }
      },
    });
    platform.jobs.schedule(COMPLIANCE_JOBS.refresh, "5 0 * * *");

    platform.jobs.define({
      name: COMPLIANCE_JOBS.reminders,
      maxAttempts: 3,
      run: async (ctx) => {
        const sent = await sendAllReminders(platform.data, platform.outbox, compliance);
        if (sent > 0) ctx.log.info({ sent }, "compliance reminders sent");
      },
    });
    platform.jobs.schedule(COMPLIANCE_JOBS.reminders, "30 6 * * *");

    platform.jobs.define({
      name: COMPLIANCE_JOBS.export,
      maxAttempts: 1,
      run: (ctx) => compliance.runExport(ctx),
    });

    const opts = { compliance };
    await app.register(myRoutes);
    await app.register(personRoutes, opts);
    await app.register(overviewRoutes, opts);
    await app.register(teamRoutes, opts);
    await app.register(exportRoutes, opts);
  },
  { name: "wa-learning-compliance" },
);

declare module "fastify" {
  interface FastifyInstance {
    compliance: ComplianceService;
  }
}
