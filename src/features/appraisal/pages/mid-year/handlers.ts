import type { FastifyInstance } from "fastify";
import { progressCheck, type ReviewForm, renderReview, reviewForm } from "../review-form.js";
import { midYearProgress, type PageOptions, progressFrom, recordingPage } from "../shared.js";

const form = reviewForm("mid_year_on", "Date of the mid-year review", "Summary of the review");

/**
 * `/appraisal/appraisals/:appraisalId/mid-year`: the appraiser records the mid-year review: its
 * date, a summary and each objective's progress (after the objectives are agreed).
 */
export async function midYearRoutes(app: FastifyInstance, opts: PageOptions) {
  recordingPage<ReviewForm>(app, opts, {
    path: "/appraisal/appraisals/:appraisalId/mid-year",
    form,
    notice: "Mid-year review recorded",
    check: progressCheck(midYearProgress),
    render: (request, reply, page, state) =>
      renderReview(request, reply, page, state, {
        view: "appraisal/pages/mid-year/view.njk",
        title: "Mid-year review",
        action: `/appraisal/appraisals/${page.appraisal.id}/mid-year`,
        choices: midYearProgress,
        dateField: "mid_year_on",
        stored: { on: page.appraisal.midYearOn, summary: page.appraisal.midYearSummary },
      }),
    record: (request, page, data) =>
      opts.appraisals.recordMidYear(request.tenantContext(), page.appraisal.id, {
        midYearOn: data.on,
        summary: data.summary,
        progress: progressFrom(request.body as Record<string, unknown>, page.objectives),
      }),
  });
}
