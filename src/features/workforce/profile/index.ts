import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** The workforce profile: headcount, FTE, contracts, vacancies and cover, length of service, equality (HR). */
export const profileArea = fp(
  async (_app: FastifyInstance) => {
    // Routes are added by this area's pages.
  },
  { name: "wa-workforce-profile", dependencies: ["wa-people"] },
);
