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
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
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
