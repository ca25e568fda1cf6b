import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { boardRoutes } from "./handlers.js";

/**
 * The board report (`/performance/board`): the council's scorecard, trends, action plan and
 * commentary for a month, printable, and its XLSX pack. Council-wide viewers only.
 */
export const boardArea = fp(
  async (app: FastifyInstance) => {
    await app.register(boardRoutes);
  },
  { name: "wa-performance-board" },
);
