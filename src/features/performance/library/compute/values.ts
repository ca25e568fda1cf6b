import { THRESHOLD } from "../../../../platform/privacy/suppression.js";
import { oneDecimal } from "../../../workforce/measures/formulas.js";
import type { MeasureValue } from "../api.js";
import { type MeasureKey, measureDefinitions } from "../definitions.js";

/**
 * A computed measure's value from its parts. `people` is how many people the figure counts (the
 * denominator's people, whatever the denominator's unit: FTE, requirements): a measure whose
 * definition suppresses small numbers is held back when it counts 1 to 4 people, its numerator
 * and denominator with it (they would give the figure away).
 */
export function measureValue(
  key: MeasureKey,
  parts: { numerator: number; denominator: number; people: number; scale?: number },
): MeasureValue {
  const { numerator, denominator, people } = parts;
  const base = { key, source: "computed" as const };
  if (denominator <= 0)
    return { ...base, value: null, numerator: null, denominator: null, suppressed: false };
  if (measureDefinitions[key].suppressSmall && people > 0 && people < THRESHOLD)
    return { ...base, value: null, numerator: null, denominator: null, suppressed: true };
  const scale = parts.scale ?? (measureDefinitions[key].format === "percent" ? 100 : 1);
  return {
    ...base,
    value: oneDecimal((numerator / denominator) * scale),
    numerator: round2(numerator),
    denominator: round2(denominator),
    suppressed: false,
  };
}

/** A count (students a year): the number itself, no denominator. */
export function countValue(key: MeasureKey, count: number): MeasureValue {
  return { key, source: "computed", value: count, numerator: count, denominator: null, suppressed: false };
}

/** Nothing to count. */
export function noValue(key: MeasureKey): MeasureValue {
  return { key, source: "computed", value: null, numerator: null, denominator: null, suppressed: false };
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The values of a family of measures for each unit asked (null: the council). */
export type FamilyValues = (unitId: string | null) => MeasureValue[];
