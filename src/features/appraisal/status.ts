import type { IsoDate } from "../../platform/dates.js";

/**
 * Where an appraisal stands in its cycle, and which of its stages are overdue against the
 * cycle's due dates. A stage is overdue the day after its due date while it is not done; an
 * appraisal not started is overdue once the objectives are overdue.
 */
export type AppraisalStage = "not_started" | "started" | "objectives_agreed" | "mid_year_done" | "completed";

export const stageNames: Record<AppraisalStage, string> = {
  not_started: "Not started",
  started: "Started",
  objectives_agreed: "Objectives agreed",
  mid_year_done: "Mid-year done",
  completed: "Completed",
};

/** Tag classes: the words carry the meaning, the colour only repeats it. */
export const stageColours: Record<AppraisalStage, string> = {
  not_started: "govuk-tag--grey",
  started: "govuk-tag--light-blue",
  objectives_agreed: "govuk-tag--blue",
  mid_year_done: "govuk-tag--purple",
  completed: "govuk-tag--green",
};

export interface CycleDueDates {
  objectivesDueOn: IsoDate;
  midYearDueOn: IsoDate;
  completionDueOn: IsoDate;
}

export interface AppraisalProgress {
  /** Whether an appraisal is started in the cycle. */
  started: boolean;
  objectivesAgreedOn: IsoDate | null;
  midYearOn: IsoDate | null;
  completedOn: IsoDate | null;
}

export type OverdueStage = "objectives" | "mid_year" | "completion";

export const overdueNames: Record<OverdueStage, string> = {
  objectives: "Objectives overdue",
  mid_year: "Mid-year review overdue",
  completion: "Completion overdue",
};

export interface AppraisalStatus {
  stage: AppraisalStage;
  /** The stages past their due date and not done, earliest first. */
  overdue: OverdueStage[];
}

export function appraisalStatus(
  progress: AppraisalProgress | null,
  cycle: CycleDueDates,
  today: IsoDate,
): AppraisalStatus {
  const p = progress ?? { started: false, objectivesAgreedOn: null, midYearOn: null, completedOn: null };
  const stage: AppraisalStage = p.completedOn
    ? "completed"
    : p.midYearOn
      ? "mid_year_done"
      : p.objectivesAgreedOn
        ? "objectives_agreed"
        : p.started
          ? "started"
          : "not_started";
  const overdue: OverdueStage[] = [];
  if (!p.completedOn) {
    if (!p.objectivesAgreedOn && today > cycle.objectivesDueOn) overdue.push("objectives");
    if (!p.midYearOn && today > cycle.midYearDueOn) overdue.push("mid_year");
    if (today > cycle.completionDueOn) overdue.push("completion");
  }
  return { stage, overdue };
}

/** The tags of a status: the stage, and "Overdue" (red) when any stage is. */
export function statusTags(status: AppraisalStatus): { text: string; classes: string }[] {
  const tags = [{ text: stageNames[status.stage], classes: stageColours[status.stage] }];
  if (status.overdue.length > 0) tags.push({ text: "Overdue", classes: "govuk-tag--red" });
  return tags;
}

/** A status in words, for exports: "Objectives agreed; overdue: mid-year review". */
export function statusText(status: AppraisalStatus): string {
  const base = stageNames[status.stage];
  if (status.overdue.length === 0) return base;
  const names = status.overdue.map((o) => overdueNames[o].replace(" overdue", "").toLowerCase());
  return `${base}; overdue: ${names.join(", ")}`;
}
