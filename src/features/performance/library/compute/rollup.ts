import { sql } from "kysely";
import type { IsoDate } from "../../../../platform/dates.js";
import type { TenantDb } from "../../../../platform/tenancy/data-access.js";

/**
 * The organisation as it stood on a date, and the roll-up every measure shares: each counted
 * thing (a person, a post, a leaving) sits in one or more units; it counts in those units, every
 * unit above them, and the council (null), once in each however many of its units share it.
 */
export interface UnitTree {
  /** The units in force on the date and their parents. */
  parentOf: Map<string, string | null>;
}

/** The units in force on the date (org_unit_versions valid then). */
export async function unitTreeOn(db: TenantDb, asAt: IsoDate): Promise<UnitTree> {
  const rows = await sql<{ org_unit_id: string; parent_id: string | null }>`
    select org_unit_id, parent_id from org_unit_versions
    where valid_from <= ${asAt} and (valid_to is null or valid_to >= ${asAt})`.execute(db);
  return treeOf(rows.rows.map((r) => ({ orgUnitId: r.org_unit_id, parentId: r.parent_id })));
}

export function treeOf(units: ReadonlyArray<{ orgUnitId: string; parentId: string | null }>): UnitTree {
  return { parentOf: new Map(units.map((u) => [u.orgUnitId, u.parentId])) };
}

/** A unit and the units above it (a unit not in force on the date: itself only). */
export function chainOf(tree: UnitTree, unitId: string): string[] {
  const chain: string[] = [];
  let at: string | null | undefined = unitId;
  while (at && !chain.includes(at)) {
    chain.push(at);
    at = tree.parentOf.get(at);
  }
  return chain;
}

/**
 * The things counted in each unit (with everything below it) and in the council (key null: all
 * of them). A thing in two units counts once in each and once in a unit above both.
 */
export function groupUp<T>(
  tree: UnitTree,
  items: readonly T[],
  unitsOf: (item: T) => readonly (string | null)[],
): Map<string | null, T[]> {
  const chains = new Map<string, string[]>();
  const out = new Map<string | null, T[]>([[null, [...items]]]);
  for (const item of items) {
    const seen = new Set<string>();
    for (const unitId of unitsOf(item)) {
      if (unitId === null) continue;
      let chain = chains.get(unitId);
      if (!chain) {
        chain = chainOf(tree, unitId);
        chains.set(unitId, chain);
      }
      for (const u of chain) seen.add(u);
    }
    for (const u of seen) {
      const list = out.get(u);
      if (list) list.push(item);
      else out.set(u, [item]);
    }
  }
  return out;
}
