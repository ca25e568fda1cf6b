import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Stub: the plans area's routes and services are registered here. */
export const plansArea = fp(async (_app: FastifyInstance) => {}, { name: "wa-performance-plans" });
