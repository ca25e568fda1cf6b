import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { anonymiseAppraisals } from "./appraisal.repository.js";
import { AppraisalService } from "./appraisal.service.js";
import { appraisalRoutes } from "./pages/appraisal/handlers.js";
import { completeRoutes } from "./pages/complete/handlers.js";
import { cycleRoutes } from "./pages/cycle/handlers.js";
import { cyclesRoutes } from "./pages/cycles/handlers.js";
import { homeRoutes } from "./pages/home/handlers.js";
import { midYearRoutes } from "./pages/mid-year/handlers.js";
import { needsRoutes } from "./pages/needs/handlers.js";
import { objectivesRoutes } from "./pages/objectives/handlers.js";
import { startRoutes } from "./pages/start/handlers.js";
import { appraisalPermissions } from "./permissions.js";

/**
 * Appraisal: yearly cycles with a mid-year review; each person's objectives, development needs
 * (into the learning needs analysis), career aspiration and completion; completion by service.
 * Not encapsulated: `app.appraisals` is there for the other features (the scorecard's
 * `completionRate`).
 */
export const appraisalFeature = fp(
  async (app: FastifyInstance) => {
    const { platform } = app;
    const appraisals = new AppraisalService(
      platform.data,
      platform.clock,
      app.people,
      () => app.learningNeeds,
    );
    app.decorate("appraisals", appraisals);
    app.people.addAnonymiser(anonymiseAppraisals);
    app.platform.navigation.add({
      href: "/appraisal",
      text: "Appraisal",
      permission: appraisalPermissions.view,
    });
    const opts = { appraisals };
    await app.register(homeRoutes, opts);
    await app.register(cyclesRoutes, opts);
    await app.register(cycleRoutes, opts);
    await app.register(startRoutes, opts);
    await app.register(appraisalRoutes, opts);
    await app.register(objectivesRoutes, opts);
    await app.register(midYearRoutes, opts);
    await app.register(needsRoutes, opts);
    await app.register(completeRoutes, opts);
  },
  { name: "wa-appraisal", dependencies: ["wa-people", "wa-learning"] },
);

declare module "fastify" {
  interface FastifyInstance {
    appraisals: AppraisalService;
  }
}
