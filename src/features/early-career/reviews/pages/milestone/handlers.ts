import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type FormState, validateForm } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import { type EnrolmentRelation, type ReachedEnrolment, reachEnrolment } from "../../../enrolment-access.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import { judgements } from "../../../schema.js";
import { recordedKinds } from "../../reviews.service.js";
import {
  anyForm,
  dateText,
  enrolmentHref,
  forbidden,
  judgementNames,
  judgementTags,
  kindNames,
  milestoneHref,
  milestoneStatus,
  notFound,
  type PageOptions,
  ruleErrorState,
} from "../shared.js";
import { agreementForm, milestoneFields, reviewForm } from "./schema.js";

type Params = { enrolmentId: string; milestoneId: string };
type Loaded = NonNullable<Awaited<ReturnType<PageOptions["reviews"]["milestone"]>>>;

/**
 * `/early-career/enrolments/:enrolmentId/milestones/:milestoneId`: a milestone, its review or
 * support and assessment agreement (recorded by the assessor or the co-ordinator), and the NQSW's
 * and line manager's confirmations (`.../confirm`).
 */
export async function milestoneRoutes(app: FastifyInstance, opts: PageOptions) {
  const { reviews } = opts;

  async function load(request: FastifyRequest<{ Params: Params }>) {
    const { enrolmentId, milestoneId } = request.params;
    const reached = await reachEnrolment(app, request, enrolmentId);
    if (!reached || !isUuid(milestoneId)) return undefined;
    const loaded = await reviews.milestone(request.tenantContext(), reached.enrolment.id, milestoneId);
    return loaded ? { ...reached, ...loaded } : undefined;
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { enrolment: ReachedEnrolment; relation: EnrolmentRelation } & Loaded,
    form: FormState | null,
  ) {
    const { enrolment, relation, milestone: m, review } = page;
    const today = reviews.today();
    const recordable = (recordedKinds as readonly string[]).includes(m.kind);
    const agreement = m.kind === "agreement";
    const locked = Boolean(review?.nqswConfirmedOn && review.managerConfirmedOn);
    const values: Record<string, unknown> =
      form?.values ??
      (review
        ? {
            ...dateInputValues("held_on", review.heldOn),
            judgement: review.judgement,
            evidence_seen: review.evidenceSeen ?? "",
            action_plan: review.actionPlan ?? "",
          }
        : {});
    const errors = form?.errors ?? {};
    const lineManagerName = await reviews.personName(request.tenantContext(), enrolment.lineManagerPersonId);
    const href = milestoneHref(enrolment.id, m.id);
    return reply
      .code(form?.errorSummary?.length ? 400 : 200)
      .render("early-career/reviews/pages/milestone/view.njk", {
        pageTitle: `${m.name}: ${enrolment.personName}`,
        backHref: enrolmentHref(enrolment.id),
        notification: takeNotice(request),
        errors,
        errorSummary: form?.errorSummary ?? [],
        values,
        href,
        personName: enrolment.personName,
        milestone: {
          name: m.name,
          kind: kindNames[m.kind],
          due: dateText(m.dueOn),
          completed: m.completedOn ? dateText(m.completedOn) : null,
          status: milestoneStatus(m, today),
          optional: m.optional,
        },
        agreement,
        recordable,
        portfolioHref: `${enrolmentHref(enrolment.id)}/portfolio`,
        review: review
          ? {
              held: dateText(review.heldOn),
              judgement: review.judgement ? judgementNames[review.judgement] : null,
              judgementTag: review.judgement ? judgementTags[review.judgement] : null,
              evidenceSeen: review.evidenceSeen,
              actionPlan: review.actionPlan,
              recordedBy: review.recordedByName,
              nqswConfirmed: review.nqswConfirmedOn ? dateText(review.nqswConfirmedOn) : null,
              managerConfirmed: review.managerConfirmedOn ? dateText(review.managerConfirmedOn) : null,
              managerConfirmedBy: review.managerConfirmedByName,
            }
          : null,
        lineManagerName,
        locked,
        canRecord: recordable && relation.canAssess && !locked && enrolment.status === "active",
        canConfirm: Boolean(
          review &&
            ((relation.self && !review.nqswConfirmedOn) ||
              (relation.lineManager && !review.managerConfirmedOn)),
        ),
        judgementItems: judgements.map((j, i) => ({
          value: j,
          text: judgementNames[j],
          ...(i === 0 ? { id: "judgement" } : {}),
          checked: values.judgement === j,
        })),
      });
  }

  app.get<{ Params: Params }>(
    "/early-career/enrolments/:enrolmentId/milestones/:milestoneId",
    { config: { permission: earlyCareerPermissions.view } },
    async (request, reply) => {
      const page = await load(request);
      if (!page) return notFound(reply);
      return render(request, reply, page, null);
    },
  );

  app.post<{ Params: Params }>(
    "/early-career/enrolments/:enrolmentId/milestones/:milestoneId",
    { config: { permission: earlyCareerPermissions.assess, form: milestoneFields } },
    async (request, reply) => {
      const page = await load(request);
      if (!page) return notFound(reply);
      if (!page.relation.canAssess) return forbidden(reply);
      const { milestone: m } = page;
      if (!(recordedKinds as readonly string[]).includes(m.kind)) {
        const message = "This milestone is completed from the portfolio, not recorded here";
        return render(request, reply, page, {
          values: {},
          errors: { confirm: message },
          errorSummary: [{ text: message, href: "#confirm" }],
        });
      }
      const result = validateForm(m.kind === "agreement" ? agreementForm : reviewForm, request.body);
      if (!result.ok) return render(request, reply, page, result);
      try {
        await reviews.recordReview(request.tenantContext(), page.enrolment.id, m.id, result.data, {
          personId: request.principal?.personId ?? null,
        });
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, page, ruleErrorState(err, request.body));
      }
      setNotice(request, m.kind === "agreement" ? "Agreement recorded" : "Review recorded");
      return reply.redirect(milestoneHref(page.enrolment.id, m.id), 303);
    },
  );

  app.post<{ Params: Params }>(
    "/early-career/enrolments/:enrolmentId/milestones/:milestoneId/confirm",
    { config: { permission: earlyCareerPermissions.view, form: anyForm } },
    async (request, reply) => {
      const page = await load(request);
      if (!page) return notFound(reply);
      const { relation, enrolment, milestone: m } = page;
      if (!relation.self && !relation.lineManager) return forbidden(reply);
      const me = request.principal?.personId ?? null;
      const done = await reviews.confirmReview(request.tenantContext(), enrolment.id, m.id, {
        nqsw: relation.self,
        managerPersonId: relation.lineManager ? me : null,
      });
      if (!done) {
        return render(request, reply, page, {
          values: {},
          errors: { confirm: "There is nothing to confirm yet: the review has not been recorded" },
          errorSummary: [
            { text: "There is nothing to confirm yet: the review has not been recorded", href: "#confirm" },
          ],
        });
      }
      setNotice(request, "You have confirmed the review");
      return reply.redirect(milestoneHref(enrolment.id, m.id), 303);
    },
  );
}
