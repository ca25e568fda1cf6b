import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import { cohortHref, type PageOptions, ruleErrorState, selectItems } from "../shared.js";
import { type CohortForm, cohortForm } from "./schema.js";

/** `/early-career/cohorts/new`: a new intake on a programme (co-ordinator). */
export async function cohortNewRoutes(app: FastifyInstance, opts: PageOptions) {
  const { enrolments } = opts;
  const permission = earlyCareerPermissions.manage;

  async function render(request: FastifyRequest, reply: FastifyReply, form: FormState) {
    const ctx = request.tenantContext();
    const [programmes, choices] = await Promise.all([
      enrolments.programmes(ctx),
      enrolments.enrolChoices(ctx),
    ]);
    const v = form.values;
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("early-career/enrolments/pages/cohort-new/view.njk", {
        pageTitle: "Add a cohort",
        values: v,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
        programmeItems: programmes
          .filter((p) => !p.retired_on)
          .map((p, i) => ({
            value: p.id,
            text: p.name,
            ...(i === 0 ? { id: "programme_id" } : {}),
            checked: v.programme_id === p.id,
          })),
        coordinatorItems: selectItems(choices.staff, v.coordinator_person_id, "Not named yet"),
      });
  }

  app.get("/early-career/cohorts/new", { config: { permission } }, (request, reply) =>
    render(request, reply, { values: {}, errors: {} }),
  );

  app.post(
    "/early-career/cohorts/new",
    { config: { permission, form: cohortForm } },
    async (request, reply) => {
      const result = request.formResult as FormResult<CohortForm>;
      if (!result.ok) return render(request, reply, result);
      const f = result.data;
      try {
        const cohortId = await enrolments.createCohort(request.tenantContext(), {
          programmeId: f.programme_id,
          name: f.name,
          intakeOn: f.intake_on,
          coordinatorPersonId: f.coordinator_person_id,
        });
        setNotice(request, `Cohort ${f.name} added`);
        return reply.redirect(cohortHref(cohortId), 303);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, ruleErrorState(err, request.body));
      }
    },
  );
}
