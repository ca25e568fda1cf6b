import type { FastifyBaseLogger } from "fastify";
import { policy as defaultPolicy } from "./auth/policy.js";
import type { Policy } from "./auth/principal.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { DatabaseHandle } from "./db/connection.js";
import { DatabaseSessionStore } from "./http/session-store.js";
import { Navigation } from "./http/views.js";
import { JobRunner } from "./jobs/job-runner.js";
import { type EmailSender, NotifyEmailSender } from "./outbox/email-sender.js";
import { Outbox } from "./outbox/outbox.js";
import { DataAccess } from "./tenancy/data-access.js";
import { TenantDirectory } from "./tenancy/tenant-directory.js";

/** The building blocks every feature uses, made once per app and reached as `app.platform`. */
export interface Platform {
  config: Config;
  clock: Clock;
  database: DatabaseHandle;
  data: DataAccess;
  jobs: JobRunner;
  outbox: Outbox;
  tenants: TenantDirectory;
  policy: Policy;
  navigation: Navigation;
  sessionStore: DatabaseSessionStore;
}

export interface PlatformOptions {
  config: Config;
  clock: Clock;
  database: DatabaseHandle;
  log: FastifyBaseLogger;
  /** Overrides the sender chosen from configuration (GOV.UK Notify when NOTIFY_API_KEY is set). */
  emailSender?: EmailSender | null;
}

export function createPlatform(options: PlatformOptions): Platform {
  const { config, clock, database, log } = options;
  const db = database.db;
  const data = new DataAccess(db, clock);
  const sender =
    options.emailSender !== undefined
      ? options.emailSender
      : config.notifyApiKey && config.notifyTemplateId
        ? new NotifyEmailSender(config.notifyApiKey, config.notifyTemplateId, config.notifyBaseUrl)
        : null;
  const outbox = new Outbox(db, data, clock, sender);
  const jobs = new JobRunner(db, clock, log);
  const sessionStore = new DatabaseSessionStore(db, clock, config.sessionIdleMinutes, config.sessionSecret);

  jobs.define({
    name: "outbox.deliver",
    maxAttempts: 1,
    run: async (ctx) => {
      const tally = await outbox.deliverDue();
      if (tally.sent + tally.retrying + tally.failed > 0) ctx.log.info(tally, "outbox delivered");
    },
  });
  jobs.schedule("outbox.deliver", "* * * * *");
  jobs.define({
    name: "sessions.purge",
    maxAttempts: 1,
    run: async () => {
      await sessionStore.purgeExpired();
    },
  });
  jobs.schedule("sessions.purge", "17 * * * *");

  return {
    config,
    clock,
    database,
    data,
    jobs,
    outbox,
    tenants: new TenantDirectory(db),
    policy: defaultPolicy,
    navigation: new Navigation(),
    sessionStore,
  };
}

declare module "fastify" {
  interface FastifyInstance {
    platform: Platform;
  }
}
