import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { RuleError } from "../../../../platform/forms/rule-error.js";
import { unitExistsOn } from "../../pages.queries.js";
import { peoplePermissions } from "../../permissions.js";
import {
  contractTypeItems,
  registrationStatusItems,
  ruleErrorFor,
  selectItems,
  setNotice,
  unitOptions,
} from "../shared.js";
import { type PersonNewForm, personNewForm } from "./schema.js";

/** `/people/new`: add a member of staff with their first assignment. */
export async function peopleNewRoutes(app: FastifyInstance): Promise<void> {
  async function render(request: FastifyRequest, reply: FastifyReply, form: FormState) {
    const lookups = await app.people.lookups(request.tenantContext());
    return reply.code(form.errorSummary?.length ? 400 : 200).render("people/pages/people-new/view.njk", {
      pageTitle: "Add a person",
      unitItems: selectItems(unitOptions(lookups.units), form.values.org_unit_id, "Select a team"),
      roleItems: selectItems(
        lookups.jobRoles.map((r) => ({ value: r.id, text: r.name })),
        form.values.job_role_id,
        "Select a role",
      ),
      contractItems: selectItems(contractTypeItems, form.values.contract_type, "Select a contract type"),
      sweStatusItems: registrationStatusItems(form.values.swe_status),
      values: form.values,
      errors: form.errors,
      errorSummary: form.errorSummary ?? [],
    });
  }

  app.get("/people/new", { config: { permission: peoplePermissions.edit } }, (request, reply) =>
    render(request, reply, { values: { contract_type: "permanent", fte: "1" }, errors: {} }),
  );

  app.post(
    "/people/new",
    { config: { permission: peoplePermissions.edit, form: personNewForm } },
    async (request, reply) => {
      const result = request.formResult as FormResult<PersonNewForm>;
      if (!result.ok) return render(request, reply, result);
      const f = result.data;
      const ctx = request.tenantContext();
      const values = request.body as Record<string, unknown>;
      const teamExists = await app.platform.data.run(ctx, (db) =>
        unitExistsOn(db, f.org_unit_id, f.started_on),
      );
      if (!teamExists) {
        const message = "Select a team that exists on their start date";
        return render(request, reply, {
          values,
          errors: { org_unit_id: message },
          errorSummary: [{ text: message, href: "#org_unit_id" }],
        });
      }
      let personId: string;
      try {
        personId = await app.people.createPerson(
          ctx,
          {
            kind: "staff",
            given_name: f.given_name,
            family_name: f.family_name,
            email: f.email,
            employee_number: f.employee_number,
            swe_number: f.swe_number,
            swe_status: f.swe_status,
            started_on: f.started_on,
          },
          {
            org_unit_id: f.org_unit_id,
            job_role_id: f.job_role_id,
            contract_type: f.contract_type,
            fte: f.fte,
            valid_from: f.started_on,
          },
        );
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        const view = ruleErrorFor(err, {
          valid_to: "started_on-day",
          valid_from: "started_on-day",
          post_id: "org_unit_id",
        });
        return render(request, reply, { values, ...view });
      }
      setNotice(request, `${f.given_name} ${f.family_name} has been added`);
      return reply.redirect(`/people/${personId}`, 303);
    },
  );
}
