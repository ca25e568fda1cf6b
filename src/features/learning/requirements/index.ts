import type { FastifyInstance } from "fastify";

/** The learning offer's requirements: routes, jobs and services (being built). */
export async function requirementsArea(_app: FastifyInstance): Promise<void> {}
