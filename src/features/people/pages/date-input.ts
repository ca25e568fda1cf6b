import { z } from "zod";
import { type IsoDate, MONTH_NAMES } from "../../../platform/dates.js";

/**
 * GOV.UK date input (three fields, day, month and year, named `<name>-day`, `<name>-month` and
 * `<name>-year`) as zod schemas, with the Design System's error messages:
 *
 *   nothing entered     "Enter the leaving date" (or the `enter` message given)
 *   part missing        "Leaving date must include a month" / "... a day and month"
 *   impossible date     "Leaving date must be a real date"
 *   year not 4 digits   "Year must include 4 numbers"
 *
 * Each message's path is the first field to correct (`<name>-day`, `-month` or `-year`), so the
 * error summary links to that input, as the pattern asks. Month names ("Feb", "february") are
 * accepted, as the pattern recommends.
 *
 *   const schema = withDateInputs(z.object({ left_on: dateInput({ label: "Leaving date" }) }));
 *   // body { "left_on-day": "29", "left_on-month": "2", "left_on-year": "2024" } -> { left_on: "2024-02-29" }
 */

export const DATE_PARTS = ["day", "month", "year"] as const;
export type DatePart = (typeof DATE_PARTS)[number];
export type DateParts = Record<DatePart, string>;

export interface DateInputOptions {
  /** The date's name in messages, as it starts a sentence: "Leaving date". */
  label: string;
  /** The message when nothing is entered; "Enter the leaving date" unless given. */
  enter?: string;
}

function monthNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (lower.length < 3) return null;
  const index = MONTH_NAMES.findIndex((m) => m.toLowerCase().startsWith(lower));
  return index >= 0 ? index + 1 : null;
}

/**
 * A GOV.UK date input's three parts, read leniently, for schemas that check them later with
 * `checkDateParts` (in a transform or superRefine that knows the other fields).
 */
export const datePartsInput = z
  .unknown()
  .optional()
  .transform((value) => partsOf(value));

function partsOf(value: unknown): DateParts {
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const part = (key: DatePart) => {
    const v = record[key];
    return (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "").trim();
  };
  return { day: part("day"), month: part("month"), year: part("year") };
}

type Check = { ok: true; date: IsoDate | null } | { ok: false; part: DatePart; message: string };

/** Checks the three parts; `null` date when all are empty. */
export function checkDateParts(parts: DateParts, options: DateInputOptions): Check {
  const { label } = options;
  const missing = DATE_PARTS.filter((p) => parts[p] === "");
  if (missing.length === 3) return { ok: true, date: null };
  if (missing.length > 0) {
    const first = missing[0] as DatePart;
    return { ok: false, part: first, message: `${label} must include a ${missing.join(" and ")}` };
  }
  const real = { ok: false as const, message: `${label} must be a real date` };
  if (!/^\d{1,2}$/.test(parts.day)) return { ...real, part: "day" };
  const month = monthNumber(parts.month);
  if (month === null || month < 1 || month > 12) return { ...real, part: "month" };
  if (!/^\d+$/.test(parts.year)) return { ...real, part: "year" };
  if (parts.year.length !== 4) return { ok: false, part: "year", message: "Year must include 4 numbers" };
  const day = Number(parts.day);
  const year = Number(parts.year);
  const iso = `${parts.year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (day < 1 || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso || year < 1000) {
    return { ...real, part: "day" };
  }
  return { ok: true, date: iso };
}

function enterMessage(options: DateInputOptions): string {
  return options.enter ?? `Enter the ${options.label.charAt(0).toLowerCase()}${options.label.slice(1)}`;
}

function dateSchema(options: DateInputOptions, required: boolean) {
  // preprocess: a date whose fields were not sent at all reads as empty (not "missing").
  return z
    .preprocess((value) => value ?? {}, z.unknown())
    .transform((value, ctx): IsoDate | null => {
      const check = checkDateParts(partsOf(value), options);
      if (!check.ok) {
        ctx.addIssue({ code: "custom", path: [check.part], message: check.message });
        return z.NEVER;
      }
      if (check.date === null && required) {
        ctx.addIssue({ code: "custom", path: ["day"], message: enterMessage(options) });
        return z.NEVER;
      }
      return check.date;
    });
}

/** A date the user must give: an ISO date (yyyy-mm-dd). */
export function dateInput(options: DateInputOptions): z.ZodType<IsoDate> {
  return dateSchema(options, true) as z.ZodType<IsoDate>;
}

/** A date the user may leave empty: an ISO date or null. */
export function optionalDateInput(options: DateInputOptions): z.ZodType<IsoDate | null> {
  return dateSchema(options, false);
}

/**
 * Wraps a form's schema so each `<name>-day/-month/-year` trio in the body reaches the schema as
 * `<name>: { day, month, year }`; errors then come out keyed `<name>-day` etc. (validateForm joins
 * paths with "-"), the id of the input to correct.
 */
export function withDateInputs<S extends z.ZodType>(schema: S) {
  return z.preprocess((body) => gatherDateParts(body), schema);
}

export function gatherDateParts(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const match = /^(.+)-(day|month|year)$/.exec(key);
    if (!match) continue;
    const [, name, part] = match as unknown as [string, string, DatePart];
    const existing = out[name];
    const parts = (typeof existing === "object" && existing !== null ? existing : {}) as Record<
      string,
      unknown
    >;
    out[name] = { ...parts, [part]: value };
  }
  return out;
}

/** The form values that fill a date input with a stored date (for edit pages). */
export function dateInputValues(name: string, date: IsoDate | null | undefined): Record<string, string> {
  if (!date) return {};
  const [year = "", month = "", day = ""] = date.split("-");
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year,
  };
}

/**
 * Reads a date from a query string (a GET form such as "as at"): `<name>=yyyy-mm-dd`, or the
 * three fields of a date input. Returns the date, or the error to show against the input.
 */
export function dateFromQuery(
  query: Record<string, unknown>,
  name: string,
  options: DateInputOptions,
):
  | { given: false }
  | { given: true; ok: true; date: IsoDate; fromParts: boolean }
  | { given: true; ok: false; field: string; message: string } {
  const hasParts = DATE_PARTS.some((p) => typeof query[`${name}-${p}`] === "string");
  if (hasParts) {
    const parts = partsOf(
      Object.fromEntries(DATE_PARTS.map((p) => [p, query[`${name}-${p}`]])) as Record<string, unknown>,
    );
    const check = checkDateParts(parts, options);
    if (!check.ok) return { given: true, ok: false, field: `${name}-${check.part}`, message: check.message };
    if (check.date === null) return { given: false };
    return { given: true, ok: true, date: check.date, fromParts: true };
  }
  const raw = query[name];
  if (typeof raw !== "string" || raw.trim() === "") return { given: false };
  const [year = "", month = "", day = ""] = raw.trim().split("-");
  const check = checkDateParts({ day, month, year }, options);
  if (!check.ok || check.date === null || !/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) {
    return { given: true, ok: false, field: `${name}-day`, message: `${options.label} must be a real date` };
  }
  return { given: true, ok: true, date: check.date, fromParts: false };
}
