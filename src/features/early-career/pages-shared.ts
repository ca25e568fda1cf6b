import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { FormState } from "../../platform/forms/form.js";
import { type RuleError, ruleErrorView } from "../../platform/forms/rule-error.js";
import { formatDate } from "../../platform/views/render.js";

/** Helpers the early-career page folders share. */

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

/** The viewer sees the page's subject but may not do this. */
export function forbidden(reply: FastifyReply): FastifyReply {
  return reply.code(403).render("errors/403.njk");
}

export const dateText = (value: unknown): string => formatDate(value, false);

/** A text field that reads a missing field as empty (the first value if sent twice). */
export const text = z.preprocess(
  (v) => (v === undefined || v === null ? "" : Array.isArray(v) ? String(v[0] ?? "") : v),
  z.string().trim(),
);

export const enrolmentHref = (enrolmentId: string) => `/early-career/enrolments/${enrolmentId}`;

/** A service's RuleError shown like a validation error, with what was typed (less the CSRF token and `omit`). */
export function ruleErrorState(err: RuleError, body: unknown, omit: string[] = []): FormState {
  const values = typeof body === "object" && body !== null ? { ...(body as Record<string, unknown>) } : {};
  delete values._csrf;
  for (const key of omit) delete values[key];
  return { values, ...ruleErrorView(err) };
}
