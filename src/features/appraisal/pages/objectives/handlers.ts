import type { FastifyInstance } from "fastify";
import { dateInputValues } from "../../../people/pages/date-input.js";
import { type PageOptions, pageView, recordingPage } from "../shared.js";
import { MAX_OBJECTIVES, type ObjectivesForm, objectivesForm } from "./schema.js";

/**
 * `/appraisal/appraisals/:appraisalId/objectives`: the appraiser records the objectives (each
 * with how it is measured), the date they were agreed and the career aspiration.
 */
export async function objectivesRoutes(app: FastifyInstance, opts: PageOptions) {
  recordingPage<ObjectivesForm>(app, opts, {
    path: "/appraisal/appraisals/:appraisalId/objectives",
    form: objectivesForm,
    notice: "Objectives saved",
    render: (request, reply, page, form) => {
      const { appraisal: a, objectives } = page;
      const values: Record<string, unknown> = form?.values ?? {
        ...dateInputValues("objectives_agreed_on", a.objectivesAgreedOn),
        career_aspiration: a.careerAspiration ?? "",
        ...Object.fromEntries(
          objectives.flatMap((o) => [
            [`objective_${o.sequence}`, o.objective],
            [`measure_${o.sequence}`, o.measure ?? ""],
          ]),
        ),
      };
      const filled = Object.keys(values).filter((k) => /^objective_\d+$/.test(k) && values[k]).length;
      const count = Math.min(MAX_OBJECTIVES, Math.max(3, Math.max(filled, objectives.length) + 2));
      return reply
        .code(form?.errorSummary?.length ? 400 : 200)
        .render("appraisal/pages/objectives/view.njk", {
          ...pageView(request, page, "Objectives", form),
          values,
          action: `/appraisal/appraisals/${a.id}/objectives`,
          lines: Array.from({ length: count }, (_, i) => i + 1),
        });
    },
    record: (request, page, data) =>
      opts.appraisals.saveObjectives(request.tenantContext(), page.appraisal.id, data),
  });
}
