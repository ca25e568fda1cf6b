import { randomUUID } from "node:crypto";
import path from "node:path";
import formbody from "@fastify/formbody";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import pino, { type DestinationStream } from "pino";
import { appraisalFeature } from "./features/appraisal/index.js";
import { auditFeature } from "./features/audit/index.js";
import { authFeature } from "./features/auth/index.js";
import { caseloadsFeature } from "./features/caseloads/index.js";
import { cpdFeature } from "./features/cpd/index.js";
import { dataProtectionFeature } from "./features/data-protection/index.js";
import { earlyCareerFeature } from "./features/early-career/index.js";
import { homeFeature } from "./features/home/index.js";
import { learningFeature } from "./features/learning/index.js";
import { peopleFeature } from "./features/people/index.js";
import { performanceFeature } from "./features/performance/index.js";
import { supervisionFeature } from "./features/supervision/index.js";
import { systemFeature } from "./features/system/index.js";
import { workforceFeature } from "./features/workforce/index.js";
import { migrations } from "./migrations.js";
import { type Clock, systemClock } from "./platform/clock.js";
import { type Config, loadConfig } from "./platform/config.js";
import { type DatabaseHandle, openDatabase } from "./platform/db/connection.js";
import { migrateToLatest } from "./platform/db/migrate.js";
import { access } from "./platform/http/access.js";
import { errorPages } from "./platform/http/errors.js";
import { loggerOptions } from "./platform/http/logging.js";
import { securityHeaders } from "./platform/http/security.js";
import { sessions } from "./platform/http/session.js";
import "./platform/http/types.js";
import { views } from "./platform/http/views.js";
import type { EmailSender } from "./platform/outbox/email-sender.js";
import { projectRoot } from "./platform/paths.js";
import { createPlatform } from "./platform/platform.js";
import { uploads } from "./platform/uploads/uploads.js";

export interface BuildOptions {
  config?: Config;
  clock?: Clock;
  /** An open database (tests); the app then leaves closing it to the caller. */
  database?: DatabaseHandle;
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
  emailSender?: EmailSender | null;
  /** More template folders, searched after the app's own (tests' fixture pages). */
  extraViewPaths?: string[];
}

/**
 * Builds the app: ecosystem plugins, then ours in a fixed order, then features. Never listens
 * (server.ts does); tests call `app.inject()`.
 */
export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  const config = options.config ?? loadConfig();
  const clock = options.clock ?? systemClock;
  const logger = pino(loggerOptions(config) as pino.LoggerOptions, options.logStream ?? process.stdout);
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  });

  const database =
    options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  if (!options.database) app.addHook("onClose", () => database.close());
  await migrateToLatest(database.db, migrations);

  const platform = createPlatform({
    config,
    clock,
    database,
    log: app.log,
    ...(options.emailSender !== undefined ? { emailSender: options.emailSender } : {}),
  });
  await platform.tenants.ensureDefault(config.authorityName);
  app.decorate("platform", platform);
  app.addHook("onClose", () => platform.jobs.stop());
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  // Ecosystem plugins
  await app.register(fastifyStatic, {
    root: path.join(projectRoot, "public"),
    dotfiles: "ignore",
    prefix: "/assets/",
    maxAge: config.env === "production" ? "7d" : 0,
  });
  await app.register(formbody);
  await app.register(uploads, { maxBytes: config.uploadMaxBytes });
  await app.register(securityHeaders);
  await app.register(rateLimit, { global: false });
  await app.register(sessions, { config, clock, store: platform.sessionStore });
  // Ours, in order: views, then access (needs views for its 403 page), then error pages
  await app.register(views, {
    config,
    policy: platform.policy,
    navigation: platform.navigation,
    extraViewPaths: options.extraViewPaths ?? [],
  });
  await app.register(access, { policy: platform.policy, tenants: platform.tenants });
  await app.register(errorPages);

  // Features
  await app.register(homeFeature);
  await app.register(systemFeature);
  await app.register(peopleFeature);
  await app.register(authFeature);
  await app.register(learningFeature);
  await app.register(cpdFeature);
  await app.register(earlyCareerFeature);
  await app.register(supervisionFeature);
  await app.register(appraisalFeature);
  await app.register(caseloadsFeature);
  await app.register(workforceFeature);
  await app.register(performanceFeature);
  await app.register(auditFeature);
  await app.register(dataProtectionFeature);
  return app;
}
