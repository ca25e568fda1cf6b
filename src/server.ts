import { buildApp } from "./app.js";
import { seedDemoAppraisal } from "./features/appraisal/demo.js";
import { seedDemoUsers } from "./features/auth/demo-users.js";
import { seedDemoCaseloads } from "./features/caseloads/demo.js";
import { seedDemoCpd } from "./features/cpd/demo.js";
import { seedDemoEarlyCareer } from "./features/early-career/demo.js";
import { seedDemoLearning } from "./features/learning/demo/seed.js";
import { seedDemoIfEmpty } from "./features/people/demo/seed-demo.js";
import { seedDemoSupervisionObservations } from "./features/supervision/observations/demo.js";
import { seedDemoSupervisionPolicy } from "./features/supervision/policy/demo.js";
import { seedDemoSupervisionRecords } from "./features/supervision/records/demo.js";
import { seedDemoBenchmarking } from "./features/workforce/benchmarking/demo.js";
import { seedDemoCensus } from "./features/workforce/census/demo.js";
import { seedDemoWorkforceFeeds } from "./features/workforce/feeds/demo.js";
import { seedDemoForecast } from "./features/workforce/forecast/demo.js";
import { seedDemoStayConversations } from "./features/workforce/leavers/demo.js";
import { seedDemoRecruitment } from "./features/workforce/recruitment/demo.js";
import { ConfigError, loadConfig } from "./platform/config.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp({ config });
  if (config.demoMode) {
    // The demo authority and an account for each role, made on the first start only.
    await seedDemoIfEmpty(app);
    await seedDemoUsers(app);
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
  }
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void close("SIGTERM"));
  process.on("SIGINT", () => void close("SIGINT"));
  await app.listen({ host: config.host, port: config.port });
  if (config.jobsEnabled) app.platform.jobs.start(config.jobsPollMs);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
