import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import type { EvaluationService } from "../../evaluation.service.js";
import { confidenceWords, ratingWords, wordFor } from "../../words.js";
import { dateText, evaluationHref, isUuid, notFound, scaleItems, summaryRows } from "../shared.js";
import { type EvaluationForm, evaluationForm } from "./schema.js";

type Req = FastifyRequest<{ Params: { evaluationId: string } }>;
type Evaluation = NonNullable<Awaited<ReturnType<EvaluationService["evaluation"]>>>;

/**
 * `/learning/evaluations/:evaluationId`: the learner's evaluation of a session they attended.
 * Only the learner themselves (anyone else: 404, as for a missing one); one answer.
 */
export async function evaluationFormRoutes(app: FastifyInstance, opts: { evaluations: EvaluationService }) {
  const permission = learningPermissions.view;

  async function own(request: Req): Promise<Evaluation | undefined> {
    const { evaluationId } = request.params;
    const personId = request.principal?.personId;
    if (!isUuid(evaluationId) || !personId) return undefined;
    const evaluation = await opts.evaluations.evaluation(request.tenantContext(), evaluationId);
    return evaluation?.personId === personId ? evaluation : undefined;
  }

  function render(reply: FastifyReply, request: Req, e: Evaluation, form: FormState, refused = false) {
    const answered = e.answeredAt !== null;
    return reply
      .code(refused ? 409 : form.errorSummary?.length ? 400 : 200)
      .render("learning/evaluation/pages/evaluation-form/view.njk", {
        pageTitle: answered ? `Your evaluation of ${e.courseTitle}` : `Evaluate ${e.courseTitle}`,
        notification: takeNotice(request),
        course: e.courseTitle,
        attendedOn: dateText(e.attendedOn),
        answered,
        refused,
        answers: answered
          ? summaryRows([
              { key: "Rating", value: wordFor(ratingWords, e.rating) },
              { key: "Confidence before", value: wordFor(confidenceWords, e.confidenceBefore) },
              { key: "Confidence after", value: wordFor(confidenceWords, e.confidenceAfter) },
              { key: "What you will do differently", value: e.willDoDifferently ?? "" },
              { key: "Comments", value: e.comments ?? "None" },
            ])
          : [],
        followUp:
          e.followUpDue && !e.learner?.answeredAt
            ? { href: `${evaluationHref(e.id)}/follow-up` }
            : { on: dateText(e.followUpDueOn), done: Boolean(e.learner?.answeredAt) },
        ratingItems: scaleItems(ratingWords, form.values.rating),
        beforeItems: scaleItems(confidenceWords, form.values.confidence_before),
        afterItems: scaleItems(confidenceWords, form.values.confidence_after),
        values: form.values,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
      });
  }

  app.get<{ Params: { evaluationId: string } }>(
    "/learning/evaluations/:evaluationId",
    { config: { permission } },
    async (request: Req, reply) => {
      const e = await own(request);
      if (!e) return notFound(reply);
      return render(reply, request, e, { values: {}, errors: {} });
    },
  );

  app.post<{ Params: { evaluationId: string } }>(
    "/learning/evaluations/:evaluationId",
    { config: { permission, form: evaluationForm } },
    async (request: Req, reply) => {
      const e = await own(request);
      if (!e) return notFound(reply);
      if (e.answeredAt !== null) return render(reply, request, e, { values: {}, errors: {} }, true);
      const result = request.formResult as FormResult<EvaluationForm>;
      if (!result.ok) return render(reply, request, e, result);
      const f = result.data;
      const outcome = await opts.evaluations.answer(request.tenantContext(), e.id, {
        rating: f.rating,
        confidenceBefore: f.confidence_before,
        confidenceAfter: f.confidence_after,
        willDoDifferently: f.will_do_differently,
        comments: f.comments,
      });
      if (outcome === "already_answered") {
        const now = await own(request);
        if (!now) return notFound(reply);
        return render(reply, request, now, { values: {}, errors: {} }, true);
      }
      setNotice(request, "Thank you: your evaluation has been sent");
      return reply.redirect("/learning/evaluations", 303);
    },
  );
}
