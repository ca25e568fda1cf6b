import type { FastifyInstance, FastifyReply } from "fastify";
import type { AccessScope } from "../../../../platform/auth/principal.js";
import { type Cell, cellText } from "../../../../platform/privacy/suppression.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import { chooseUnit } from "../../../people/unit-choice.js";

export { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
export { setNotice, takeNotice } from "../../../../platform/http/notice.js";
export { queryString } from "../../../../platform/http/query-string.js";
export { can, isUuid } from "../../../../platform/http/request-helpers.js";

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export type Query = Record<string, unknown>;

export function queryText(query: Query, name: string): string {
  const v = query[name];
  return typeof v === "string" ? v.trim() : Array.isArray(v) && typeof v[0] === "string" ? v[0].trim() : "";
}

/** The unit chosen by `?unit=` among those the viewer reaches (null: all they reach). */
/** Reads `?unit=`: null when it names anything but a unit the viewer reaches (answer 404). */
export function readUnit(app: FastifyInstance, ctx: TenantContext, scope: AccessScope, value: unknown) {
  // A large council lists directorates, services and the chosen unit; teams are a click away.
  return chooseUnit(app, ctx, scope, value, { fallback: "all", maxListed: 60 });
}

/** A suppressed count as the page and the exports show it. */
export function shownCell(cell: Cell): string {
  return cellText(cell);
}

/** FTE as people write it: 1, 0.5, 12.35. */
export function fte(n: number): string {
  return String(Math.round(n * 100) / 100);
}
