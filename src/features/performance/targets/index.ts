import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { performancePermissions } from "../permissions.js";
import { ownersRoutes } from "./pages/owners.js";
import { targetsRoutes } from "./pages/targets.js";
import { TargetsService } from "./targets.service.js";

/** Targets per measure and unit (effective-dated, with RAG thresholds) and measure owners. */
export const targetsArea = fp(
  async (app: FastifyInstance) => {
    const targets = new TargetsService(
      app.platform.data,
      app.platform.clock,
      app.performance,
      app.platform.policy.rolesWith(performancePermissions.view),
    );
    await app.register(targetsRoutes, { targets });
    await app.register(ownersRoutes, { targets });
  },
  { name: "wa-performance-targets" },
);
