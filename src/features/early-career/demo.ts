import type { FastifyInstance } from "fastify";
import { seedDemoProtection } from "./dashboard/demo.js";
import { seedDemoEnrolments } from "./enrolments/demo.js";
import { seedDemoPortfolio } from "./portfolio/demo.js";
import { seedDemoProgrammes } from "./programmes/demo.js";
import { seedDemoReviews } from "./reviews/demo.js";

/**
 * The demo council's early career programme: the shipped templates set to Slough's targets, the
 * cohorts of its NQSWs since 2023 (past ones passed, for retention), their reviews, portfolios and
 * protection checks. After the learning offer (core training) and the demo users (the assessor
 * account's person assesses current NQSWs). Each step is idempotent, like every demo seed.
 */
export async function seedDemoEarlyCareer(app: FastifyInstance): Promise<void> {
  await seedDemoProgrammes(app);
  await seedDemoEnrolments(app);
  await seedDemoReviews(app);
  await seedDemoPortfolio(app);
  await seedDemoProtection(app);
}
