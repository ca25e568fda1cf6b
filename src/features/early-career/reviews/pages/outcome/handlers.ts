import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { reachEnrolment } from "../../../enrolment-access.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import {
  dateText,
  enrolmentHref,
  judgementNames,
  notFound,
  type PageOptions,
  progressionHref,
  ruleErrorState,
} from "../shared.js";
import { type OutcomeForm, outcomeForm } from "./schema.js";

type Params = { enrolmentId: string };

const statusNames = { active: "Under way", passed: "Passed", failed: "Failed", withdrawn: "Withdrawn" };
const panelNames = { endorsed: "Endorsed", not_endorsed: "Not endorsed", deferred: "Deferred" };

/**
 * `/early-career/enrolments/:enrolmentId/outcome`: the programme's pass or fail. Everyone who
 * reaches the enrolment sees it; the co-ordinator records it. A pass raises the HR action.
 */
export async function outcomeRoutes(app: FastifyInstance, opts: PageOptions) {
  const { reviews } = opts;

  async function render(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    form: FormState | null,
  ) {
    const reached = await reachEnrolment(app, request, request.params.enrolmentId);
    if (!reached) return notFound(reply);
    const { enrolment, relation } = reached;
    const page = await reviews.outcome(request.tenantContext(), enrolment.id);
    if (!page) return notFound(reply);
    const e = page.enrolment;
    const values = form?.values ?? {};
    return reply
      .code(form?.errorSummary?.length ? 400 : 200)
      .render("early-career/reviews/pages/outcome/view.njk", {
        pageTitle: `Outcome: ${enrolment.personName}`,
        backHref: enrolmentHref(enrolment.id),
        notification: takeNotice(request),
        personName: enrolment.personName,
        errors: form?.errors ?? {},
        errorSummary: form?.errorSummary ?? [],
        values,
        status: statusNames[e.status],
        outcomeOn: e.outcomeOn ? dateText(e.outcomeOn) : null,
        finalReview: page.finalReview
          ? {
              held: dateText(page.finalReview.heldOn),
              judgement: page.finalReview.judgement ? judgementNames[page.finalReview.judgement] : null,
            }
          : null,
        panel: e.panelDecision
          ? { decision: panelNames[e.panelDecision], on: e.panelOn ? dateText(e.panelOn) : null }
          : null,
        portfolioHref: `${enrolmentHref(enrolment.id)}/portfolio`,
        extensionsHref: `${enrolmentHref(enrolment.id)}/extensions`,
        progression: page.progression
          ? {
              href: progressionHref(page.progression.id),
              toLevel: page.progression.toCareerLevelName,
              payPoint: page.progression.payPoint,
              effective: dateText(page.progression.effectiveOn),
              confirmed: page.progression.confirmedOn ? dateText(page.progression.confirmedOn) : null,
              source: page.progression.confirmedSource === "feed" ? "the HR feed" : "HR",
            }
          : null,
        canRecord: relation.coordinator && e.status === "active",
        resultItems: [
          { value: "pass", text: "Pass", id: "result", checked: values.result === "pass" },
          { value: "fail", text: "Fail", checked: values.result === "fail" },
        ],
      });
  }

  app.get<{ Params: Params }>(
    "/early-career/enrolments/:enrolmentId/outcome",
    { config: { permission: earlyCareerPermissions.view } },
    (request, reply) => render(request, reply, null),
  );

  app.post<{ Params: Params }>(
    "/early-career/enrolments/:enrolmentId/outcome",
    { config: { permission: earlyCareerPermissions.manage, form: outcomeForm } },
    async (request, reply) => {
      const reached = await reachEnrolment(app, request, request.params.enrolmentId);
      if (!reached) return notFound(reply);
      const result = request.formResult as FormResult<OutcomeForm>;
      if (!result.ok) return render(request, reply, result);
      try {
        await reviews.recordOutcome(request.tenantContext(), reached.enrolment.id, result.data);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, ruleErrorState(err, request.body));
      }
      setNotice(
        request,
        result.data.result === "pass"
          ? "Pass recorded: HR has been asked to move them to the next career level"
          : "Fail recorded",
      );
      return reply.redirect(`${enrolmentHref(reached.enrolment.id)}/outcome`, 303);
    },
  );
}
