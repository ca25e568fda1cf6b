import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Recruitment: campaigns, applicants, stages, time to hire, the pipeline board. */
export const recruitmentArea = fp(
  async (_app: FastifyInstance) => {
    // Routes are added by this area's pages.
  },
  { name: "wa-workforce-recruitment", dependencies: ["wa-people"] },
);
