import type { FastifyInstance } from "fastify";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import type { EvaluationService } from "../../evaluation.service.js";
import { can, dateText, evaluationHref } from "../shared.js";

/**
 * `/learning/evaluations`: the signed-in person's evaluations to complete, their follow-ups due,
 * and the follow-ups asked of them about the people they manage.
 */
export async function listRoutes(app: FastifyInstance, opts: { evaluations: EvaluationService }) {
  app.get(
    "/learning/evaluations",
    { config: { permission: learningPermissions.view } },
    async (request, reply) => {
      const personId = request.principal?.personId;
      const pending = personId
        ? await opts.evaluations.pendingFor(request.tenantContext(), personId)
        : { evaluations: [], followUps: [], forReports: [] };
      const row = (href: string, course: string, on: string, who?: string) => [
        { html: `<a class="govuk-link" href="${href}">${escapeHtml(course)}</a>` },
        ...(who === undefined ? [] : [{ text: who }]),
        { text: dateText(on) },
      ];
      return reply.render("learning/evaluation/pages/list/view.njk", {
        pageTitle: "Evaluations to complete",
        notification: takeNotice(request),
        hasPerson: Boolean(personId),
        evaluations: pending.evaluations.map((e) => row(evaluationHref(e.id), e.courseTitle, e.attendedOn)),
        followUps: pending.followUps.map((e) =>
          row(`${evaluationHref(e.id)}/follow-up`, e.courseTitle, e.attendedOn),
        ),
        forReports: pending.forReports.map((e) =>
          row(`${evaluationHref(e.id)}/manager-follow-up`, e.courseTitle, e.attendedOn, e.personName),
        ),
        reportsHref: can(app, request, learningPermissions.reportEvaluation)
          ? "/learning/evaluations/reports"
          : null,
      });
    },
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
