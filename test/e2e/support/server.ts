import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import type { Config } from "../../../src/platform/config.js";

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  baseUrl: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Environment variables on top of process.env (e.g. { DEMO_MODE: "true" }). */
  env?: Record<string, string>;
  /** Config values that win over everything else. */
  config?: Partial<Config>;
}

/**
 * Starts the whole app on a free port of 127.0.0.1 for browser tests, on a throwaway in-memory
 * PGlite database (never DATABASE_URL from the environment, so a developer's database is safe).
 * Call `close()` in `afterAll`.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  // Imported lazily so that loading this helper does not load the app.
  const { buildApp } = await import("../../../src/app.js");
  const { loadConfig } = await import("../../../src/platform/config.js");

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...options.env,
  };
  const config: Config = {
    ...loadConfig(env),
    port: 0,
    host: "127.0.0.1",
    databaseUrl: undefined,
    dataDir: "memory://",
    secureCookies: false, // plain http on 127.0.0.1
    ...options.config,
  };

  const app = await buildApp({ config });
  try {
    await app.listen({ host: "127.0.0.1", port: 0 });
  } catch (err) {
    await app.close();
    throw err;
  }
  const address = app.server.address();
  if (address === null || typeof address === "string") {
    await app.close();
    throw new Error(`test server has no TCP address (${String(address)})`);
  }
  const { port } = address as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    close: () => app.close(),
  };
}
