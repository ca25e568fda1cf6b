import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormState } from "../../../../platform/forms/form.js";
import { type FormResult, validateForm } from "../../../../platform/forms/form.js";
import { RuleError } from "../../../../platform/forms/rule-error.js";
import type { PersonInput } from "../../people.service.js";
import { peoplePermissions } from "../../permissions.js";
import { dateInputValues } from "../date-input.js";
import {
  isUuid,
  notFound,
  registrationStatusItems,
  ruleErrorFor,
  setNotice,
  sweStatusName,
} from "../shared.js";
import { type PersonEditForm, personEditForm } from "./schema.js";

type Req = FastifyRequest<{ Params: { personId: string } }>;
type Profile = NonNullable<Awaited<ReturnType<FastifyInstance["people"]["profile"]>>>;

/** The stored values of the fields the HR system owns, as the form would carry them. */
function readOnlyValues(profile: Profile): Record<string, string> {
  const p = profile.person;
  const out: Record<string, string> = {};
  for (const field of profile.readOnlyFields) {
    if (field === "started_on") Object.assign(out, dateInputValues("started_on", p.started_on));
    else out[field] = (p[field] as string | null) ?? "";
  }
  return out;
}

/** `/people/:personId/edit`: change a person's details (not those the HR system owns). */
export async function personEditRoutes(app: FastifyInstance): Promise<void> {
  async function load(request: Req) {
    const { personId } = request.params;
    if (!isUuid(personId)) return null;
    return app.people.profile(request.tenantContext(), personId, { includeEquality: false });
  }

  function render(reply: FastifyReply, profile: Profile, form: FormState) {
    const p = profile.person;
    const readOnly = new Set<string>(profile.readOnlyFields);
    const name = `${p.given_name} ${p.family_name}`;
    return reply.code(form.errorSummary?.length ? 400 : 200).render("people/pages/person-edit/view.njk", {
      pageTitle: `Change details for ${name}`,
      name,
      profileHref: `/people/${p.id}`,
      readOnly: Object.fromEntries([...readOnly].map((f) => [f, true])),
      hrValues: [
        readOnly.has("given_name") ? { key: "Name", value: name } : null,
        readOnly.has("email") ? { key: "Email", value: p.email } : null,
        readOnly.has("employee_number") ? { key: "Employee number", value: p.employee_number } : null,
        readOnly.has("started_on") ? { key: "Start date", value: p.started_on, isDate: true } : null,
      ].filter(Boolean),
      sweStatusItems: registrationStatusItems(form.values.swe_status),
      currentStatus: sweStatusName(p.swe_status),
      values: form.values,
      errors: form.errors,
      errorSummary: form.errorSummary ?? [],
    });
  }

  app.get<{ Params: { personId: string } }>(
    "/people/:personId/edit",
    { config: { permission: peoplePermissions.edit } },
    async (request, reply) => {
      const profile = await load(request);
      if (!profile) return notFound(reply);
      const p = profile.person;
      return render(reply, profile, {
        values: {
          given_name: p.given_name,
          family_name: p.family_name,
          preferred_name: p.preferred_name ?? "",
          email: p.email ?? "",
          phone: p.phone ?? "",
          employee_number: p.employee_number ?? "",
          swe_number: p.swe_number ?? "",
          swe_status: p.swe_status ?? (p.swe_number ? "" : "none"),
          ...dateInputValues("started_on", p.started_on),
        },
        errors: {},
      });
    },
  );

  app.post<{ Params: { personId: string } }>(
    "/people/:personId/edit",
    { config: { permission: peoplePermissions.edit, form: personEditForm } },
    async (request, reply) => {
      const profile = await load(request);
      if (!profile) return notFound(reply);
      let result = request.formResult as FormResult<PersonEditForm>;
      if (profile.readOnlyFields.length > 0) {
        // The HR system's fields are not on the form: check the rest with the stored values.
        const body = { ...(request.body as Record<string, unknown>), ...readOnlyValues(profile) };
        result = validateForm(personEditForm, body);
      }
      if (!result.ok) return render(reply, profile, result);

      const changes: Partial<PersonInput> = { ...result.data };
      for (const field of profile.readOnlyFields) delete changes[field];
      try {
        await app.people.updatePerson(request.tenantContext(), profile.person.id, changes);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        if (err.field === "person") return notFound(reply);
        const view = ruleErrorFor(err, { started_on: "started_on-day" });
        return render(reply, profile, { values: request.body as Record<string, unknown>, ...view });
      }
      setNotice(request, "Details saved");
      return reply.redirect(`/people/${profile.person.id}`, 303);
    },
  );
}
