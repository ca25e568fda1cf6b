import type { FastifyInstance, FastifyReply } from "fastify";
import type { AccessScope } from "../../../../platform/auth/principal.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import { chooseUnit, unitItems } from "../../../people/unit-choice.js";
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
  const choice = await chooseUnit(app, ctx, scope, value, { fallback: "all" });
  if (!choice) return null;
  return {
    ...choice,
    names: new Map(choice.rows.map((r) => [r.orgUnitId, r.name])),
    items: (chosen: unknown, first: string) => unitItems(choice.rows, chosen, first),
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
