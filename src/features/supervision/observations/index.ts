import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** The supervision observations area (to be built). */
export const observationsArea = fp(async (_app: FastifyInstance) => {}, {
  name: "wa-supervision-observations",
  dependencies: ["wa-people"],
});
