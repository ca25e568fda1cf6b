import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { RuleError } from "../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../platform/http/notice.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import { datePartsInput } from "../../../people/pages/date-input.js";
import { type EnrolmentRelation, type ReachedEnrolment, reachEnrolment } from "../../enrolment-access.js";
import { enrolmentHref, notFound, ruleErrorState } from "../../pages-shared.js";
import type { Judgement, MilestoneKind } from "../../schema.js";
import type { EarlyCareerReviewsService } from "../reviews.service.js";

/** The helpers every early-career page folder shares. */
export * from "../../pages-shared.js";

export interface PageOptions {
  reviews: EarlyCareerReviewsService;
}

/** A GOV.UK date input's three parts, read leniently (checked with checkDateParts in a transform). */
export const dateParts = datePartsInput;

/** Any body: for POSTs whose only field is the CSRF token, or that the handler validates itself. */
export const anyForm = z.record(z.string(), z.unknown());

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

type EnrolmentRequest = FastifyRequest<{ Params: { enrolmentId: string } }>;

/** The enrolment in the URL if the viewer reaches it, with its page's data from `load`; null for a 404. */
export async function enrolmentPage<P>(
  app: FastifyInstance,
  request: EnrolmentRequest,
  load: (ctx: TenantContext, enrolmentId: string) => Promise<P | null | undefined>,
): Promise<{ enrolment: ReachedEnrolment; relation: EnrolmentRelation; page: P } | null> {
  const reached = await reachEnrolment(app, request, request.params.enrolmentId);
  if (!reached) return null;
  const page = await load(request.tenantContext(), reached.enrolment.id);
  return page ? { ...reached, page } : null;
}

/** What every enrolment page here shows first: its title, the way back, the notice, the form. */
export function enrolmentPageView(
  request: FastifyRequest,
  enrolment: { id: string; personName: string },
  title: string,
  form: FormState | null,
) {
  return {
    pageTitle: `${title}: ${enrolment.personName}`,
    backHref: enrolmentHref(enrolment.id),
    notification: takeNotice(request),
    personName: enrolment.personName,
    errors: form?.errors ?? {},
    errorSummary: form?.errorSummary ?? [],
    values: form?.values ?? {},
  };
}

/**
 * A POST recording something on the enrolment in the URL (404 if not reached): the form again with
 * its errors or the service's RuleError, else the notice and back to the enrolment's `page`.
 */
export async function recordOnEnrolment<T>(
  app: FastifyInstance,
  request: EnrolmentRequest,
  reply: FastifyReply,
  how: {
    render: (form: FormState) => Promise<unknown>;
    record: (ctx: TenantContext, enrolmentId: string, data: T) => Promise<unknown>;
    notice: (data: T) => string;
    page: string;
  },
) {
  const reached = await reachEnrolment(app, request, request.params.enrolmentId);
  if (!reached) return notFound(reply);
  const result = request.formResult as FormResult<T>;
  if (!result.ok) return how.render(result);
  try {
    await how.record(request.tenantContext(), reached.enrolment.id, result.data);
  } catch (err) {
    if (!(err instanceof RuleError)) throw err;
    return how.render(ruleErrorState(err, request.body));
  }
  setNotice(request, how.notice(result.data));
  return reply.redirect(`${enrolmentHref(reached.enrolment.id)}/${how.page}`, 303);
}
