import type { FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { buildApp } from "../../src/app.js";
import type { Principal } from "../../src/platform/auth/principal.js";
import { TestClock } from "../../src/platform/clock.js";
import { loadConfig } from "../../src/platform/config.js";
import type { DatabaseHandle } from "../../src/platform/db/connection.js";
import type { EmailSender } from "../../src/platform/outbox/email-sender.js";
import { openTestDatabase } from "./database.js";
import { notesViewsDir } from "./notes-fixture.js";

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  clock: TestClock;
  tenantId: string;
  /** A cookie header for a signed-in session as this principal (roles default to none). */
  signIn(principal?: Partial<Principal>): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  emailSender?: EmailSender | null;
  logStream?: DestinationStream;
  extraViewPaths?: string[];
  /** Lets a test add routes before the app is ready. */
  beforeReady?: (app: FastifyInstance) => Promise<void> | void;
}

/** The whole app on a fresh test database, with a clock the test moves. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const clock = new TestClock("2026-11-23T09:00:00Z");
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    AUTHORITY_NAME: "Test Borough Council",
    ...options.env,
  });
  const app = await buildApp({
    config,
    clock,
    database,
    emailSender: options.emailSender ?? null,
    ...(options.logStream ? { logStream: options.logStream } : {}),
    extraViewPaths: options.extraViewPaths ?? [notesViewsDir],
  });
  await options.beforeReady?.(app);
  await app.ready();
  const tenantId = app.platform.tenants.forHost("localhost").id;
  return {
    app,
    database,
    clock,
    tenantId,
    signIn: (principal = {}) =>
      app.platform.sessionStore.openSessionFor({
        userId: "00000000-0000-4000-8000-000000000001",
        displayName: "Test User",
        roles: [],
        tenantId,
        ...principal,
      }),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
