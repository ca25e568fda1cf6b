import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { commentaryRoutes } from "./pages/commentary/handlers.js";
import { measureRoutes } from "./pages/measure/handlers.js";
import { scorecardRoutes } from "./pages/scorecard/handlers.js";

/**
 * The scorecard (`/performance`): every measure for a unit and month with its target, RAG and
 * trend; a measure's page with its trend chart, the drill-down to the units below and the
 * month's commentary, which the measure's owner writes.
 */
export const scorecardArea = fp(
  async (app: FastifyInstance) => {
    await app.register(scorecardRoutes);
    await app.register(measureRoutes);
    await app.register(commentaryRoutes);
  },
  { name: "wa-performance-scorecard" },
);
