import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Benchmarking against the DfE's published indicators, and the authority's settings. */
export const benchmarkingArea = fp(
  async (_app: FastifyInstance) => {
    // Routes are added by this area's pages.
  },
  { name: "wa-workforce-benchmarking", dependencies: ["wa-people"] },
);
