/** Calendar dates as ISO strings (yyyy-mm-dd): what every "as at" and effective date uses. */
export type IsoDate = string;

const londonDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date in England at an instant (the clock's "today"). */
export function dateInLondon(instant: Date): IsoDate {
  return londonDate.format(instant);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date in yyyy-mm-dd form (not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  // Checked by arithmetic, not by building a Date: the compliance rules check every date they are given.
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days in a month (1 to 12) of a year, by the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The months as GOV.UK writes them, January first. */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** "Jan" to "Dec", for chart axes and compact tables. */
export const SHORT_MONTH_NAMES = MONTH_NAMES.map((m) => m.slice(0, 3));

/** A month's name from its number (1 to 12); "" for any other number. */
export function monthName(month: number, short = false): string {
  return (short ? SHORT_MONTH_NAMES : MONTH_NAMES)[month - 1] ?? "";
}
