import { buildApp } from "./app.js";
import { seedDemo } from "./demo.js";
import { ConfigError, loadConfig } from "./platform/config.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp({ config });
  if (config.demoMode) {
    // The demo authority and an account for each role, made on the first start only (src/demo.ts).
    await seedDemo(app);
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
