import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { RuleError } from "../../../../platform/forms/rule-error.js";
import { formatDate } from "../../../../platform/views/render.js";
import { peoplePermissions } from "../../permissions.js";
import {
  checkedItems,
  contractTypeName,
  formatFte,
  fullName,
  isUuid,
  notFound,
  type Query,
  queryText,
  ruleErrorFor,
  selectItems,
  setNotice,
  unitOptions,
} from "../shared.js";
import { type MovePeopleForm, movePeopleForm } from "./schema.js";

/** `/people/move?from=unitId`: choose people in a team, the team they move to and the date. */
export async function peopleMoveRoutes(app: FastifyInstance): Promise<void> {
  async function render(request: FastifyRequest, reply: FastifyReply, from: string, form: FormState) {
    const ctx = request.tenantContext();
    const lookups = await app.people.lookups(ctx);
    const units = unitOptions(lookups.units);
    if (!isUuid(from)) {
      // First, which team: a GET form, so it works without JavaScript.
      return reply.render("people/pages/people-move/view.njk", {
        pageTitle: "Move people to another team",
        choosingTeam: true,
        fromItems: selectItems(units, "", "Select a team"),
        values: {},
        errors: {},
      });
    }
    const team = await app.people.teamView(ctx, from, app.people.today());
    if (!team) return notFound(reply);
    // A person with two assignments in the team is listed once.
    const members = new Map(team.members.map((m) => [m.personId, m]));
    const people = [...members.values()].map((m) => ({
      value: m.personId,
      text: fullName(m),
      hint: { text: `${m.jobRole}, ${contractTypeName(m.contractType)}, ${formatFte(m.fte)} FTE` },
    }));
    return reply.code(form.errorSummary?.length ? 400 : 200).render("people/pages/people-move/view.njk", {
      pageTitle: `Move people from ${team.unit.name}`,
      from,
      team: { name: team.unit.name, href: `/organisation/units/${from}` },
      personItems: checkedItems(people, form.values.person_ids),
      toItems: selectItems(
        units.filter((u) => u.value !== from),
        form.values.to_unit_id,
        "Select a team",
      ),
      values: form.values,
      errors: form.errors,
      errorSummary: form.errorSummary ?? [],
    });
  }

  app.get("/people/move", { config: { permission: peoplePermissions.edit } }, (request, reply) =>
    render(request, reply, queryText(request.query as Query, "from"), { values: {}, errors: {} }),
  );

  app.post(
    "/people/move",
    { config: { permission: peoplePermissions.edit, form: movePeopleForm } },
    async (request, reply) => {
      const result = request.formResult as FormResult<MovePeopleForm>;
      const body = request.body as Record<string, unknown>;
      const from = typeof body.from === "string" ? body.from : "";
      if (!result.ok) return render(request, reply, from, result);
      const f = result.data;
      const ctx = request.tenantContext();
      let moved: number;
      try {
        moved = await app.people.movePeople(ctx, f.person_ids, f.to_unit_id, f.moved_on);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        const view = ruleErrorFor(err, { org_unit_id: "to_unit_id" });
        return render(request, reply, from, { values: body, ...view });
      }
      if (moved === 0) {
        const message = "None of the people selected works in the team on the date of the move";
        return render(request, reply, from, {
          values: body,
          errors: { person_ids: message },
          errorSummary: [{ text: message, href: "#person_ids" }],
        });
      }
      const target = await app.people.teamView(ctx, f.to_unit_id, f.moved_on);
      setNotice(
        request,
        `${moved === 1 ? "1 person moves" : `${moved} people move`} to ${target?.unit.name ?? "the team"} from ${formatDate(f.moved_on, false)}`,
      );
      return reply.redirect(`/organisation/units/${f.to_unit_id}?asAt=${f.moved_on}`, 303);
    },
  );
}
