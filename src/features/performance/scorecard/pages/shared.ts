import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AccessScope } from "../../../../platform/auth/principal.js";
import { queryString } from "../../../../platform/http/query-string.js";
import { can } from "../../../../platform/http/request-helpers.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import { chooseUnit, type UnitChoice } from "../../../people/unit-choice.js";
import { performancePermissions } from "../../permissions.js";
import { type Period, readPeriod } from "../format.js";

export type Query = Record<string, unknown>;

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export function forbidden(reply: FastifyReply): FastifyReply {
  return reply.code(403).render("errors/403.njk");
}

export type ViewerUnit = UnitChoice;

/**
 * The unit `?unit=` names among those the viewer reaches (null when it names another, or none is
 * reachable); blank: the whole council for council-wide viewers, else their top unit. The
 * scorecard's default, also the director's home panel's.
 */
export async function viewerUnit(
  app: FastifyInstance,
  ctx: TenantContext,
  scope: AccessScope,
  unitParam: unknown,
): Promise<ViewerUnit | null> {
  // A large council's chooser lists its directorates and services (and the unit shown): teams are
  // reached through the drill-down. 580 options cost a page 7 ms to render, and a reader a long list.
  const choice = await chooseUnit(app, ctx, scope, unitParam, { fallback: "unit", maxListed: 60 });
  // A viewer held on some units who reaches none has no scorecard (never the council's).
  return choice && (choice.unitId !== null || scope.tenant) ? choice : null;
}

/**
 * What a scorecard page's query names: the unit (as viewerUnit) and the month (blank: this
 * month, live); null when either names anything else (the page answers 404).
 */
export async function readUnitAndPeriod(
  app: FastifyInstance,
  request: FastifyRequest<{ Querystring: Query }>,
) {
  const scope = request.scope(performancePermissions.view);
  const ctx = request.tenantContext();
  const today = app.people.today();
  const period = readPeriod(request.query.period, today, "current");
  if (!period) return null;
  const unit = await viewerUnit(app, ctx, scope, request.query.unit);
  if (!unit) return null;
  return { scope, ctx, today, period, unit };
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
