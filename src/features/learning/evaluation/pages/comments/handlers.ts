import type { FastifyInstance, FastifyRequest } from "fastify";
import { queryString } from "../../../../../platform/http/query-string.js";
import { learningPermissions } from "../../../permissions.js";
import type { EvaluationService } from "../../evaluation.service.js";
import { ratingWords, wordFor } from "../../words.js";
import { readPeriod } from "../reports/handlers.js";
import { dateText, isUuid, notFound } from "../shared.js";

type Req = FastifyRequest<{ Params: { courseId: string }; Querystring: Record<string, unknown> }>;

/**
 * `/learning/evaluations/reports/courses/:courseId`: what learners wrote about one course in the
 * period (what they will do differently, comments, and three months on, the difference made).
 * The learners' own words, shown without their names.
 */
export async function commentsRoutes(app: FastifyInstance, opts: { evaluations: EvaluationService }) {
  const permission = learningPermissions.reportEvaluation;
  app.get<{ Params: { courseId: string }; Querystring: Record<string, unknown> }>(
    "/learning/evaluations/reports/courses/:courseId",
    { config: { permission } },
    async (request: Req, reply) => {
      const { courseId } = request.params;
      if (!isUuid(courseId)) return notFound(reply);
      const period = readPeriod(request.query, opts.evaluations.today());
      const found = await opts.evaluations.comments(
        request.tenantContext(),
        request.scope(permission),
        courseId,
        period,
      );
      if (!found) return notFound(reply);
      return reply.render("learning/evaluation/pages/comments/view.njk", {
        pageTitle: `${found.course.title}: what learners said`,
        course: found.course.title,
        periodText: `${dateText(period.from)} to ${dateText(period.to)}`,
        backHref: `/learning/evaluations/reports${queryString({ from: period.from, to: period.to })}`,
        errorSummary: period.errorSummary,
        comments: found.comments.map((c) => ({
          attendedOn: dateText(c.attendedOn),
          rating: wordFor(ratingWords, c.rating),
          willDoDifferently: c.willDoDifferently,
          comments: c.comments,
          impactExample: c.impactExample,
        })),
      });
    },
  );
}
