import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Stub: the scorecard area's routes and services are registered here. */
export const scorecardArea = fp(async (_app: FastifyInstance) => {}, { name: "wa-performance-scorecard" });
