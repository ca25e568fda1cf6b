import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { benchmarkingArea } from "./benchmarking/index.js";
import { censusArea } from "./census/index.js";
import { feedsArea } from "./feeds/index.js";
import { forecastArea } from "./forecast/index.js";
import { hubRoutes } from "./hub/handlers.js";
import { leaversArea } from "./leavers/index.js";
import { measuresArea } from "./measures/index.js";
import { workforcePermissions } from "./permissions.js";
import { profileArea } from "./profile/index.js";
import { recruitmentArea } from "./recruitment/index.js";

/**
 * The workforce: its profile as at any date, the agency and absence feeds, starters and leavers
 * with stay conversations, the DfE's measures and census return, benchmarking against the
 * published indicators, recruitment and the forecast. Each area registers its own routes.
 */
export const workforceFeature = fp(
  async (app: FastifyInstance) => {
    app.platform.navigation.add({
      href: "/workforce",
      text: "Workforce",
      permission: workforcePermissions.view,
    });
    await app.register(hubRoutes);
    await app.register(feedsArea);
    await app.register(measuresArea);
    await app.register(profileArea);
    await app.register(leaversArea);
    await app.register(censusArea);
    await app.register(benchmarkingArea);
    await app.register(recruitmentArea);
    await app.register(forecastArea);
  },
  { name: "wa-workforce", dependencies: ["wa-people", "wa-caseloads", "wa-early-career"] },
);
