import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** The census return: specifications as data, XML, the pre-submission report. */
export const censusArea = fp(
  async (_app: FastifyInstance) => {
    // Routes are added by this area's pages.
  },
  { name: "wa-workforce-census", dependencies: ["wa-people"] },
);
