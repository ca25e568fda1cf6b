import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { SupervisionComplianceService } from "./compliance.service.js";
import { dashboardRoutes } from "./pages/dashboard/handlers.js";
import { homeRoutes } from "./pages/home/handlers.js";
import { overdueRoutes } from "./pages/overdue/handlers.js";
import { spanOfControlRoutes } from "./pages/span-of-control/handlers.js";

/**
 * The supervision compliance area: each person's next due date and status (from the policy's
 * rules and their held supervisions), the home page, the in-date dashboard by unit over time,
 * the overdue list and span of control.
 */
export const complianceArea = fp(
  async (app: FastifyInstance) => {
    const compliance = new SupervisionComplianceService(app.platform.data, app.platform.clock, {
      rules: (db) => app.supervisionPolicy.rules(db),
      settings: (db) => app.supervisionPolicy.settings(db),
    });
    app.decorate("supervisionCompliance", compliance);
    await app.register(homeRoutes, { compliance });
    await app.register(dashboardRoutes, { compliance });
    await app.register(overdueRoutes, { compliance });
    await app.register(spanOfControlRoutes, { compliance });
  },
  { name: "wa-supervision-compliance", dependencies: ["wa-people", "wa-supervision-policy"] },
);

declare module "fastify" {
  interface FastifyInstance {
    supervisionCompliance: SupervisionComplianceService;
  }
}
