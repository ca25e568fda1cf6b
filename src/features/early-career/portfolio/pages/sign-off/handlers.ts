import type { FastifyInstance, FastifyReply } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import type { EnrolmentRelation } from "../../../enrolment-access.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import type { PortfolioState } from "../../portfolio.service.js";
import {
  dateText,
  type EnrolmentParams,
  type PageOptions,
  portfolioHref,
  reachedPortfolio,
  ruleErrorState,
} from "../shared.js";
import { type SignOffForm, signOffForm } from "./schema.js";

/**
 * `.../portfolio/sign-off`: the assessor (or the co-ordinator) signs off the submitted portfolio
 * with a recommendation, pass or fail; it can be changed until the panel decides.
 */
export async function signOffRoutes(app: FastifyInstance, opts: PageOptions) {
  const { portfolio } = opts;
  const permission = earlyCareerPermissions.assess;
  const url = "/early-career/enrolments/:enrolmentId/portfolio/sign-off";

  function render(
    reply: FastifyReply,
    enrolment: { id: string; personName: string },
    state: PortfolioState,
    form: FormState,
  ) {
    const v = form.values;
    const decided = state.panelDecision === "endorsed" || state.panelDecision === "not_endorsed";
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("early-career/portfolio/pages/sign-off/view.njk", {
        pageTitle: "Sign off the portfolio",
        personName: enrolment.personName,
        backHref: portfolioHref(enrolment.id),
        submittedOn: dateText(state.submittedOn),
        open: Boolean(state.submittedOn) && !decided && state.status === "active",
        decided,
        values: v,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        recommendationItems: [
          {
            value: "pass",
            text: "Pass",
            hint: { text: "The NQSW has met the standards" },
            id: "recommendation",
            checked: v.recommendation === "pass",
          },
          {
            value: "fail",
            text: "Fail",
            hint: { text: "The NQSW has not met the standards" },
            checked: v.recommendation === "fail",
          },
        ],
      });
  }

  const allow = (r: EnrolmentRelation) => r.canAssess;

  app.get<{ Params: EnrolmentParams }>(url, { config: { permission } }, async (request, reply) => {
    const found = await reachedPortfolio(app, portfolio, request, reply, allow);
    if (!found.ok) return found.reply;
    const s = { enrolment: found.enrolment, state: found.portfolio.state };
    const values = s.state.signedOffOn
      ? { recommendation: s.state.recommendation, ...dateInputValues("signed_off_on", s.state.signedOffOn) }
      : dateInputValues("signed_off_on", portfolio.today());
    return render(reply, s.enrolment, s.state, { values, errors: {} });
  });

  app.post<{ Params: EnrolmentParams }>(
    url,
    { config: { permission, form: signOffForm } },
    async (request, reply) => {
      const found = await reachedPortfolio(app, portfolio, request, reply, allow);
      if (!found.ok) return found.reply;
      const s = { enrolment: found.enrolment, state: found.portfolio.state };
      const result = request.formResult as FormResult<SignOffForm>;
      if (!result.ok) return render(reply, s.enrolment, s.state, result);
      try {
        await portfolio.signOff(request.tenantContext(), s.enrolment.id, {
          on: result.data.signed_off_on,
          recommendation: result.data.recommendation,
        });
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(reply, s.enrolment, s.state, ruleErrorState(err, request.body));
      }
      setNotice(request, "Portfolio signed off");
      return reply.redirect(portfolioHref(s.enrolment.id), 303);
    },
  );
}
