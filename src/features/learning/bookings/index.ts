import type { FastifyInstance } from "fastify";

/** The learning offer's bookings: routes, jobs and services (being built). */
export async function bookingsArea(_app: FastifyInstance): Promise<void> {}
