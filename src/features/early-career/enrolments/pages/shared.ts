import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { FormState } from "../../../../platform/forms/form.js";
import { type RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { isUuid } from "../../../../platform/http/request-helpers.js";
import { formatDate } from "../../../../platform/views/render.js";
import type { EarlyCareerEnrolmentsService } from "../enrolments.service.js";

export interface PageOptions {
  enrolments: EarlyCareerEnrolmentsService;
}

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export function forbidden(reply: FastifyReply): FastifyReply {
  return reply.code(403).render("errors/403.njk");
}

export const dateText = (value: unknown): string => formatDate(value, false);

/** A text field that reads a missing field as empty (the first value if sent twice). */
export const text = z.preprocess(
  (v) => (v === undefined || v === null ? "" : Array.isArray(v) ? String(v[0] ?? "") : v),
  z.string().trim(),
);

/** A select of ids: empty -> null; anything but a UUID is refused with the message. */
export const optionalId = (message: string) =>
  text.pipe(
    z
      .string()
      .refine((v) => v === "" || isUuid(v), message)
      .transform((v) => v || null),
  );

export const requiredId = (message: string) => text.pipe(z.string().refine((v) => isUuid(v), message));

/** FTE as typed: 0.1 to 1, up to 3 decimal places ("0.6", "1"). */
export function fteOf(value: string): number | null {
  if (!/^(0(\.\d{1,3})?|1(\.0{1,3})?|\.\d{1,3})$/.test(value)) return null;
  const n = Number(value);
  return n >= 0.1 && n <= 1 ? n : null;
}

/** A service's RuleError shown like a validation error, with what was typed. */
export function ruleErrorState(err: RuleError, body: unknown): FormState {
  const values = typeof body === "object" && body !== null ? { ...(body as Record<string, unknown>) } : {};
  delete values._csrf;
  return { values, ...ruleErrorView(err) };
}

export const enrolmentHref = (enrolmentId: string) => `/early-career/enrolments/${enrolmentId}`;
export const cohortHref = (cohortId: string) => `/early-career/cohorts/${cohortId}`;

/** Select items with an empty first choice. */
export function selectItems(
  choices: Array<{ id: string; text: string }>,
  selected: unknown,
  empty: string,
): Array<{ value: string; text: string; selected?: boolean }> {
  return [
    { value: "", text: empty },
    ...choices.map((c) => ({ value: c.id, text: c.text, selected: c.id === selected })),
  ];
}
