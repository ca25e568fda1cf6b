import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult } from "../../../../platform/forms/form.js";
import { RuleError } from "../../../../platform/forms/rule-error.js";
import { formatDate } from "../../../../platform/views/render.js";
import { peoplePermissions } from "../../permissions.js";
import {
  isUuid,
  notFound,
  ruleErrorFor,
  selectItems,
  setNotice,
  unitOptions,
  unitTypeNames,
} from "../shared.js";
import { type MoveUnitForm, moveUnitForm } from "./schema.js";

/** `/organisation/units/:unitId/move`: a restructure, from a date the team sits under a new parent. */
export async function organisationUnitMoveRoutes(app: FastifyInstance): Promise<void> {
  type Req = FastifyRequest<{ Params: { unitId: string } }>;

  async function render(
    request: Req,
    reply: FastifyReply,
    form: { values: Record<string, unknown>; errors: Record<string, string>; errorSummary?: unknown[] },
  ) {
    const { unitId } = request.params;
    if (!isUuid(unitId)) return notFound(reply);
    const ctx = request.tenantContext();
    const [team, lookups] = await Promise.all([
      app.people.teamView(ctx, unitId, app.people.today()),
      app.people.lookups(ctx),
    ]);
    if (!team) return notFound(reply);
    const self = lookups.units.find((u) => u.orgUnitId === unitId);
    const below = new Set<string>();
    const walk = (node: NonNullable<typeof self>) => {
      below.add(node.orgUnitId);
      for (const c of node.children) walk(c);
    };
    if (self) walk(self);
    const parent = team.ancestry.length > 1 ? team.ancestry[team.ancestry.length - 2] : undefined;
    const candidates = unitOptions(lookups.units.filter((u) => !below.has(u.orgUnitId)));
    const type = (unitTypeNames[team.unit.unitType] ?? team.unit.unitType).toLowerCase();
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("people/pages/organisation-unit-move/view.njk", {
        pageTitle: `Move ${team.unit.name}`,
        unit: { name: team.unit.name, type, href: `/organisation/units/${unitId}` },
        currentParent: parent?.name ?? null,
        parentItems: selectItems(
          [{ value: "top", text: "The top of the organisation (no parent)" }, ...candidates],
          form.values.parent_id,
          "Select a unit",
        ),
        values: form.values,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
      });
  }

  app.get<{ Params: { unitId: string } }>(
    "/organisation/units/:unitId/move",
    { config: { permission: peoplePermissions.manageOrganisation } },
    (request, reply) => render(request, reply, { values: {}, errors: {} }),
  );

  app.post<{ Params: { unitId: string } }>(
    "/organisation/units/:unitId/move",
    { config: { permission: peoplePermissions.manageOrganisation, form: moveUnitForm } },
    async (request, reply) => {
      const result = request.formResult as FormResult<MoveUnitForm>;
      const { unitId } = request.params;
      if (!isUuid(unitId)) return notFound(reply);
      if (!result.ok) return render(request, reply, result);
      const { parent_id, moved_on } = result.data;
      const ctx = request.tenantContext();
      try {
        await app.people.moveUnit(ctx, unitId, parent_id === "top" ? null : parent_id, moved_on);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        const view = ruleErrorFor(err, { unit: "moved_on-day" });
        return render(request, reply, { values: request.body as Record<string, unknown>, ...view });
      }
      const after = await app.people.teamView(ctx, unitId, moved_on);
      const parentName = after?.ancestry.at(-2)?.name;
      setNotice(
        request,
        `${after?.unit.name ?? "The unit"} is part of ${parentName ?? "the top of the organisation"} from ${formatDate(moved_on, false)}`,
      );
      return reply.redirect(`/organisation/units/${unitId}?asAt=${moved_on}`, 303);
    },
  );
}
