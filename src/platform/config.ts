import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/**
 * Every setting the app reads, from environment variables, validated once at start.
 * Documented in README.md ("Configuration"); keep the two in step.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default("./data"),
  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  SECURE_COOKIES: bool.optional(),
  SERVICE_NAME: z.string().default("Workforce Academy"),
  AUTHORITY_NAME: z.string().default("Demo Borough Council"),
  PHASE: z.string().default("beta"),
  DEMO_MODE: bool.default(false),
  JOBS_ENABLED: bool.default(true),
  JOBS_POLL_MS: z.coerce.number().int().positive().default(5000),
  NOTIFY_API_KEY: z.string().optional(),
  NOTIFY_BASE_URL: z.string().url().optional(),
  NOTIFY_TEMPLATE_ID: z.string().uuid().optional(),
  OIDC_ISSUER_URL: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_PROVIDER_NAME: z.string().default("your council account"),
  OIDC_ALLOW_HTTP: bool.default(false),
  FEEDS_DIR: z.string().min(1).optional(),
  RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(6),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
});

export interface Config {
  env: "development" | "test" | "production";
  host: string;
  port: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** PostgreSQL server; when absent the embedded PGlite database under dataDir is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  secureCookies: boolean;
  serviceName: string;
  authorityName: string;
  phase: string;
  demoMode: boolean;
  jobsEnabled: boolean;
  jobsPollMs: number;
  notifyApiKey: string | undefined;
  notifyBaseUrl: string | undefined;
  /** The Notify email template whose subject is ((subject)) and body ((body)). */
  notifyTemplateId: string | undefined;
  uploadMaxBytes: number;
  /** Where feed files are dropped for the job runner to import (`<dir>/<tenant slug>/<source folder>/`); unset: off. */
  feedsDir: string | undefined;
  /** Leavers' identifying details are removed this many years after they leave. */
  retentionYears: number;
  /** Single sign-on with OpenID Connect (e.g. Microsoft Entra ID); off unless issuer and client are set. */
  oidc: {
    issuerUrl: string;
    clientId: string;
    clientSecret: string | undefined;
    providerName: string;
    allowHttp: boolean;
  } | null;
}

export class ConfigError extends Error {}

const DEVELOPMENT_SECRET = "development-only-secret-not-for-production-use";

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === "production" && !e.SESSION_SECRET) {
    throw new ConfigError(
      "Invalid configuration:\n  SESSION_SECRET: required in production (32+ characters)",
    );
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    sessionSecret: e.SESSION_SECRET ?? DEVELOPMENT_SECRET,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    secureCookies: e.SECURE_COOKIES ?? e.NODE_ENV === "production",
    serviceName: e.SERVICE_NAME,
    authorityName: e.AUTHORITY_NAME,
    phase: e.PHASE,
    demoMode: e.DEMO_MODE,
    jobsEnabled: e.JOBS_ENABLED,
    jobsPollMs: e.JOBS_POLL_MS,
    notifyApiKey: e.NOTIFY_API_KEY,
    notifyBaseUrl: e.NOTIFY_BASE_URL,
    notifyTemplateId: e.NOTIFY_TEMPLATE_ID,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    retentionYears: e.RETENTION_YEARS,
    feedsDir: e.FEEDS_DIR,
    oidc:
      e.OIDC_ISSUER_URL && e.OIDC_CLIENT_ID
        ? {
            issuerUrl: e.OIDC_ISSUER_URL,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            providerName: e.OIDC_PROVIDER_NAME,
            allowHttp: e.OIDC_ALLOW_HTTP,
          }
        : null,
  };
}
