import type { FastifyInstance, FastifyReply } from "fastify";
import type { AccessScope } from "../../../../platform/auth/principal.js";
import { isUuid } from "../../../../platform/http/request-helpers.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import { subtreeIds } from "../../../people/org-tree.js";
import { workforcePermissions } from "../../permissions.js";
import type { RecruitmentService } from "../recruitment.service.js";

export const permission = workforcePermissions.recruit;

export interface PageOptions {
  recruitment: RecruitmentService;
}

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

/** The units the viewer recruits for and the one `?unit=` chose; null when it names another. */
export async function unitsInScope(
  app: FastifyInstance,
  ctx: TenantContext,
  scope: AccessScope,
  value: unknown,
) {
  const tree = await app.people.orgTree(ctx, scope);
  const rows = tree.rows.map((r) => ({
    orgUnitId: r.orgUnitId,
    name: r.name,
    parentId: r.parentId,
    depth: r.depth,
  }));
  const unitId = typeof value === "string" && value !== "" ? value : null;
  const unit = unitId ? rows.find((r) => r.orgUnitId === unitId) : undefined;
  if (unitId && (!isUuid(unitId) || !unit)) return null;
  return {
    unitId,
    unit: unit ?? null,
    rows,
    names: new Map(rows.map((r) => [r.orgUnitId, r.name])),
    /** null: every unit in the council. */
    unitIds: unit ? subtreeIds(rows, unit.orgUnitId) : scope.tenant ? null : rows.map((r) => r.orgUnitId),
    items: (chosen: unknown, first: string) => [
      { value: "", text: first },
      ...rows.map((r) => ({
        value: r.orgUnitId,
        text: `${"\u00a0\u00a0".repeat(r.depth)}${r.name}`,
        selected: r.orgUnitId === chosen,
      })),
    ],
  };
}

export const selectItems = (
  list: { value: string; text: string }[],
  chosen: unknown,
  none: string | null,
) => [
  ...(none === null ? [] : [{ value: "", text: none }]),
  ...list.map((i) => ({ ...i, selected: i.value === chosen })),
];

/** Checkbox items with those in `chosen` ticked (a form's value is a string or a list). */
export function checkItems(list: { value: string; text: string }[], chosen: unknown) {
  const set = new Set(Array.isArray(chosen) ? chosen : typeof chosen === "string" ? [chosen] : []);
  return list.map((i) => ({ ...i, checked: set.has(i.value) }));
}
