import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { actionRoutes } from "./pages/actions.js";
import { outcomeRoutes } from "./pages/outcomes.js";
import { planRoutes } from "./pages/plans.js";
import { PlansService } from "./plans.service.js";

/**
 * Action plans: a strategy's outcomes (with the measures that show progress), actions with an
 * owner, due date and status, and dated updates with evidence; overdue actions flagged and
 * counted. `app.plans.summary()` gives the board report its action plan section.
 */
export const plansArea = fp(
  async (app: FastifyInstance) => {
    const plans = new PlansService(app.platform.data, app.platform.clock);
    app.decorate("plans", plans);
    await app.register(planRoutes, { plans });
    await app.register(outcomeRoutes, { plans });
    await app.register(actionRoutes, { plans });
  },
  { name: "wa-performance-plans" },
);

declare module "fastify" {
  interface FastifyInstance {
    plans: PlansService;
  }
}
