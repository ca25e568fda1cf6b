import type { UnitRow } from "./people.repository.js";

export interface UnitNode extends UnitRow {
  depth: number;
  children: UnitNode[];
}

/** Builds the organisation tree from the units in force on one date. Orphans become roots. */
export function buildTree(units: UnitRow[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.orgUnitId, { ...u, depth: 0, children: [] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const setDepth = (list: UnitNode[], depth: number) => {
    list.sort((a, b) => a.name.localeCompare(b.name));
    for (const n of list) {
      n.depth = depth;
      setDepth(n.children, depth + 1);
    }
  };
  setDepth(roots, 0);
  return roots;
}

/** The tree in display order, each node once, with its depth. */
export function flatten(roots: UnitNode[]): UnitNode[] {
  const out: UnitNode[] = [];
  const walk = (list: UnitNode[]) => {
    for (const n of list) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(roots);
  return out;
}

/** A unit and every unit below it. */
export function unitAndDescendants(roots: UnitNode[], unitId: string): string[] {
  const found = flatten(roots).find((n) => n.orgUnitId === unitId);
  return found ? flatten([found]).map((n) => n.orgUnitId) : [];
}

/** A unit's id and every unit below it, from a list of units with parent links (any order). */
export function subtreeIds(
  units: ReadonlyArray<{ orgUnitId: string; parentId: string | null }>,
  rootId: string,
): string[] {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const siblings = children.get(u.parentId);
    if (siblings) siblings.push(u.orgUnitId);
    else children.set(u.parentId, [u.orgUnitId]);
  }
  const seen = new Set<string>();
  const walk = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const c of children.get(id) ?? []) walk(c);
  };
  walk(rootId);
  return [...seen];
}
