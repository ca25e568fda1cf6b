import { type IsoDate, monthName } from "../../../platform/dates.js";

/** Periods are calendar months named by their last day ("2026-10-31"). */
export function monthEnd(date: IsoDate): IsoDate {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0));
  return last.toISOString().slice(0, 10);
}

/** The last day of the month before the date's month. */
export function previousMonthEnd(date: IsoDate): IsoDate {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
}

/** The `count` month ends up to and including `last`'s month, oldest first. */
export function monthEnds(last: IsoDate, count: number): IsoDate[] {
  const [y, m] = last.split("-").map(Number) as [number, number];
  const out: IsoDate[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(new Date(Date.UTC(y, m - i, 0)).toISOString().slice(0, 10));
  return out;
}

/** "2026-10-31" as "October 2026". */
export function periodName(periodEnd: IsoDate): string {
  // From the list of month names, not toLocaleDateString: a page names a hundred months or more.
  const [y, m] = periodEnd.split("-").map(Number) as [number, number];
  return `${monthName(m)} ${y}`;
}

/** Whether a string is a month end date. */
export function isPeriodEnd(value: unknown): value is IsoDate {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && monthEnd(value) === value;
}
