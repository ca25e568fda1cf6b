import { paginationItems } from "../../../../platform/http/pagination.js";

export { pageNumber } from "../../../../platform/http/pagination.js";

import type { FastifyReply } from "fastify";
import type { AccessScope } from "../../../../platform/auth/principal.js";
import { isUuid } from "../../../../platform/http/request-helpers.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import { type SweStatus, sweStatusNames } from "../../../people/reference/domain.js";
import { type ReadinessState, stateColours, stateName } from "../readiness.js";
import { type RegistrationService, subtree } from "../registration.service.js";

export { queryString } from "../../../../platform/http/query-string.js";
export { can, isUuid } from "../../../../platform/http/request-helpers.js";

export interface PageOptions {
  registration: RegistrationService;
}

export const PAGE_SIZE = 50;

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

/** The team filter of a registration list (`?unit=`), among the units in the viewer's scope. */
export interface UnitFilter {
  /** The unit chosen, or null for all teams. */
  unitId: string | null;
  /** The units the choice stands for (itself and everything below it), or null for all. */
  unitIds: string[] | null;
  unitNames: Map<string, string>;
  /** The choices as GOV.UK select items, "All teams" first. */
  unitItems: { value: string; text: string; selected?: boolean }[];
}

/**
 * Reads the team filter of a registration list from the query's `unit`: null when it names
 * something other than a unit in the viewer's scope (answer 404).
 */
export async function readUnitFilter(
  registration: RegistrationService,
  ctx: TenantContext,
  scope: AccessScope,
  value: unknown,
): Promise<UnitFilter | null> {
  const units = await registration.unitChoices(ctx, scope);
  const unitId = typeof value === "string" && value !== "" ? value : null;
  if (unitId && (!isUuid(unitId) || !units.some((u) => u.orgUnitId === unitId))) return null;
  return {
    unitId,
    unitIds: unitId ? subtree(units, unitId) : null,
    unitNames: new Map(units.map((u) => [u.orgUnitId, u.name])),
    unitItems: [
      { value: "", text: "All teams" },
      ...units.map((u) => ({
        value: u.orgUnitId,
        text: `${"\u00a0\u00a0".repeat(u.depth)}${u.name}`,
        selected: u.orgUnitId === unitId,
      })),
    ],
  };
}

/** A readiness state as a GOV.UK tag. */
export function stateTag(state: ReadinessState, sweStatus: SweStatus | null) {
  return { text: stateName(state, sweStatus), classes: `govuk-tag--${stateColours[state]}` };
}

export function sweStatusName(value: string | null | undefined): string {
  return value ? (sweStatusNames[value as SweStatus] ?? value) : "";
}

/** A registration year from the query (its end year), among those offered; null when not one. */
export function yearFromQuery(value: unknown, current: number, earlier = 4): number | null {
  if (value === undefined || value === "") return current;
  const n = Number(value);
  return Number.isInteger(n) && n <= current && n >= current - earlier ? n : null;
}

/** GOV.UK pagination for a list of more than one page (null for one page). */
export function paginationView(page: number, pageCount: number, href: (n: number) => string) {
  return pageCount > 1 ? paginationItems(page, pageCount, href) : null;
}
