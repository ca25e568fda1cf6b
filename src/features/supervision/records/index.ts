import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** The supervision records area (to be built). */
export const recordsArea = fp(async (_app: FastifyInstance) => {}, {
  name: "wa-supervision-records",
  dependencies: ["wa-people"],
});
