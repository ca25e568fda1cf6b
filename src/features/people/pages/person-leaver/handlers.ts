import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { RuleError } from "../../../../platform/forms/rule-error.js";
import { formatDate } from "../../../../platform/views/render.js";
import { peoplePermissions } from "../../permissions.js";
import { leavingDestinations, leavingReasons } from "../../reference/dfe-codes.js";
import {
  checkedItems,
  exitThemeItems,
  isUuid,
  notFound,
  ruleErrorFor,
  selectItems,
  setNotice,
} from "../shared.js";
import { type LeaverForm, leaverForm } from "./schema.js";

type Req = FastifyRequest<{ Params: { personId: string } }>;

const reasonOptions = Object.entries(leavingReasons).map(([value, text]) => ({ value, text }));
const destinationOptions = Object.entries(leavingDestinations).map(([value, text]) => ({ value, text }));

/** `/people/:personId/leaver`: record that someone left; their assignments end on the leaving date. */
export async function personLeaverRoutes(app: FastifyInstance): Promise<void> {
  async function render(request: Req, reply: FastifyReply, form: FormState) {
    const { personId } = request.params;
    if (!isUuid(personId)) return notFound(reply);
    const profile = await app.people.profile(request.tenantContext(), personId, { includeEquality: false });
    if (!profile) return notFound(reply);
    const name = `${profile.person.given_name} ${profile.person.family_name}`;
    return reply.code(form.errorSummary?.length ? 400 : 200).render("people/pages/person-leaver/view.njk", {
      pageTitle: `Record leaving for ${name}`,
      name,
      profileHref: `/people/${personId}`,
      reasonItems: checkedItems(reasonOptions, form.values.reason_code),
      destinationItems: selectItems(destinationOptions, form.values.destination_code, "Select a destination"),
      themeItems: checkedItems(exitThemeItems, form.values.exit_themes),
      values: form.values,
      errors: form.errors,
      errorSummary: form.errorSummary ?? [],
    });
  }

  app.get<{ Params: { personId: string } }>(
    "/people/:personId/leaver",
    { config: { permission: peoplePermissions.edit } },
    (request, reply) => render(request, reply, { values: {}, errors: {} }),
  );

  app.post<{ Params: { personId: string } }>(
    "/people/:personId/leaver",
    { config: { permission: peoplePermissions.edit, form: leaverForm } },
    async (request, reply) => {
      const { personId } = request.params;
      if (!isUuid(personId)) return notFound(reply);
      const result = request.formResult as FormResult<LeaverForm>;
      if (!result.ok) return render(request, reply, result);
      const f = result.data;
      try {
        await app.people.recordLeaver(request.tenantContext(), personId, {
          left_on: f.left_on,
          reason_code: f.reason_code,
          destination_code: f.destination_code,
          exit_themes: f.exit_themes,
          exit_notes: f.exit_notes,
        });
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        if (err.field === "person") return notFound(reply);
        const view = ruleErrorFor(err, { left_on: "left_on-day" });
        return render(request, reply, { values: request.body as Record<string, unknown>, ...view });
      }
      setNotice(request, `Leaving recorded: the last day is ${formatDate(f.left_on, false)}`);
      return reply.redirect(`/people/${personId}`, 303);
    },
  );
}
