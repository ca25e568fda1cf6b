import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Permission } from "../../../../../platform/auth/principal.js";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import type { EvaluationService } from "../../evaluation.service.js";
import type { Respondent } from "../../schema.js";
import { impactWords, wordFor } from "../../words.js";
import { dateText, isUuid, notFound, scaleItems, summaryRows } from "../shared.js";
import { type FollowUpForm, followUpForm } from "./schema.js";

type Req = FastifyRequest<{ Params: { evaluationId: string } }>;
type Evaluation = NonNullable<Awaited<ReturnType<EvaluationService["evaluation"]>>>;

/**
 * The 3-month follow-up about the impact on practice:
 * `/learning/evaluations/:evaluationId/follow-up` for the learner themselves, and
 * `/learning/evaluations/:evaluationId/manager-follow-up` for their manager: someone who views
 * learning records and reaches the learner (not the learner). Anyone else: 404. Open from the
 * due date (3 months after the session); one answer each.
 */
export async function followUpFormRoutes(app: FastifyInstance, opts: { evaluations: EvaluationService }) {
  const pages: Array<{ respondent: Respondent; path: string; permission: Permission }> = [
    { respondent: "learner", path: "follow-up", permission: learningPermissions.view },
    { respondent: "manager", path: "manager-follow-up", permission: learningPermissions.viewRecords },
  ];

  async function gate(request: Req, respondent: Respondent): Promise<Evaluation | undefined> {
    const { evaluationId } = request.params;
    if (!isUuid(evaluationId)) return undefined;
    const ctx = request.tenantContext();
    const evaluation = await opts.evaluations.evaluation(ctx, evaluationId);
    if (!evaluation) return undefined;
    const me = request.principal?.personId ?? null;
    if (respondent === "learner") return evaluation.personId === me ? evaluation : undefined;
    if (evaluation.personId === me) return undefined;
    const scope = request.scope(learningPermissions.viewRecords);
    return (await app.people.reaches(ctx, scope, evaluation.personId)) ? evaluation : undefined;
  }

  function render(
    reply: FastifyReply,
    e: Evaluation,
    respondent: Respondent,
    form: FormState,
    refused = false,
  ) {
    const answer = respondent === "learner" ? e.learner : e.manager;
    const manager = respondent === "manager";
    return reply
      .code(refused ? 409 : form.errorSummary?.length ? 400 : 200)
      .render("learning/evaluation/pages/follow-up-form/view.njk", {
        pageTitle: manager
          ? `${e.personName}'s ${e.courseTitle}: impact on practice`
          : `${e.courseTitle}: impact on practice`,
        caption: manager ? `${e.personName}: ${e.courseTitle}` : e.courseTitle,
        attendedOn: dateText(e.attendedOn),
        dueOn: dateText(e.followUpDueOn),
        manager,
        due: e.followUpDue,
        answered: Boolean(answer?.answeredAt),
        refused,
        answers: answer?.answeredAt
          ? summaryRows([
              { key: "Change in practice", value: wordFor(impactWords, answer.impact) },
              { key: "Example", value: answer.example ?? "" },
            ])
          : [],
        impactItems: scaleItems(impactWords, form.values.impact),
        values: form.values,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        backHref: "/learning/evaluations",
      });
  }

  for (const page of pages) {
    const url = `/learning/evaluations/:evaluationId/${page.path}`;
    app.get<{ Params: { evaluationId: string } }>(
      url,
      { config: { permission: page.permission } },
      async (request: Req, reply) => {
        const e = await gate(request, page.respondent);
        if (!e) return notFound(reply);
        return render(reply, e, page.respondent, { values: {}, errors: {} });
      },
    );

    app.post<{ Params: { evaluationId: string } }>(
      url,
      { config: { permission: page.permission, form: followUpForm } },
      async (request: Req, reply) => {
        const e = await gate(request, page.respondent);
        if (!e) return notFound(reply);
        const answer = page.respondent === "learner" ? e.learner : e.manager;
        if (!e.followUpDue) return render(reply, e, page.respondent, { values: {}, errors: {} });
        if (answer?.answeredAt) return render(reply, e, page.respondent, { values: {}, errors: {} }, true);
        const result = request.formResult as FormResult<FollowUpForm>;
        if (!result.ok) return render(reply, e, page.respondent, result);
        const outcome = await opts.evaluations.answerFollowUp(
          request.tenantContext(),
          e.id,
          page.respondent,
          request.principal?.personId ?? null,
          result.data,
        );
        if (outcome === "already_answered") {
          const now = await gate(request, page.respondent);
          if (!now) return notFound(reply);
          return render(reply, now, page.respondent, { values: {}, errors: {} }, true);
        }
        setNotice(request, "Thank you: your answer has been sent");
        return reply.redirect("/learning/evaluations", 303);
      },
    );
  }
}
