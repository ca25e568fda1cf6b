import type { FastifyInstance } from "fastify";
import type { AccessScope } from "../../platform/auth/principal.js";
import type { IsoDate } from "../../platform/dates.js";
import { isUuid } from "../../platform/http/request-helpers.js";
import type { TenantContext } from "../../platform/tenancy/data-access.js";
import { subtreeIds } from "./org-tree.js";
import type { PeopleService } from "./people.service.js";

type TreeRow = Awaited<ReturnType<PeopleService["orgTree"]>>["rows"][number];

export interface UnitChoice {
  /** The unit chosen; null: everything the viewer reaches (the whole council when council-wide). */
  unitId: string | null;
  unit: TreeRow | null;
  /** The unit's name, "The whole council" or "All your teams". */
  name: string;
  /** The chosen unit and every unit below it; null for the whole council. */
  unitIds: string[] | null;
  /** The units the viewer reaches (tree order) and the ones at the top of that reach. */
  rows: TreeRow[];
  tops: TreeRow[];
  /** The unit chooser's options (govukSelect items), the chosen one selected. */
  items: { value: string; text: string; selected?: boolean }[];
}

export interface UnitChoiceOptions {
  /** The date the tree is read on (default today). */
  asAt?: IsoDate;
  /**
   * With no unit asked for and a viewer who is not council-wide: "top" chooses the one unit at
   * the top of their reach ("all your teams" when there are several), "unit" always chooses one
   * (the first at the top) for pages that work out one unit's figures, "all" chooses none.
   */
  fallback?: "top" | "unit" | "all";
  /** List teams in the chooser only up to this many units (a large council picks teams from their service). */
  maxListed?: number;
}

/**
 * Reads `?unit=` against the units the viewer reaches (on the date asked, and today): the choice,
 * or null when it names anything else (the page answers 404, so a unit outside the scope cannot
 * be told from one that does not exist). One reading of the tree for every page with a unit chooser.
 */
export async function chooseUnit(
  app: FastifyInstance,
  ctx: TenantContext,
  scope: AccessScope,
  value: unknown,
  options: UnitChoiceOptions = {},
): Promise<UnitChoice | null> {
  const tree = await app.people.orgTree(ctx, scope, options.asAt);
  // Who may see a unit is decided today: a past date shows a unit as it stood then only if the
  // viewer reaches it now as well (a unit moved out of their service since is not theirs to open).
  const today = options.asAt === undefined || scope.tenant ? null : await app.people.orgTree(ctx, scope);
  const reachedToday = today ? new Set(today.rows.map((r) => r.orgUnitId)) : null;
  const rows = reachedToday ? tree.rows.filter((r) => reachedToday.has(r.orgUnitId)) : tree.rows;
  const given = typeof value === "string" && value !== "" ? value : null;
  const asked = given ? rows.find((r) => r.orgUnitId === given) : undefined;
  if (given && (!isUuid(given) || !asked)) return null;
  const reach = new Set(rows.map((r) => r.orgUnitId));
  const tops = rows.filter((r) => !r.parentId || !reach.has(r.parentId));
  const fallback = options.fallback ?? "top";
  const unit =
    asked ??
    (scope.tenant || fallback === "all" || (fallback === "top" && tops.length !== 1) ? undefined : tops[0]);
  const everything = scope.tenant ? "The whole council" : "All your teams";
  const offerEverything = scope.tenant || (fallback !== "unit" && (fallback === "all" || tops.length !== 1));
  const listed =
    options.maxListed !== undefined && rows.length > options.maxListed
      ? rows.filter((r) => r.unitType !== "team" || r.orgUnitId === unit?.orgUnitId)
      : rows;
  return {
    unitId: unit?.orgUnitId ?? null,
    unit: unit ?? null,
    name: unit?.name ?? everything,
    unitIds: unit ? subtreeIds(rows, unit.orgUnitId) : scope.tenant ? null : rows.map((r) => r.orgUnitId),
    rows,
    tops,
    items: unitItems(listed, unit?.orgUnitId, offerEverything ? everything : null),
  };
}

/** A unit chooser's options in tree order, indented by depth, with a first option for none (its text) when given. */
export function unitItems(
  rows: ReadonlyArray<{ orgUnitId: string; name: string; depth: number }>,
  chosen: unknown,
  first: string | null,
): { value: string; text: string; selected?: boolean }[] {
  return [
    ...(first === null ? [] : [{ value: "", text: first }]),
    ...rows.map((r) => ({
      value: r.orgUnitId,
      text: `${"\u00a0\u00a0".repeat(r.depth)}${r.name}`,
      selected: r.orgUnitId === chosen,
    })),
  ];
}
