import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormState } from "../../../../../platform/forms/form.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import {
  dateText,
  enrolmentHref,
  enrolmentPage,
  enrolmentPageView,
  judgementNames,
  notFound,
  type PageOptions,
  progressionHref,
  recordOnEnrolment,
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
    const found = await enrolmentPage(app, request, (ctx, id) => reviews.outcome(ctx, id));
    if (!found) return notFound(reply);
    const { enrolment, relation, page } = found;
    const e = page.enrolment;
    const view = enrolmentPageView(request, enrolment, "Outcome", form);
    const values = view.values;
    return reply
      .code(form?.errorSummary?.length ? 400 : 200)
      .render("early-career/reviews/pages/outcome/view.njk", {
        ...view,
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
    (request, reply) =>
      recordOnEnrolment<OutcomeForm>(app, request, reply, {
        render: (form) => render(request, reply, form),
        record: (ctx, id, data) => reviews.recordOutcome(ctx, id, data),
        notice: (data) =>
          data.result === "pass"
            ? "Pass recorded: HR has been asked to move them to the next career level"
            : "Fail recorded",
        page: "outcome",
      }),
  );
}
