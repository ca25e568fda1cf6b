import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AccessScope } from "../../../../platform/auth/principal.js";
import { queryString } from "../../../../platform/http/query-string.js";
import { can, isUuid } from "../../../../platform/http/request-helpers.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import { performancePermissions } from "../../permissions.js";
import type { Period } from "../format.js";

export type Query = Record<string, unknown>;

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export function forbidden(reply: FastifyReply): FastifyReply {
  return reply.code(403).render("errors/403.njk");
}

export interface ViewerUnit {
  /** null: the whole council (only for council-wide viewers). */
  unitId: string | null;
  unitName: string;
  /** The units the viewer may choose, as GOV.UK select items. */
  unitItems: { value: string; text: string; selected: boolean }[];
}

/**
 * The unit `?unit=` names among those the viewer reaches (null when it names another, or none is
 * reachable); blank: the whole council for council-wide viewers, else their top unit.
 */
export async function viewerUnit(
  app: FastifyInstance,
  ctx: TenantContext,
  scope: AccessScope,
  unitParam: unknown,
): Promise<ViewerUnit | null> {
  const tree = await app.people.orgTree(ctx, scope, app.people.today());
  const visible = tree.rows;
  let unitId: string | null;
  const param = typeof unitParam === "string" ? unitParam : "";
  if (param !== "") {
    if (!isUuid(param) || !visible.some((u) => u.orgUnitId === param)) return null;
    unitId = param;
  } else if (scope.tenant) unitId = null;
  else {
    if (visible.length === 0) return null;
    const top = Math.min(...visible.map((u) => u.depth));
    unitId = visible.find((u) => u.depth === top)?.orgUnitId ?? null;
    if (unitId === null) return null;
  }
  const top = visible.length > 0 ? Math.min(...visible.map((u) => u.depth)) : 0;
  return {
    unitId,
    unitName: unitId ? (visible.find((u) => u.orgUnitId === unitId)?.name ?? "") : "The whole council",
    unitItems: [
      ...(scope.tenant ? [{ value: "", text: "The whole council", selected: unitId === null }] : []),
      ...visible.map((u) => ({
        value: u.orgUnitId,
        text: `${"– ".repeat(u.depth - top)}${u.name}`,
        selected: u.orgUnitId === unitId,
      })),
    ],
  };
}

/** The period chooser's items. */
export function periodItems(choices: readonly Period[], chosen: Period) {
  return choices.map((c) => ({
    value: c.periodEnd,
    text: c.live ? `${c.name} (this month, live)` : c.name,
    selected: c.periodEnd === chosen.periodEnd,
  }));
}

/** The URL of a page for a unit (null: the council, or the viewer's default) and period. */
export function pageUrl(path: string, unitId: string | null, period: Period | null): string {
  return `${path}${queryString({ unit: unitId, period: period && !period.live ? period.periodEnd : null })}`;
}

/** The performance hub's links the viewer may follow. */
export function hubLinks(app: FastifyInstance, request: FastifyRequest, current: string) {
  const manage = can(app, request, performancePermissions.manage);
  const councilWide = request.scope(performancePermissions.view).tenant;
  const links = [
    { href: "/performance", text: "Scorecard", show: true },
    { href: "/performance/targets", text: "Targets", show: manage },
    { href: "/performance/entries", text: "Entered values", show: manage },
    { href: "/performance/plans", text: "Action plans", show: true },
    { href: "/performance/board", text: "Board report", show: councilWide },
    { href: "/performance/measures", text: "Measure library", show: true },
  ];
  return links
    .filter((l) => l.show)
    .map((l) => ({ href: l.href, text: l.text, current: l.href === current }));
}
