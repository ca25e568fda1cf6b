import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Stub: the entries area's routes and services are registered here. */
export const entriesArea = fp(async (_app: FastifyInstance) => {}, { name: "wa-performance-entries" });
