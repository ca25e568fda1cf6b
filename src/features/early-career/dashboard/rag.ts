import { addDays, type IsoDate } from "../../../platform/dates.js";
import type { Judgement } from "../schema.js";

/**
 * How an NQSW's programme is going, as the co-ordinator's dashboard shows it: red, amber or green,
 * always with the reasons in words (the tag shows the word, never colour alone). Pure.
 *
 * Red when any of:
 *   - a milestone that is not optional is overdue (due before today and not completed);
 *   - the latest review judged the NQSW not on track;
 *   - protection is breached (caseload over the cap or development time below the share).
 * Amber, when not red, when any of:
 *   - the latest review had some concerns;
 *   - a milestone that is not optional is due within the next 14 days and has no review yet;
 *   - evidence coverage is behind time: the share of standards evidenced is less than the share
 *     of the programme elapsed minus 25 points (e.g. half way through with under 25% covered).
 * Green otherwise.
 */
export type Rag = "red" | "amber" | "green";
export const rags: readonly Rag[] = ["red", "amber", "green"];
export const ragNames: Record<Rag, string> = { red: "Red", amber: "Amber", green: "Green" };

/** How many days ahead a milestone with no review makes the NQSW amber. */
export const DUE_SOON_DAYS = 14;
/** How many points behind the share of the programme elapsed evidence coverage may fall. */
export const COVERAGE_SLACK_POINTS = 25;

export interface RagMilestone {
  name: string;
  dueOn: IsoDate;
  completedOn: IsoDate | null;
  optional: boolean;
  /** A review is recorded against it (even if not yet completed). */
  reviewed: boolean;
}

export interface RagInput {
  today: IsoDate;
  startOn: IsoDate;
  endOn: IsoDate;
  milestones: RagMilestone[];
  /** The judgement of the latest review (by the day it was held), if any. */
  latestJudgement: Judgement | null;
  protectionBreached: boolean;
  /** Standards evidenced of those assessed; null when not known. */
  coverage: { covered: number; total: number } | null;
}

export interface RagResult {
  rag: Rag;
  /** Why, in words, most serious first (empty when green). */
  reasons: string[];
}

/** The share of the programme elapsed on `today`, 0 to 1. */
export function elapsedShare(startOn: IsoDate, endOn: IsoDate, today: IsoDate): number {
  const day = (d: IsoDate) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const length = day(endOn) - day(startOn);
  if (length <= 0) return 1;
  return Math.min(1, Math.max(0, (day(today) - day(startOn)) / length));
}

/** Whether evidence coverage lags the time elapsed by more than the slack. */
export function coverageBehind(
  coverage: { covered: number; total: number } | null,
  elapsed: number,
): boolean {
  if (!coverage || coverage.total === 0) return false;
  return (coverage.covered / coverage.total) * 100 < elapsed * 100 - COVERAGE_SLACK_POINTS;
}

export function ragStatus(input: RagInput): RagResult {
  const { today } = input;
  const open = input.milestones.filter((m) => m.completedOn === null && !m.optional);
  const red: string[] = [];
  const amber: string[] = [];

  for (const m of open.filter((m) => m.dueOn < today)) red.push(`${m.name} overdue`);
  if (input.latestJudgement === "not_on_track") red.push("Latest review: not on track");
  if (input.protectionBreached) red.push("Protection breached");

  if (input.latestJudgement === "some_concerns") amber.push("Latest review: some concerns");
  const soon = addDays(today, DUE_SOON_DAYS);
  for (const m of open.filter((m) => m.dueOn >= today && m.dueOn <= soon && !m.reviewed))
    amber.push(`${m.name} due within ${DUE_SOON_DAYS} days`);
  if (coverageBehind(input.coverage, elapsedShare(input.startOn, input.endOn, today)))
    amber.push("Evidence behind time");

  if (red.length > 0) return { rag: "red", reasons: [...red, ...amber] };
  if (amber.length > 0) return { rag: "amber", reasons: amber };
  return { rag: "green", reasons: [] };
}

/**
 * The next milestone: the earliest not completed, by due date. An optional milestone whose day
 * has passed is left out (it was not held), so it neither shows as next nor as overdue.
 */
export function nextMilestone<M extends { dueOn: IsoDate; completedOn: IsoDate | null; optional: boolean }>(
  milestones: M[],
  today: IsoDate,
): M | null {
  return (
    milestones
      .filter((m) => m.completedOn === null && !(m.optional && m.dueOn < today))
      .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))[0] ?? null
  );
}
