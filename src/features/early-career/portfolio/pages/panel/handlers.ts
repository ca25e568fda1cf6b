import type { FastifyInstance, FastifyReply } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import type { EnrolmentRelation } from "../../../enrolment-access.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import type { PortfolioState } from "../../portfolio.service.js";
import { recommendationNames } from "../../reference.js";
import {
  dateText,
  type EnrolmentParams,
  type PageOptions,
  portfolioHref,
  reachedPortfolio,
  ruleErrorState,
} from "../shared.js";
import { type PanelForm, panelForm } from "./schema.js";

/**
 * `.../portfolio/panel`: the co-ordinator records the internal moderation panel's decision
 * (endorsed or not endorsed completes the panel milestone; deferred leaves it open) and whether
 * the portfolio is in the regional moderation sample, with that moderation's outcome.
 */
export async function panelRoutes(app: FastifyInstance, opts: PageOptions) {
  const { portfolio } = opts;
  const permission = earlyCareerPermissions.manage;
  const url = "/early-career/enrolments/:enrolmentId/portfolio/panel";

  function render(
    reply: FastifyReply,
    enrolment: { id: string; personName: string },
    state: PortfolioState,
    form: FormState,
  ) {
    const v = form.values;
    const decisionItem = (value: string, label: string, hint: string, first = false) => ({
      value,
      text: label,
      hint: { text: hint },
      ...(first ? { id: "decision" } : {}),
      checked: v.decision === value,
    });
    const sampled = v.moderation_sampled === true || v.moderation_sampled === "yes";
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("early-career/portfolio/pages/panel/view.njk", {
        pageTitle: "Record the panel decision",
        personName: enrolment.personName,
        backHref: portfolioHref(enrolment.id),
        signedOff: state.signedOffOn
          ? `${dateText(state.signedOffOn)}: the assessor recommends ${state.recommendation ? recommendationNames[state.recommendation].toLowerCase() : ""}`
          : null,
        values: v,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        decisionItems: [
          decisionItem("endorsed", "Endorsed", "The panel agrees with the assessor's recommendation", true),
          decisionItem("not_endorsed", "Not endorsed", "The panel does not agree with the recommendation"),
          decisionItem("deferred", "Deferred", "The panel needs more before it decides"),
        ],
        sampledItems: [
          {
            value: "yes",
            text: "Selected for regional moderation",
            hint: { text: "The portfolio is in the sample the regional moderation panel reviews" },
            id: "moderation_sampled",
            checked: sampled,
          },
        ],
      });
  }

  const allow = (r: EnrolmentRelation) => r.coordinator;

  app.get<{ Params: EnrolmentParams }>(url, { config: { permission } }, async (request, reply) => {
    const found = await reachedPortfolio(app, portfolio, request, reply, allow);
    if (!found.ok) return found.reply;
    const s = { enrolment: found.enrolment, state: found.portfolio.state };
    const st = s.state;
    const values = st.panelDecision
      ? {
          ...dateInputValues("panel_on", st.panelOn),
          decision: st.panelDecision,
          notes: st.panelNotes ?? "",
          moderation_sampled: st.moderationSampled,
          moderation_outcome: st.moderationOutcome ?? "",
        }
      : { moderation_sampled: st.moderationSampled, moderation_outcome: st.moderationOutcome ?? "" };
    return render(reply, s.enrolment, st, { values, errors: {} });
  });

  app.post<{ Params: EnrolmentParams }>(
    url,
    { config: { permission, form: panelForm } },
    async (request, reply) => {
      const found = await reachedPortfolio(app, portfolio, request, reply, allow);
      if (!found.ok) return found.reply;
      const s = { enrolment: found.enrolment, state: found.portfolio.state };
      const result = request.formResult as FormResult<PanelForm>;
      if (!result.ok) return render(reply, s.enrolment, s.state, result);
      const d = result.data;
      try {
        await portfolio.recordPanel(request.tenantContext(), s.enrolment.id, {
          on: d.panel_on,
          decision: d.decision,
          notes: d.notes,
          sampled: d.moderation_sampled,
          moderationOutcome: d.moderation_outcome,
        });
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(reply, s.enrolment, s.state, ruleErrorState(err, request.body));
      }
      setNotice(request, "Panel decision recorded");
      return reply.redirect(portfolioHref(s.enrolment.id), 303);
    },
  );
}
