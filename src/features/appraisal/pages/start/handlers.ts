import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { RuleError } from "../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../platform/http/notice.js";
import { appraisalPermissions } from "../../permissions.js";
import {
  appraisalHome,
  appraisalHref,
  dateText,
  forbidden,
  isUuid,
  notFound,
  type PageOptions,
  ruleErrorState,
  startHref,
} from "../shared.js";
import { type StartForm, startForm } from "./schema.js";

const permission = appraisalPermissions.record;
type Params = { personId: string };

/**
 * `/appraisal/people/:personId/start`: a manager starts the appraisal of someone in their scope
 * (never their own), in a cycle (the current one by default) with an appraiser (themselves by
 * default, or the person's line manager).
 */
export async function startRoutes(app: FastifyInstance, opts: PageOptions) {
  const { appraisals } = opts;

  async function load(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const { personId } = request.params;
    const ctx = request.tenantContext();
    if (!isUuid(personId) || !(await app.people.reaches(ctx, request.scope(permission), personId)))
      return void notFound(reply);
    const name = await appraisals.personName(ctx, personId);
    if (name === undefined) return void notFound(reply);
    if (personId === request.principal?.personId) return void forbidden(reply);
    return { personId, name };
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    person: { personId: string; name: string },
    form: FormState | null,
  ) {
    const ctx = request.tenantContext();
    const me = request.principal?.personId ?? null;
    const [cycles, current, appraisers] = await Promise.all([
      appraisals.cycles(ctx),
      appraisals.currentCycle(ctx),
      appraisals.appraiserChoices(ctx, person.personId, me),
    ]);
    const today = appraisals.today();
    const values = form?.values ?? {
      cycle_id: current?.id ?? "",
      appraiser_person_id: appraisers[0]?.personId ?? "",
    };
    return reply.code(form?.errorSummary?.length ? 400 : 200).render("appraisal/pages/start/view.njk", {
      pageTitle: `Start an appraisal: ${person.name}`,
      backHref: appraisalHome,
      personName: person.name,
      action: startHref(person.personId),
      errors: form?.errors ?? {},
      errorSummary: form?.errorSummary ?? [],
      cycleItems: cycles
        .filter((c) => c.endsOn >= today)
        .map((c, i) => ({
          value: c.id,
          text: c.name,
          hint: { text: `${dateText(c.startsOn)} to ${dateText(c.endsOn)}` },
          ...(i === 0 ? { id: "cycle_id" } : {}),
          checked: values.cycle_id === c.id,
        })),
      appraiserItems: appraisers.map((a, i) => ({
        value: a.personId,
        text: a.personId === me ? `${a.name} (you)` : a.name,
        ...(i === 0 ? { id: "appraiser_person_id" } : {}),
        checked: values.appraiser_person_id === a.personId,
      })),
    });
  }

  app.get<{ Params: Params }>(
    "/appraisal/people/:personId/start",
    { config: { permission } },
    async (request, reply) => {
      const person = await load(request, reply);
      if (!person) return reply;
      return render(request, reply, person, null);
    },
  );

  app.post<{ Params: Params }>(
    "/appraisal/people/:personId/start",
    { config: { permission, form: startForm } },
    async (request, reply) => {
      const person = await load(request, reply);
      if (!person) return reply;
      const result = request.formResult as FormResult<StartForm>;
      if (!result.ok) return render(request, reply, person, result);
      let id: string;
      try {
        id = await appraisals.start(request.tenantContext(), {
          cycleId: result.data.cycle_id,
          personId: person.personId,
          appraiserPersonId: result.data.appraiser_person_id,
        });
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, person, ruleErrorState(err, request.body));
      }
      setNotice(request, `Appraisal started for ${person.name}`);
      return reply.redirect(appraisalHref(id), 303);
    },
  );
}
