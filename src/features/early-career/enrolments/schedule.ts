import { addDays, type IsoDate } from "../../../platform/dates.js";
import { addMonths, daysBetween } from "../../learning/compliance/status.js";
import type { MilestoneOffset, MilestoneTemplate } from "../schema.js";

/**
 * The early career programme's date rules (pure). Programme time is counted in FULL-TIME days:
 * an offset of N months is the calendar days from the start to the same day N months on (weeks:
 * 7N days). Time accrues at the NQSW's FTE per calendar day (0.6 FTE: the days are divided by 0.6,
 * rounded up to a whole day) and not at all on paused days. Neither part-time nor a pause is an
 * extension: they move the dates, the programme's length stays the same.
 *
 * Day counting: the start date is the first day served; a milestone falls due on the day after its
 * last day of programme time, so full-time with no pause N months on is simply start + N months
 * (7 September + 3 months = 7 December). A pause covers from_on to to_on inclusive. A pause that
 * begins on or after the due date does not move it.
 *
 * An open pause (toOn null): the date cannot be known until it ends. It is worked out as if the
 * pause ended on `today` (or on its own first day if `today` is earlier or not given), so the date
 * shown is the earliest it can now be; the caller shows the enrolment as paused.
 */
export interface Pause {
  fromOn: IsoDate;
  toOn: IsoDate | null;
}

/** Full-time calendar days an offset stands for, counted from the start date. */
export function fullTimeDays(startOn: IsoDate, offset: MilestoneOffset): number {
  if ("weeks" in offset) return 7 * offset.weeks;
  return daysBetween(startOn, addMonths(startOn, offset.months));
}

/** Calendar days needed at an FTE: full-time days / FTE rounded up (FTE counted in thousandths). */
export function proRataDays(fullTime: number, fte: number): number {
  const thousandths = Math.round(fte * 1000);
  if (!(thousandths > 0 && thousandths <= 1000)) throw new RangeError(`FTE out of range: ${fte}`);
  return Math.ceil((fullTime * 1000) / thousandths);
}

/** The pauses as closed, sorted, merged periods from startOn on (open ones end on `today`). */
export function pausedPeriods(
  startOn: IsoDate,
  pauses: readonly Pause[],
  today?: IsoDate,
): Array<{ from: IsoDate; to: IsoDate }> {
  const closed = pauses
    .map((p) => {
      const to = p.toOn ?? (today !== undefined && today > p.fromOn ? today : p.fromOn);
      return { from: p.fromOn < startOn ? startOn : p.fromOn, to };
    })
    .filter((p) => p.to >= p.from)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Array<{ from: IsoDate; to: IsoDate }> = [];
  for (const p of closed) {
    const last = merged.at(-1);
    if (last && p.from <= addDays(last.to, 1)) {
      if (p.to > last.to) last.to = p.to;
    } else merged.push({ ...p });
  }
  return merged;
}

/**
 * The date on which `offset` of full-time programme time has been served, starting on startOn at
 * `fte`, with no time served on paused days.
 */
export function programmeDate(
  startOn: IsoDate,
  offset: MilestoneOffset,
  fte: number,
  pauses: readonly Pause[],
  today?: IsoDate,
): IsoDate {
  let remaining = proRataDays(fullTimeDays(startOn, offset), fte);
  let cursor = startOn;
  for (const p of pausedPeriods(startOn, pauses, today)) {
    if (p.from >= addDays(cursor, remaining)) break;
    remaining -= daysBetween(cursor, p.from);
    cursor = addDays(p.to, 1);
  }
  return addDays(cursor, remaining);
}

/** Every milestone of a template with its due date, in the template's order (sequence 1, 2, ...). */
export function milestoneDates(
  template: readonly MilestoneTemplate[],
  startOn: IsoDate,
  fte: number,
  pauses: readonly Pause[],
  today?: IsoDate,
): Array<MilestoneTemplate & { sequence: number; dueOn: IsoDate }> {
  return template.map((m, i) => ({
    ...m,
    sequence: i + 1,
    dueOn: programmeDate(startOn, m.at, fte, pauses, today),
  }));
}

/** The planned end: the programme's length served at the FTE, plus paused days. */
export function plannedEnd(
  lengthMonths: number,
  startOn: IsoDate,
  fte: number,
  pauses: readonly Pause[],
  today?: IsoDate,
): IsoDate {
  return programmeDate(startOn, { months: lengthMonths }, fte, pauses, today);
}
