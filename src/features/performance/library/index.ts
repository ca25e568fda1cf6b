import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Stub: the library area's routes and services are registered here. */
export const libraryArea = fp(async (_app: FastifyInstance) => {}, { name: "wa-performance-library" });
