import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import { type Tier, tierNames } from "../../../reference.js";
import { planYearName } from "../../reference.js";
import { needsHome, type PageOptions, yearFrom } from "../shared.js";
import { type PlanForm, planForm } from "./schema.js";

const permission = learningPermissions.manageSessions;

/**
 * `/learning/needs/plan`: the places the learning and development team plan on each course for
 * a plan year; the analysis sets them against the demand.
 */
export async function planRoutes(app: FastifyInstance, opts: PageOptions) {
  const url = `${needsHome}/plan`;

  async function render(request: FastifyRequest, reply: FastifyReply, year: number, form: FormState) {
    const ctx = request.tenantContext();
    const [planned, courses] = await Promise.all([
      opts.needs.plannedPlaces(ctx, year),
      opts.needs.courseChoices(ctx),
    ]);
    const v = form.values;
    return reply.code(form.errorSummary?.length ? 400 : 200).render("learning/needs/pages/plan/view.njk", {
      pageTitle: `Places planned for ${planYearName(year)}`,
      notification: takeNotice(request),
      year: planYearName(year),
      yearValue: String(year),
      errors: form.errors,
      errorSummary: form.errorSummary ?? [],
      values: v,
      yearChoices: opts.needs.recordableYears().map((y) => ({
        text: planYearName(y),
        href: `${url}?year=${y}`,
        current: y === year,
      })),
      courseItems: [
        { value: "", text: "Select a course" },
        ...courses.map((c) => ({
          value: c.id,
          text: `${c.title} (${c.code})`,
          selected: v.course_id === c.id,
        })),
      ],
      planned: planned.map((p) => ({
        ...p,
        tierName: tierNames[p.tier as Tier] ?? p.tier,
      })),
      analysisHref: `${needsHome}/analysis?year=${year}`,
    });
  }

  app.get<{ Querystring: Record<string, unknown> }>(url, { config: { permission } }, async (request, reply) =>
    render(request, reply, yearFrom(request.query.year, opts.needs.planningYear()), {
      values: {},
      errors: {},
    }),
  );

  app.post(url, { config: { permission, form: planForm } }, async (request, reply) => {
    const result = request.formResult as FormResult<PlanForm>;
    const fallback = opts.needs.planningYear();
    if (!result.ok) return render(request, reply, yearFrom(result.values.plan_year, fallback), result);
    const f = result.data;
    try {
      await opts.needs.setPlannedPlaces(request.tenantContext(), {
        courseId: f.course_id,
        planYear: f.plan_year,
        places: f.places,
        note: f.note,
      });
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      const values = { ...(request.body as Record<string, unknown>) };
      delete values._csrf;
      return render(request, reply, f.plan_year, { values, ...ruleErrorView(err) });
    }
    setNotice(request, "Places planned");
    return reply.redirect(`${url}?year=${f.plan_year}`, 303);
  });
}
