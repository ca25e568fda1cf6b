import type { FastifyInstance } from "fastify";
import { seedDemoCpdLog } from "./log/demo.js";
import { seedDemoRegistration } from "./registration/demo.js";

/**
 * The demo council's CPD: three registration years of entries for its social workers, then
 * register checks. After the demo users (the practitioner's own log is set up to be one entry
 * short of meeting this year's renewal), and idempotent like every demo seed.
 */
export async function seedDemoCpd(app: FastifyInstance): Promise<void> {
  await seedDemoCpdLog(app);
  await seedDemoRegistration(app);
}
