import type { FastifyInstance } from "fastify";

/** The learning offer's sessions: routes, jobs and services (being built). */
export async function sessionsArea(_app: FastifyInstance): Promise<void> {}
