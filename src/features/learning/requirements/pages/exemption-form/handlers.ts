import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import type { LearningRecordsService } from "../../records.service.js";
import type { RequirementsService } from "../../requirements.service.js";
import { type Person, personHref, personInScope } from "../person-gate.js";
import { notFound, ruleErrorFor } from "../shared.js";
import { type ExemptionForm, exemptionForm } from "./schema.js";

const permission = learningPermissions.manageRecords;
type Req = FastifyRequest<{ Params: { personId: string } }>;

/** `/learning/people/:personId/exemptions/new`: L&D exempt a person from a requirement, for a time or for good. */
export async function exemptionFormRoutes(
  app: FastifyInstance,
  opts: { records: LearningRecordsService; requirements: RequirementsService },
) {
  async function render(request: Req, reply: FastifyReply, person: Person, form: FormState) {
    const choices = await opts.requirements.choices(request.tenantContext());
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("learning/requirements/pages/exemption-form/view.njk", {
        pageTitle: `Exempt ${person.name} from a requirement`,
        name: person.name,
        backHref: personHref(person.id),
        requirementItems: [
          { value: "", text: "Select a requirement" },
          ...choices.map((c) => ({
            value: c.id,
            text: c.title,
            selected: form.values.requirement_id === c.id,
          })),
        ],
        values: form.values,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
      });
  }

  app.get<{ Params: { personId: string } }>(
    "/learning/people/:personId/exemptions/new",
    { config: { permission } },
    async (request, reply) => {
      const person = await personInScope(app, opts.records, request, permission);
      if (!person) return notFound(reply);
      return render(request, reply, person, { values: {}, errors: {} });
    },
  );

  app.post<{ Params: { personId: string } }>(
    "/learning/people/:personId/exemptions/new",
    { config: { permission, form: exemptionForm } },
    async (request, reply) => {
      const person = await personInScope(app, opts.records, request, permission);
      if (!person) return notFound(reply);
      const result = request.formResult as FormResult<ExemptionForm>;
      if (!result.ok) return render(request, reply, person, result);
      const f = result.data;
      try {
        await opts.records.addExemption(request.tenantContext(), person.id, {
          requirementId: f.requirement_id,
          reason: f.reason,
          approvedBy: f.approved_by,
          from: f.from_on,
          to: f.to_on,
        });
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        if (err.field === "person") return notFound(reply);
        return render(request, reply, person, ruleErrorFor(err, request.body));
      }
      setNotice(request, "Exemption recorded");
      return reply.redirect(personHref(person.id), 303);
    },
  );
}
