import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { benchmarkRoutes } from "./pages/benchmark/handlers.js";
import { indicatorsRoutes } from "./pages/indicators/handlers.js";
import { settingsRoutes } from "./pages/settings/handlers.js";

/** Benchmarking against the DfE's published indicators, and the authority's settings. */
export const benchmarkingArea = fp(
  async (app: FastifyInstance) => {
    await app.register(benchmarkRoutes);
    await app.register(indicatorsRoutes);
    await app.register(settingsRoutes);
  },
  { name: "wa-workforce-benchmarking", dependencies: ["wa-people"] },
);
