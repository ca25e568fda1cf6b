import type { FastifyInstance, FastifyReply } from "fastify";
import type { AccessScope } from "../../../platform/auth/principal.js";
import { isUuid } from "../../../platform/http/request-helpers.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { subtreeIds } from "../../people/org-tree.js";
import type { CaseloadService } from "../caseloads.service.js";

export { exportFormat, sendExport } from "../../../platform/exports/exports.js";
export { pageNumber, paginationItems } from "../../../platform/http/pagination.js";
export { queryString } from "../../../platform/http/query-string.js";
export { can, isUuid } from "../../../platform/http/request-helpers.js";

export interface PageOptions {
  caseloads: CaseloadService;
}

export const PAGE_SIZE = 50;

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export interface UnitRow {
  orgUnitId: string;
  name: string;
  parentId: string | null;
  depth: number;
  unitType: string;
}

/** The units a viewer reaches and the one chosen by `?unit=` (null: all of them). */
export interface UnitChoice {
  unitId: string | null;
  unit: UnitRow | null;
  /** The chosen unit and those below it; null for the whole council. */
  unitIds: string[] | null;
  rows: UnitRow[];
  /** The units shown one level down: the chosen unit's children, or the top units in reach. */
  below: UnitRow[];
  items: { value: string; text: string; selected?: boolean }[];
  wholeCouncil: boolean;
}

/** Reads `?unit=`: null when it names something other than a unit in reach (answer 404). */
export async function readUnit(
  app: FastifyInstance,
  ctx: TenantContext,
  scope: AccessScope,
  value: unknown,
): Promise<UnitChoice | null> {
  const tree = await app.people.orgTree(ctx, scope);
  const rows: UnitRow[] = tree.rows.map((r) => ({
    orgUnitId: r.orgUnitId,
    name: r.name,
    parentId: r.parentId,
    depth: r.depth,
    unitType: r.unitType,
  }));
  const unitId = typeof value === "string" && value !== "" ? value : null;
  const unit = unitId ? (rows.find((r) => r.orgUnitId === unitId) ?? null) : null;
  if (unitId && (!isUuid(unitId) || !unit)) return null;
  const inReach = new Set(rows.map((r) => r.orgUnitId));
  const below = unit
    ? rows.filter((r) => r.parentId === unit.orgUnitId)
    : rows.filter((r) => !r.parentId || !inReach.has(r.parentId));
  return {
    unitId,
    unit,
    unitIds: unit ? subtreeIds(rows, unit.orgUnitId) : scope.tenant ? null : rows.map((r) => r.orgUnitId),
    rows,
    below,
    wholeCouncil: scope.tenant,
    items: [
      { value: "", text: scope.tenant ? "The whole council" : "All your teams" },
      ...pickable(rows, unitId).map((r) => ({
        value: r.orgUnitId,
        text: `${"\u00a0\u00a0".repeat(r.depth)}${r.name}`,
        selected: r.orgUnitId === unitId,
      })),
    ],
  };
}

/** The viewer reaches only their own record (a practitioner). */
export function onlySelf(scope: AccessScope): boolean {
  return !scope.tenant && scope.unitIds.length === 0 && !scope.reportsOf;
}

/** "14.8", or "No case holders" style empty text. */
export function decimal(n: number | null): string {
  return n === null ? "" : (Math.round(n * 10 + Number.EPSILON) / 10).toFixed(1);
}

/**
 * The units the picker lists: all of them for a small reach; for a large one (a council of
 * hundreds of teams) the directorates and services and the chosen unit, since teams are one
 * click away in the "Units" table, and a list of hundreds is neither usable nor quick to render.
 */
const PICKER_LIMIT = 60;
function pickable(rows: readonly UnitRow[], chosen: string | null): readonly UnitRow[] {
  if (rows.length <= PICKER_LIMIT) return rows;
  return rows.filter((r) => r.unitType !== "team" || r.orgUnitId === chosen);
}
