import type { IsoDate } from "../../../platform/dates.js";
import { type Cell, cellText, suppressCount } from "../../../platform/privacy/suppression.js";

/**
 * Retention of past cohorts: of the NQSWs who completed (passed) the programme, how many were
 * still employed by the council 1, 2 and 3 years after their outcome, by intake year (the
 * programme year, 1 September to 31 August, of their cohort's intake). Pure.
 */
export const RETENTION_YEARS = [1, 2, 3] as const;
export type RetentionYears = (typeof RETENTION_YEARS)[number];

export interface Completer {
  personId: string;
  /** The cohort's intake date. */
  intakeOn: IsoDate;
  /** The day of the pass. */
  outcomeOn: IsoDate;
}

/** An assignment's dates (effective dated; `validTo` is its last day, null while open). */
export interface Spell {
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export interface RetentionPoint {
  years: RetentionYears;
  /** Completers whose anniversary has come (on or before today). */
  reached: number;
  /** Of those, how many had an assignment in force on the anniversary. */
  stillEmployed: number;
}

export interface IntakeRetention {
  /** The programme year's first calendar year: 2024 for "2024 to 2025". */
  year: number;
  label: string;
  completed: number;
  after: RetentionPoint[];
}

/** The programme year (1 September to 31 August) a date falls in, by its first calendar year. */
export function programmeYear(date: IsoDate): number {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}

export const programmeYearLabel = (year: number) => `${year} to ${year + 1}`;

/** The same day `years` later; 29 February becomes 28 February in a year that has none. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const target = y + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${target}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Whether any of the person's assignments is in force on the date (its first to last day). */
export function employedOn(spells: Spell[], date: IsoDate): boolean {
  return spells.some((s) => s.validFrom <= date && (s.validTo === null || s.validTo >= date));
}

/**
 * Retention by intake year, latest year first, then every intake together (year 0, "All
 * intakes": the figure the source documents give, e.g. "69 of 71 still with us", and one that is
 * seldom small enough to be hidden when a single year's is).
 */
export function retentionByIntake(
  completers: Completer[],
  spellsByPerson: Map<string, Spell[]>,
  today: IsoDate,
): IntakeRetention[] {
  const byYear = new Map<number, Completer[]>();
  for (const c of completers) {
    const year = programmeYear(c.intakeOn);
    byYear.set(year, [...(byYear.get(year) ?? []), c]);
  }
  const retention = (year: number, label: string, people: Completer[]): IntakeRetention => ({
    year,
    label,
    completed: people.length,
    after: RETENTION_YEARS.map((years) => {
      const reachedPeople = people.filter((p) => addYears(p.outcomeOn, years) <= today);
      const still = reachedPeople.filter((p) =>
        employedOn(spellsByPerson.get(p.personId) ?? [], addYears(p.outcomeOn, years)),
      );
      return { years, reached: reachedPeople.length, stillEmployed: still.length };
    }),
  });
  const years = [...byYear.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, people]) => retention(year, programmeYearLabel(year), people));
  return years.length > 1 ? [...years, retention(0, "All intakes", completers)] : years;
}

/** How a retention point reads on the page and in exports, after suppression. */
export interface RetentionPointView {
  text: string;
  /** The share still employed, for the chart; null when not shown. */
  percent: number | null;
  reached: Cell | null;
  stillEmployed: Cell | null;
}

/**
 * "69 of 71 still with us"; "not yet" before anyone's anniversary; counts from 1 to 4 show as
 * "fewer than 5". Why: retention is about small, named groups (an intake may be three NQSWs in
 * one team), so "2 of 3 still with us" would tell colleagues who left and when, which is personal
 * data about identifiable staff; the council's small numbers rule hides counts under 5. The
 * number who left is not a count shown here (only the two counts are), following the way the
 * source documents report it ("69 of 71 still with us").
 */
export function retentionPointView(point: RetentionPoint, completed: number): RetentionPointView {
  if (point.reached === 0) return { text: "not yet", percent: null, reached: null, stillEmployed: null };
  const reached = suppressCount(point.reached);
  const stillEmployed = suppressCount(point.stillEmployed);
  const rest = point.reached < completed ? " (the rest not yet)" : "";
  if (reached.suppressed)
    return { text: `fewer than 5 reached this point${rest}`, percent: null, reached, stillEmployed: null };
  const text = `${cellText(stillEmployed)} of ${cellText(reached)} still with us${rest}`;
  const percent = stillEmployed.suppressed ? null : Math.round((point.stillEmployed / point.reached) * 100);
  return { text, percent, reached, stillEmployed };
}
