import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import { type LearningRecordsService, pauseReasonNames, pauseReasons } from "../../records.service.js";
import { type Person, personHref, personInScope } from "../person-gate.js";
import { notFound, ruleErrorFor } from "../shared.js";
import { type PauseForm, pauseForm } from "./schema.js";

const permission = learningPermissions.recordPauses;
type Req = FastifyRequest<{ Params: { personId: string } }>;

/** `/learning/people/:personId/pauses/new`: maternity leave or long sickness stops every requirement's clock. */
export async function pauseFormRoutes(app: FastifyInstance, opts: { records: LearningRecordsService }) {
  function render(reply: FastifyReply, person: Person, form: FormState) {
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("learning/requirements/pages/pause-form/view.njk", {
        pageTitle: `Pause learning for ${person.name}`,
        name: person.name,
        backHref: personHref(person.id),
        reasonItems: pauseReasons.map((r) => ({
          value: r,
          text: pauseReasonNames[r],
          checked: form.values.reason === r,
        })),
        values: form.values,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
      });
  }

  app.get<{ Params: { personId: string } }>(
    "/learning/people/:personId/pauses/new",
    { config: { permission } },
    async (request: Req, reply) => {
      const person = await personInScope(app, opts.records, request, permission);
      if (!person) return notFound(reply);
      return render(reply, person, { values: {}, errors: {} });
    },
  );

  app.post<{ Params: { personId: string } }>(
    "/learning/people/:personId/pauses/new",
    { config: { permission, form: pauseForm } },
    async (request: Req, reply) => {
      const person = await personInScope(app, opts.records, request, permission);
      if (!person) return notFound(reply);
      const result = request.formResult as FormResult<PauseForm>;
      if (!result.ok) return render(reply, person, result);
      const f = result.data;
      try {
        await opts.records.addPause(request.tenantContext(), person.id, {
          reason: f.reason,
          from: f.from_on,
          to: f.to_on,
          note: f.note,
        });
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        if (err.field === "person") return notFound(reply);
        return render(reply, person, ruleErrorFor(err, request.body));
      }
      setNotice(request, "Pause recorded");
      return reply.redirect(personHref(person.id), 303);
    },
  );
}
