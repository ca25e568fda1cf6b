import type { FastifyServerOptions } from "fastify";
import type { Config } from "../config.js";

/** Paths pino replaces with "[Redacted]": credentials, cookies and anything a user typed. */
export const redactPaths = [
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  "req.body",
  "body",
  "password",
  "*.password",
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
];

/** An error for the log without values a database may quote back (pg's `detail` repeats row data). */
export function serializeError(err: unknown): {
  type: string;
  message: string;
  stack: string;
  code?: string;
} {
  if (!(err instanceof Error)) return { type: "Error", message: String(err), stack: "" };
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    message: err.message,
    stack: err.stack ?? "",
    ...(typeof code === "string" ? { code } : {}),
  };
}

export function loggerOptions(config: Config): FastifyServerOptions["logger"] {
  return {
    level: config.logLevel,
    redact: { paths: redactPaths, censor: "[Redacted]" },
    serializers: {
      err: serializeError,
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url.split("?")[0],
      }),
    },
  };
}
