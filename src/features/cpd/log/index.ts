import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** The CPD log: entries, peer reflection, evidence, sharing, the 70:20:10 view. */
export const cpdLogArea = fp(async (_app: FastifyInstance) => {}, { name: "wa-cpd-log" });
