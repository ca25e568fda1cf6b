import type { FastifyInstance } from "fastify";
import { progressCheck, type ReviewForm, renderReview, reviewForm } from "../review-form.js";
import { finalProgress, type PageOptions, progressFrom, recordingPage } from "../shared.js";

const form = reviewForm("completed_on", "Date of completion", "Final summary");

/**
 * `/appraisal/appraisals/:appraisalId/complete`: the appraiser completes the appraisal: the date,
 * a final summary and whether each objective was met. Refused until the objectives are agreed
 * and the mid-year review is recorded; after it, the appraisal can no longer be changed.
 */
export async function completeRoutes(app: FastifyInstance, opts: PageOptions) {
  recordingPage<ReviewForm>(app, opts, {
    path: "/appraisal/appraisals/:appraisalId/complete",
    form,
    notice: "Appraisal completed",
    check: progressCheck(finalProgress),
    render: (request, reply, page, state) =>
      renderReview(request, reply, page, state, {
        view: "appraisal/pages/complete/view.njk",
        title: "Complete the appraisal",
        action: `/appraisal/appraisals/${page.appraisal.id}/complete`,
        choices: finalProgress,
        dateField: "completed_on",
        stored: { on: page.appraisal.completedOn, summary: page.appraisal.finalSummary },
        ready: page.appraisal.objectivesAgreedOn !== null && page.appraisal.midYearOn !== null,
      }),
    record: (request, page, data) =>
      opts.appraisals.complete(request.tenantContext(), page.appraisal.id, {
        completedOn: data.on,
        summary: data.summary,
        progress: progressFrom(request.body as Record<string, unknown>, page.objectives),
      }),
  });
}
