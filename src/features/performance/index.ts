import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { boardArea } from "./board/index.js";
import { entriesArea } from "./entries/index.js";
import { libraryArea } from "./library/index.js";
import { performancePermissions } from "./permissions.js";
import { plansArea } from "./plans/index.js";
import { scorecardArea } from "./scorecard/index.js";
import { targetsArea } from "./targets/index.js";

/**
 * Performance: the measure library computed from the platform's data (with values entered for
 * what it does not hold), targets with RAG, the monthly snapshots, the scorecard with its
 * drill-down, action plans and the board report. Each area registers its own routes.
 */
export const performanceFeature = fp(
  async (app: FastifyInstance) => {
    app.platform.navigation.add({
      href: "/performance",
      text: "Performance",
      permission: performancePermissions.view,
    });
    await app.register(libraryArea);
    await app.register(targetsArea);
    await app.register(entriesArea);
    await app.register(scorecardArea);
    await app.register(boardArea);
    await app.register(plansArea);
  },
  {
    name: "wa-performance",
    dependencies: [
      "wa-people",
      "wa-workforce",
      "wa-supervision",
      "wa-appraisal",
      "wa-caseloads",
      "wa-learning",
      "wa-cpd",
      "wa-early-career",
    ],
  },
);
