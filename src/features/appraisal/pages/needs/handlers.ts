import type { FastifyInstance } from "fastify";
import { planYearName, priorities, priorityNames, themes } from "../../../learning/needs/reference.js";
import { pcfDomains } from "../../../learning/reference.js";
import { type PageOptions, pageView, recordingPage } from "../shared.js";
import { type NeedForm, needForm } from "./schema.js";

/**
 * `/appraisal/appraisals/:appraisalId/needs`: the appraiser raises a development need; it is
 * recorded in the learning needs analysis (source: appraisal) and listed on the appraisal.
 */
export async function needsRoutes(app: FastifyInstance, opts: PageOptions) {
  recordingPage<NeedForm>(app, opts, {
    path: "/appraisal/appraisals/:appraisalId/needs",
    form: needForm,
    notice: "Development need added to the learning needs analysis",
    render: async (request, reply, page, form) => {
      const needs = app.learningNeeds;
      const courses = await needs.courseChoices(request.tenantContext());
      const base = pageView(request, page, "Add a development need", form);
      const v = base.values;
      const year = String(v.plan_year ?? needs.planningYear());
      return reply.code(form?.errorSummary?.length ? 400 : 200).render("appraisal/pages/needs/view.njk", {
        ...base,
        action: `/appraisal/appraisals/${page.appraisal.id}/needs`,
        yearItems: needs.recordableYears().map((y, i) => ({
          value: String(y),
          text: planYearName(y),
          ...(i === 0 ? { id: "plan_year" } : {}),
          checked: String(y) === year,
        })),
        courseItems: [
          { value: "", text: "Select a course" },
          ...courses.map((c) => ({
            value: c.id,
            text: `${c.title} (${c.code})`,
            selected: v.course_id === c.id,
          })),
        ],
        themeItems: [
          { value: "", text: "Select a theme" },
          ...Object.entries(themes).map(([value, text]) => ({ value, text, selected: v.theme === value })),
        ],
        pcfItems: [
          { value: "", text: "Select a PCF domain" },
          ...Object.entries(pcfDomains).map(([value, text]) => ({
            value,
            text,
            selected: v.pcf_domain === value,
          })),
        ],
        priorityItems: priorities.map((p, i) => ({
          value: p,
          text: priorityNames[p],
          ...(i === 0 ? { id: "priority" } : {}),
          checked: v.priority === p,
        })),
      });
    },
    record: (request, page, data) =>
      opts.appraisals.addNeed(request.tenantContext(), page.appraisal.id, data),
  });
}
