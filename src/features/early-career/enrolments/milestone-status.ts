import { addDays, type IsoDate } from "../../../platform/dates.js";

/** Days before a due date that a milestone counts as "due soon". */
export const DUE_SOON_DAYS = 28;

export type MilestoneStatus = "completed" | "overdue" | "due_soon" | "not_yet_due" | "optional";

export const milestoneStatusNames: Record<MilestoneStatus, string> = {
  completed: "Completed",
  overdue: "Overdue",
  due_soon: "Due soon",
  not_yet_due: "Not yet due",
  optional: "Optional",
};

/** GOV.UK tag colours; the tag's words carry the meaning, the colour only repeats it. */
export const milestoneStatusTags: Record<MilestoneStatus, string> = {
  completed: "govuk-tag--green",
  overdue: "govuk-tag--red",
  due_soon: "govuk-tag--yellow",
  not_yet_due: "govuk-tag--grey",
  optional: "govuk-tag--blue",
};

/**
 * Where a milestone stands today: completed; an optional one not done is "optional" (never
 * overdue); overdue after its due date; due soon within 28 days of it; else not yet due.
 */
export function milestoneStatus(
  m: { dueOn: IsoDate; completedOn: IsoDate | null; optional: boolean },
  today: IsoDate,
): MilestoneStatus {
  if (m.completedOn) return "completed";
  if (m.optional) return "optional";
  if (m.dueOn < today) return "overdue";
  if (m.dueOn <= addDays(today, DUE_SOON_DAYS)) return "due_soon";
  return "not_yet_due";
}

/** The next milestone to do: the first not completed and not optional, by due date then order. */
export function nextMilestone<
  M extends { dueOn: IsoDate; completedOn: IsoDate | null; optional: boolean; sequence: number },
>(milestones: readonly M[]): M | undefined {
  return [...milestones]
    .filter((m) => !m.completedOn && !m.optional)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.sequence - b.sequence))[0];
}
