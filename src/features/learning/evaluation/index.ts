import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Evaluation of learning after attendance, the 3-month follow-up, and the reports. */
export const evaluationArea = fp(async (_app: FastifyInstance) => {}, { name: "wa-learning-evaluation" });
