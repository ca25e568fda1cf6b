import type { IsoDate } from "../../../platform/dates.js";

/**
 * Session times are entered and shown as Europe/London wall-clock times and stored as instants
 * (timestamptz). These helpers convert between the two and write them the GOV.UK way.
 */

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const HOUR = 3_600_000;
/** London's offset from UTC for each UTC hour asked about (it only changes on the hour). */
const offsets = new Map<number, number>();

function londonOffset(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const at = hour * HOUR;
    const p = Object.fromEntries(parts.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
    offset =
      Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - at;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/**
 * The London wall-clock date and minutes after midnight of an instant. The offset comes from
 * Intl's time zone data, asked once per hour of time (pages list hundreds of session times).
 */
export function londonWallClock(instant: Date): { date: IsoDate; minutes: number } {
  const wall = new Date(instant.getTime() + londonOffset(instant.getTime()));
  return {
    date: wall.toISOString().slice(0, 10),
    minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
  };
}

/** The instant of a London wall-clock time on a date (a time that does not exist in spring is moved on). */
export function londonInstant(date: IsoDate, minutes: number): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  const offset = (at: number) => {
    const w = londonWallClock(new Date(at));
    const [wy, wm, wd] = w.date.split("-").map(Number) as [number, number, number];
    return Date.UTC(wy, wm - 1, wd, 0, w.minutes) - at;
  };
  let guess = wall - offset(wall);
  guess = wall - offset(guess);
  return new Date(guess);
}

/** "9:30", "09:30", "9.30", "9:30am", "2pm", "14:00" -> minutes after midnight; null if not a time. */
export function parseTime(text: string): number | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(text.trim().replace(/\s+/g, ""));
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    if (hour === 12) hour = 0;
    if (half === "pm") hour += 12;
  } else if (hour > 23 || m[2] === undefined) {
    return null;
  }
  return hour * 60 + minute;
}

/** GOV.UK style: "9:30am", "10am", "midday", "4:30pm". */
export function timeText(minutes: number): string {
  if (minutes === 12 * 60) return "midday";
  if (minutes === 0) return "midnight";
  const h = Math.floor(minutes / 60);
  const min = minutes % 60;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}${min ? `:${String(min).padStart(2, "0")}` : ""}${h < 12 ? "am" : "pm"}`;
}

/** "14:30" for putting a stored time back in a form. */
export function timeValue(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}

const dayFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const dateFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "Tuesday 3 March 2027" for a calendar date. */
export function dayText(date: IsoDate): string {
  const p = Object.fromEntries(
    dayFormat.formatToParts(new Date(`${date}T00:00:00Z`)).map((x) => [x.type, x.value]),
  );
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** "3 March 2027" for a calendar date. */
export function dateText(date: IsoDate): string {
  return dateFormat.format(new Date(`${date}T00:00:00Z`));
}

/** "Tuesday 3 March 2027, 9:30am to 4:30pm" (the end's date too if it ends on another day). */
export function partText(startsAt: Date, endsAt: Date): string {
  const s = londonWallClock(startsAt);
  const e = londonWallClock(endsAt);
  const end = e.date === s.date ? timeText(e.minutes) : `${dayText(e.date)}, ${timeText(e.minutes)}`;
  return `${dayText(s.date)}, ${timeText(s.minutes)} to ${end}`;
}

/** "March 2027" for a yyyy-mm month. */
export function monthText(month: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** The month after (or before, with -1) a yyyy-mm month. */
export function addMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}
