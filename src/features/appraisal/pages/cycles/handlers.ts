import type { FastifyInstance, FastifyReply } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { RuleError } from "../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../platform/http/notice.js";
import { appraisalPermissions } from "../../permissions.js";
import { appraisalHome, can, cycleHref, dateText, type PageOptions, ruleErrorState } from "../shared.js";
import { type CycleForm, cycleForm } from "./schema.js";

/**
 * `/appraisal/cycles`: the council's yearly cycles (anyone with appraisal.view: each cycle's page
 * shows completion for their scope); `/appraisal/cycles/new`: HR adds one (appraisal.manage).
 */
export async function cyclesRoutes(app: FastifyInstance, opts: PageOptions) {
  const { appraisals } = opts;

  app.get(
    "/appraisal/cycles",
    { config: { permission: appraisalPermissions.view } },
    async (request, reply) => {
      const today = appraisals.today();
      const cycles = await appraisals.cycles(request.tenantContext());
      return reply.render("appraisal/pages/cycles/list.njk", {
        pageTitle: "Appraisal cycles",
        notification: takeNotice(request),
        backHref: appraisalHome,
        canManage: can(app, request, appraisalPermissions.manage),
        cycles: cycles.map((c) => ({
          name: c.name,
          href: cycleHref(c.id),
          period: `${dateText(c.startsOn)} to ${dateText(c.endsOn)}`,
          objectivesDue: dateText(c.objectivesDueOn),
          midYearDue: dateText(c.midYearDueOn),
          completionDue: dateText(c.completionDueOn),
          state: c.endsOn < today ? "Ended" : c.startsOn > today ? "Not started" : "Under way",
        })),
      });
    },
  );

  const render = (reply: FastifyReply, form: FormState | null) =>
    reply.code(form?.errorSummary?.length ? 400 : 200).render("appraisal/pages/cycles/new.njk", {
      pageTitle: "Add an appraisal cycle",
      backHref: "/appraisal/cycles",
      errors: form?.errors ?? {},
      errorSummary: form?.errorSummary ?? [],
      values: form?.values ?? {},
    });

  app.get(
    "/appraisal/cycles/new",
    { config: { permission: appraisalPermissions.manage } },
    (_request, reply) => render(reply, null),
  );

  app.post(
    "/appraisal/cycles/new",
    { config: { permission: appraisalPermissions.manage, form: cycleForm } },
    async (request, reply) => {
      const result = request.formResult as FormResult<CycleForm>;
      if (!result.ok) return render(reply, result);
      let id: string;
      try {
        id = await appraisals.createCycle(request.tenantContext(), result.data);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(reply, ruleErrorState(err, request.body));
      }
      setNotice(request, `Appraisal cycle ${result.data.name} added`);
      return reply.redirect(cycleHref(id), 303);
    },
  );
}
