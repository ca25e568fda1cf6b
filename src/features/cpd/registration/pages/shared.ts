import { paginationItems } from "../../../../platform/http/pagination.js";

export { pageNumber } from "../../../../platform/http/pagination.js";

import type { FastifyReply } from "fastify";
import { type SweStatus, sweStatusNames } from "../../../people/reference/domain.js";
import { type ReadinessState, stateColours, stateName } from "../readiness.js";
import type { RegistrationService } from "../registration.service.js";

export { can, isUuid } from "../../../../platform/http/request-helpers.js";

export interface PageOptions {
  registration: RegistrationService;
}

export const PAGE_SIZE = 50;

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
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

export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
