import type { FastifyInstance } from "fastify";

/** The learning offer's elearning: routes, jobs and services (being built). */
export async function elearningArea(_app: FastifyInstance): Promise<void> {}
