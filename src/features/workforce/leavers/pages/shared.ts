import type { FastifyInstance, FastifyReply } from "fastify";
import type { AccessScope } from "../../../../platform/auth/principal.js";
import { isUuid } from "../../../../platform/http/request-helpers.js";
import { type Cell, cellText } from "../../../../platform/privacy/suppression.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import { subtreeIds } from "../../../people/org-tree.js";

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
export interface UnitChoice {
  unitId: string | null;
  name: string;
  /** The chosen unit and those below it; null for the whole council. */
  unitIds: string[] | null;
  items: { value: string; text: string; selected?: boolean }[];
}

/** Reads `?unit=`: null when it names anything but a unit the viewer reaches (answer 404). */
export async function readUnit(
  app: FastifyInstance,
  ctx: TenantContext,
  scope: AccessScope,
  value: unknown,
): Promise<UnitChoice | null> {
  const tree = await app.people.orgTree(ctx, scope);
  const rows = tree.rows;
  const unitId = typeof value === "string" && value !== "" ? value : null;
  const unit = unitId ? rows.find((r) => r.orgUnitId === unitId) : undefined;
  if (unitId && (!isUuid(unitId) || !unit)) return null;
  const all = scope.tenant ? "The whole council" : "All your teams";
  // A large council lists directorates, services and the chosen unit; teams are a click away.
  const pickable =
    rows.length <= 60 ? rows : rows.filter((r) => r.unitType !== "team" || r.orgUnitId === unitId);
  return {
    unitId,
    name: unit?.name ?? all,
    unitIds: unit ? subtreeIds(rows, unit.orgUnitId) : scope.tenant ? null : rows.map((r) => r.orgUnitId),
    items: [
      { value: "", text: all },
      ...pickable.map((r) => ({
        value: r.orgUnitId,
        text: `${"\u00a0\u00a0".repeat(r.depth)}${r.name}`,
        selected: r.orgUnitId === unitId,
      })),
    ],
  };
}

/** A suppressed count as the page and the exports show it. */
export function shownCell(cell: Cell): string {
  return cellText(cell);
}

/** FTE as people write it: 1, 0.5, 12.35. */
export function fte(n: number): string {
  return String(Math.round(n * 100) / 100);
}
