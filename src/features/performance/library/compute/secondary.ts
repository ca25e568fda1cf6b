import type { MeasureValue } from "../api.js";
import { computedKeys, type MeasureKey, measureDefinitions } from "../definitions.js";
import type { UnitTree } from "./rollup.js";

/**
 * Secondary suppression down the tree. A figure counting 1 to 4 people is held back, but a unit's
 * figure is (near enough) the sum of the units directly below it, so beside its parent and
 * siblings a held-back figure could be worked out: the parent's numerator and denominator minus
 * the siblings'. Each parent with the units directly below it is such a line, as in a table's row
 * with its total (platform/privacy/suppression.ts does the same for tables). Wherever a line has
 * exactly one figure held back, one more is: the shown unit below counting fewest (smallest
 * denominator), or when the held-back one is the only unit below that counts anyone, the parent.
 * Repeated until no line has exactly one held back. Only measures under the small-numbers rule;
 * a figure that counts nobody is known anyway and is never the one hidden. Changes `values` in
 * place.
 */
export function suppressSiblings(
  tree: UnitTree,
  values: Map<string | null, Map<MeasureKey, MeasureValue>>,
): void {
  const below = new Map<string | null, string[]>();
  for (const [unitId, parentId] of tree.parentOf) {
    const parent = parentId !== null && tree.parentOf.has(parentId) ? parentId : null;
    below.set(parent, [...(below.get(parent) ?? []), unitId]);
  }
  for (const key of computedKeys.filter((k) => measureDefinitions[k].suppressSmall)) {
    const at = (unitId: string | null) => values.get(unitId)?.get(key);
    const hidden = (unitId: string | null) => at(unitId)?.suppressed === true;
    const countsSomeone = (unitId: string | null) => {
      const v = at(unitId);
      return v !== undefined && !v.suppressed && v.denominator !== null && v.denominator > 0;
    };
    const hide = (unitId: string | null) => {
      const v = at(unitId);
      if (v)
        values
          .get(unitId)
          ?.set(key, { ...v, value: null, numerator: null, denominator: null, suppressed: true });
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const [parent, units] of below) {
        const held = [parent, ...units].filter(hidden);
        if (held.length !== 1) continue;
        const fewest = units
          .filter(countsSomeone)
          .sort((a, b) => (at(a)?.denominator ?? 0) - (at(b)?.denominator ?? 0))[0];
        const pick = fewest ?? (held[0] !== parent && countsSomeone(parent) ? parent : undefined);
        if (pick === undefined) continue;
        hide(pick);
        changed = true;
      }
    }
  }
}
