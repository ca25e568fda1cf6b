import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Feeds: agency placements from the managed service provider, sickness absence from HR, stability. */
export const feedsArea = fp(
  async (_app: FastifyInstance) => {
    // Routes are added by this area's pages.
  },
  { name: "wa-workforce-feeds", dependencies: ["wa-people"] },
);
