import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { DashboardService } from "./dashboard.service.js";
import { dashboardRoutes } from "./pages/dashboard/handlers.js";
import { protectionRoutes } from "./pages/protection/handlers.js";
import { retentionRoutes } from "./pages/retention/handlers.js";
import { anonymiseChecks } from "./protection.repository.js";
import { ProtectionService } from "./protection.service.js";

/**
 * The early career dashboard area: protection checks of each NQSW's caseload and development
 * time, the co-ordinator's dashboard (every active NQSW's next milestone, RAG, evidence coverage
 * and protection; cohort views) and the retention of past cohorts.
 */
export const dashboardArea = fp(
  async (app: FastifyInstance) => {
    const protection = new ProtectionService(app.platform.data, app.platform.clock);
    const dashboard = new DashboardService(app.platform.data, app.platform.clock, protection);
    app.decorate("earlyCareerProtection", protection);
    app.decorate("earlyCareerDashboard", dashboard);
    app.people.addAnonymiser(anonymiseChecks);
    await app.register(protectionRoutes, { protection });
    await app.register(dashboardRoutes, { dashboard });
    await app.register(retentionRoutes, { dashboard });
  },
  { name: "wa-early-career-dashboard", dependencies: ["wa-people", "wa-learning"] },
);

declare module "fastify" {
  interface FastifyInstance {
    earlyCareerProtection: ProtectionService;
    earlyCareerDashboard: DashboardService;
  }
}
