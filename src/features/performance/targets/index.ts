import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Stub: the targets area's routes and services are registered here. */
export const targetsArea = fp(async (_app: FastifyInstance) => {}, { name: "wa-performance-targets" });
