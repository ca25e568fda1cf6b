import type { Direction, Rag } from "../schema.js";

export interface TargetThresholds {
  direction: Direction;
  target: number;
  /** The value at which amber starts: red is worse than this, green meets the target. */
  amberFrom: number;
}

/** The RAG of a value against a target: green meets it, amber is no worse than `amberFrom`, red is worse. */
export function ragOf(value: number | null, t: TargetThresholds): Rag | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (t.direction === "higher") {
    if (value >= t.target) return "green";
    return value >= t.amberFrom ? "amber" : "red";
  }
  if (value <= t.target) return "green";
  return value <= t.amberFrom ? "amber" : "red";
}

export const ragNames: Record<Rag, string> = {
  green: "Green: on target",
  amber: "Amber: near target",
  red: "Red: off target",
};
export const ragTagClass: Record<Rag, string> = {
  green: "govuk-tag--green",
  amber: "govuk-tag--yellow",
  red: "govuk-tag--red",
};
