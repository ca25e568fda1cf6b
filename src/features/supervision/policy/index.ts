import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** The supervision policy area (to be built). */
export const policyArea = fp(async (_app: FastifyInstance) => {}, {
  name: "wa-supervision-policy",
  dependencies: ["wa-people"],
});
