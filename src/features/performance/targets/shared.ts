import { type MeasureKey, measureDefinitions } from "../library/definitions.js";

/** A measure's figure as the library formats it: "80%", "16", "4". */
export function figure(key: MeasureKey | string, value: number | null): string {
  if (value === null) return "";
  const text = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return measureDefinitions[key as MeasureKey]?.format === "percent" ? `${text}%` : text;
}
