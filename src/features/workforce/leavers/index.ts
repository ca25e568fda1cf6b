import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Starters and leavers, leaving reasons and destinations, exit themes, stay conversations. */
export const leaversArea = fp(
  async (_app: FastifyInstance) => {
    // Routes are added by this area's pages.
  },
  { name: "wa-workforce-leavers", dependencies: ["wa-people"] },
);
