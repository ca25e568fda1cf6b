import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** The learning needs analysis: needs per person, the analysis against planned places. */
export const needsArea = fp(async (_app: FastifyInstance) => {}, { name: "wa-learning-needs" });
