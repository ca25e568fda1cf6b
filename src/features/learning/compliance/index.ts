import type { FastifyInstance } from "fastify";

/** The learning offer's compliance: routes, jobs and services (being built). */
export async function complianceArea(_app: FastifyInstance): Promise<void> {}
