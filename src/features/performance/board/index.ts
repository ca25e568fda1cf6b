import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Stub: the board area's routes and services are registered here. */
export const boardArea = fp(async (_app: FastifyInstance) => {}, { name: "wa-performance-board" });
