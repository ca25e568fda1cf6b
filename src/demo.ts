import type { FastifyInstance } from "fastify";
import { seedDemoAppraisal } from "./features/appraisal/demo.js";
import { seedDemoUsers } from "./features/auth/demo-users.js";
import { seedDemoCaseloads } from "./features/caseloads/demo.js";
import { seedDemoCpd } from "./features/cpd/demo.js";
import { seedDemoEarlyCareer } from "./features/early-career/demo.js";
import { seedDemoLearning } from "./features/learning/demo/seed.js";
import { seedDemoIfEmpty } from "./features/people/demo/seed-demo.js";
import { seedDemoStudents } from "./features/people/demo/students.js";
import { seedDemoPerformanceEntries } from "./features/performance/entries/demo.js";
import { seedDemoSnapshots } from "./features/performance/library/demo.js";
import { seedDemoActionPlans } from "./features/performance/plans/demo.js";
import { seedDemoCommentary } from "./features/performance/scorecard/demo.js";
import { seedDemoPerformanceTargets } from "./features/performance/targets/demo.js";
import { seedDemoSupervisionObservations } from "./features/supervision/observations/demo.js";
import { seedDemoSupervisionPolicy } from "./features/supervision/policy/demo.js";
import { seedDemoSupervisionRecords } from "./features/supervision/records/demo.js";
import { seedDemoBenchmarking } from "./features/workforce/benchmarking/demo.js";
import { seedDemoCensus } from "./features/workforce/census/demo.js";
import { seedDemoWorkforceFeeds } from "./features/workforce/feeds/demo.js";
import { seedDemoForecast } from "./features/workforce/forecast/demo.js";
import { seedDemoStayConversations } from "./features/workforce/leavers/demo.js";
import { seedDemoRecruitment } from "./features/workforce/recruitment/demo.js";

/**
 * The demo authority (DEMO_MODE): its people and an account for each role, then each feature's
 * records in the order they depend on one another. Made on the first start only: each seed does
 * nothing for a council it has already seeded. The performance snapshots come last, as they
 * read every other feature's data for the 12 month ends before today.
 */
export async function seedDemo(app: FastifyInstance): Promise<void> {
  await seedDemoIfEmpty(app);
  await seedDemoUsers(app);
  await seedDemoStudents(app);
  await seedDemoLearning(app);
  await seedDemoCpd(app);
  await seedDemoEarlyCareer(app);
  await seedDemoSupervisionPolicy(app);
  await seedDemoSupervisionRecords(app);
  await seedDemoSupervisionObservations(app);
  await seedDemoAppraisal(app);
  await seedDemoCaseloads(app);
  await seedDemoWorkforceFeeds(app);
  await seedDemoCensus(app);
  await seedDemoBenchmarking(app);
  await seedDemoStayConversations(app);
  await seedDemoRecruitment(app);
  await seedDemoForecast(app);
  await seedDemoActionPlans(app);
  await seedDemoPerformanceTargets(app);
  await seedDemoPerformanceEntries(app);
  await seedDemoSnapshots(app);
  await seedDemoCommentary(app);
}
