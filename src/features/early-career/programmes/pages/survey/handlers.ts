import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import {
  keptLevels,
  keptNames,
  ratingNames,
  ratings,
  recommendLevels,
  recommendNames,
  SurveyRefused,
  type SurveyState,
  supportLevels,
  supportNames,
} from "../../survey.js";
import { type PageOptions, radioItems } from "../shared.js";
import { type SurveyForm, surveyForm } from "./schema.js";

const permission = earlyCareerPermissions.view;
const surveyHref = "/early-career/survey";

/**
 * `/early-career/survey`: the NQSW's anonymous end-of-programme survey, answered once. Anyone
 * with the view permission may open it; it shows a questionnaire only to a person invited.
 */
export async function surveyRoutes(app: FastifyInstance, opts: PageOptions) {
  const stateOf = (request: FastifyRequest): Promise<SurveyState> => {
    const personId = request.principal?.personId;
    return personId
      ? opts.survey.stateFor(request.tenantContext(), personId)
      : Promise.resolve({ state: "none" });
  };

  function render(
    request: FastifyRequest,
    reply: FastifyReply,
    state: SurveyState,
    form: FormState,
    code = 200,
  ) {
    const v = form.values;
    return reply
      .code(form.errorSummary?.length ? 400 : code)
      .render("early-career/programmes/pages/survey/view.njk", {
        pageTitle: "End of programme survey",
        notification: takeNotice(request),
        state: state.state,
        programme: state.state === "none" ? null : state.programme,
        values: v,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        overallItems: radioItems(
          "overall",
          ratings.map((r) => ({ value: String(r), text: ratingNames[r] ?? String(r) })),
          v.overall,
        ),
        supportItems: radioItems(
          "assessor_support",
          supportLevels.map((s) => ({ value: s, text: supportNames[s] })),
          v.assessor_support,
        ),
        keptItems: radioItems(
          "protection_kept",
          keptLevels.map((s) => ({ value: s, text: keptNames[s] })),
          v.protection_kept,
        ),
        recommendItems: radioItems(
          "recommend",
          recommendLevels.map((s) => ({ value: s, text: recommendNames[s] })),
          v.recommend,
        ),
      });
  }

  app.get(surveyHref, { config: { permission } }, async (request, reply) =>
    render(request, reply, await stateOf(request), { values: {}, errors: {} }),
  );

  app.post(surveyHref, { config: { permission, form: surveyForm } }, async (request, reply) => {
    const state = await stateOf(request);
    const personId = request.principal?.personId;
    // Nothing to answer (not invited, or answered already): refused (403), nothing is written.
    if (!personId || state.state !== "open")
      return render(request, reply, state, { values: {}, errors: {} }, 403);
    const result = request.formResult as FormResult<SurveyForm>;
    if (!result.ok) return render(request, reply, state, result);
    try {
      await opts.survey.respond(request.tenantContext(), personId, result.data);
    } catch (err) {
      if (!(err instanceof SurveyRefused)) throw err;
      return render(request, reply, await stateOf(request), { values: {}, errors: {} }, 403);
    }
    setNotice(request, "Thank you: your answers have been saved anonymously");
    return reply.redirect(surveyHref, 303);
  });
}
