import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** The DfE's measures from census worker records, and the job roles' DfE mapping. */
export const measuresArea = fp(
  async (_app: FastifyInstance) => {
    // Routes are added by this area's pages.
  },
  { name: "wa-workforce-measures", dependencies: ["wa-people"] },
);
