import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Social Work England readiness, the year's download, reminders and the register check. */
export const registrationArea = fp(async (_app: FastifyInstance) => {}, { name: "wa-cpd-registration" });
