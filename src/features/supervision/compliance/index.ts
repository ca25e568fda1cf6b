import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** The supervision compliance area (to be built). */
export const complianceArea = fp(async (_app: FastifyInstance) => {}, {
  name: "wa-supervision-compliance",
  dependencies: ["wa-people"],
});
