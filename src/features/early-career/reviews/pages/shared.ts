import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { FormState } from "../../../../platform/forms/form.js";
import { type RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { formatDate } from "../../../../platform/views/render.js";
import type { Judgement, MilestoneKind } from "../../schema.js";
import type { EarlyCareerReviewsService } from "../reviews.service.js";

export interface PageOptions {
  reviews: EarlyCareerReviewsService;
}

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export function forbidden(reply: FastifyReply): FastifyReply {
  return reply.code(403).render("errors/403.njk");
}

export const dateText = (value: unknown): string => formatDate(value, false);

/** A text field that reads a missing field as empty. */
export const text = z.preprocess(
  (v) => (v === undefined || v === null ? "" : Array.isArray(v) ? String(v[0] ?? "") : v),
  z.string().trim(),
);

/** A GOV.UK date input's three parts, read leniently (checked with checkDateParts in a transform). */
export const dateParts = z
  .unknown()
  .optional()
  .transform((v) => {
    const r = typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
    const part = (k: string) => (typeof r[k] === "string" ? (r[k] as string).trim() : "");
    return { day: part("day"), month: part("month"), year: part("year") };
  });

/** Any body: for POSTs whose only field is the CSRF token, or that the handler validates itself. */
export const anyForm = z.record(z.string(), z.unknown());

export const enrolmentHref = (enrolmentId: string) => `/early-career/enrolments/${enrolmentId}`;
export const milestoneHref = (enrolmentId: string, milestoneId: string) =>
  `${enrolmentHref(enrolmentId)}/milestones/${milestoneId}`;
export const progressionHref = (progressionId: string) => `/early-career/progression/${progressionId}`;

export const judgementNames: Record<Judgement, string> = {
  on_track: "On track",
  some_concerns: "Some concerns",
  not_on_track: "Not on track",
};

/** Tag classes: the text carries the meaning, the colour only repeats it. */
export const judgementTags: Record<Judgement, string> = {
  on_track: "govuk-tag--green",
  some_concerns: "govuk-tag--yellow",
  not_on_track: "govuk-tag--red",
};

export const kindNames: Record<MilestoneKind, string> = {
  agreement: "Support and assessment agreement",
  review: "Review",
  final_review: "Final review",
  portfolio: "Portfolio submission",
  panel: "Internal moderation panel",
};

/** A milestone's status as a tag. */
export function milestoneStatus(
  m: { dueOn: string; completedOn: string | null; optional: boolean },
  today: string,
) {
  if (m.completedOn) return { text: "Completed", classes: "govuk-tag--green" };
  if (m.dueOn < today)
    return { text: m.optional ? "Optional: not held" : "Overdue", classes: "govuk-tag--red" };
  return { text: m.optional ? "Optional" : "Not yet due", classes: "govuk-tag--grey" };
}

/** An error from the service shown like a validation error, with what was typed. */
export function ruleErrorState(err: RuleError, body: unknown): FormState {
  const values = typeof body === "object" && body !== null ? { ...(body as Record<string, unknown>) } : {};
  delete values._csrf;
  return { values, ...ruleErrorView(err) };
}
