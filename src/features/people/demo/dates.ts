import type { IsoDate } from "../../../platform/dates.js";

/** Calendar arithmetic for the generator on day numbers (days since 1970-01-01, UTC): fast and exact. */
const DAY_MS = 86_400_000;

export function dayNumber(date: IsoDate): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function isoDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The same day n years later (29 February becomes 28 February). */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return isoOf(y + years, m, Math.min(d, last));
}

/** The first day of the month, `months` months from the date's month. */
export function firstOfMonth(date: IsoDate, months = 0): IsoDate {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  return first.toISOString().slice(0, 10);
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

function isoOf(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Whole years from one day number to another (someone's age). */
export function yearsBetween(from: number, to: number): number {
  const a = isoDay(from);
  const b = isoDay(to);
  let years = yearOf(b) - yearOf(a);
  if (b.slice(5) < a.slice(5)) years -= 1;
  return years;
}
