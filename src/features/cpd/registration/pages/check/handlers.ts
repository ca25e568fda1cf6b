import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { formatDate } from "../../../../../platform/views/render.js";
import { sweStatuses, sweStatusNames } from "../../../../people/reference/domain.js";
import { cpdPermissions } from "../../../permissions.js";
import { isUuid, notFound, type PageOptions, sweStatusName } from "../shared.js";
import { type CheckForm, checkForm } from "./schema.js";

type Req = FastifyRequest<{ Params: { personId: string } }>;
const permission = cpdPermissions.manageRegistration;

/** `/cpd/registration/people/:personId/check`: HR records what the register says about a person. */
export async function checkRoutes(app: FastifyInstance, opts: PageOptions) {
  /** The person, when the viewer reaches them; null answers 404. */
  async function personFor(request: Req) {
    const { personId } = request.params;
    if (!isUuid(personId)) return null;
    const ctx = request.tenantContext();
    if (!(await app.people.reaches(ctx, request.scope(permission), personId))) return null;
    return opts.registration.registrationOf(ctx, personId);
  }

  async function render(request: Req, reply: FastifyReply, form: FormState) {
    const found = await personFor(request);
    if (!found) return notFound(reply);
    const { person, checks } = found;
    const name = `${person.preferred_name ?? person.given_name} ${person.family_name}`;
    const values: Record<string, unknown> = { swe_number: person.swe_number ?? "", ...form.values };
    return reply.code(form.errorSummary?.length ? 400 : 200).render("cpd/registration/pages/check/view.njk", {
      pageTitle: `Record a register check for ${name}`,
      name,
      current: {
        sweNumber: person.swe_number,
        status: sweStatusName(person.swe_status),
        lastCheckedOn: person.swe_last_checked_on,
      },
      checks: checks.map((c) => ({ ...c, status: sweStatusName(c.status) })),
      statusItems: sweStatuses.map((s) => ({
        value: s,
        text: sweStatusNames[s],
        checked: values.status === s,
      })),
      values,
      errors: form.errors,
      errorSummary: form.errorSummary ?? [],
    });
  }

  app.get<{ Params: { personId: string } }>(
    "/cpd/registration/people/:personId/check",
    { config: { permission } },
    (request, reply) => render(request, reply, { values: {}, errors: {} }),
  );

  app.post<{ Params: { personId: string } }>(
    "/cpd/registration/people/:personId/check",
    { config: { permission, form: checkForm } },
    async (request, reply) => {
      const found = await personFor(request);
      if (!found) return notFound(reply);
      const result = request.formResult as FormResult<CheckForm>;
      if (!result.ok) return render(request, reply, result);
      const f = result.data;
      try {
        await opts.registration.recordCheck(request.tenantContext(), request.params.personId, {
          status: f.status,
          checkedOn: f.checked_on,
          sweNumber: f.swe_number,
          note: f.note,
        });
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, {
          values: request.body as Record<string, unknown>,
          ...ruleErrorView(err),
        });
      }
      setNotice(
        request,
        `Register check recorded: ${sweStatusNames[f.status].toLowerCase()} on ${formatDate(f.checked_on, false)}`,
      );
      return reply.redirect("/cpd/registration/people", 303);
    },
  );
}
