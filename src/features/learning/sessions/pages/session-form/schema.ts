import { z } from "zod";
import { checkDateParts } from "../../../../people/pages/date-input.js";
import type { PartInput, SessionInput } from "../../sessions.service.js";
import { parseTime } from "../../times.js";

/** The most part rows a form may have. */
export const MAX_PARTS = 20;

export interface SessionForm {
  action: "save" | "add_part";
  input: SessionInput;
  confirmClashes: boolean;
}

const str = (body: Record<string, unknown>, key: string): string => {
  const v = body[key];
  return (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "").trim();
};

const ordinal = (n: number) => `part ${n}`;

/**
 * The session form. Parts come as rows `part<n>_date-day/-month/-year`, `part<n>_start` and
 * `part<n>_end`; blank rows are ignored. Every problem is reported at once, keyed by field id.
 */
export const sessionForm = z.unknown().transform((raw, ctx): SessionForm => {
  const body = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const issue = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
  const action = str(body, "action") === "add_part" ? "add_part" : "save";

  const parts: PartInput[] = [];
  for (let n = 1; n <= MAX_PARTS; n++) {
    const key = `part${n}`;
    const date = {
      day: str(body, `${key}_date-day`),
      month: str(body, `${key}_date-month`),
      year: str(body, `${key}_date-year`),
    };
    const start = str(body, `${key}_start`);
    const end = str(body, `${key}_end`);
    if (!date.day && !date.month && !date.year && !start && !end) continue;
    const label = `The date of ${ordinal(n)}`;
    const check = checkDateParts(date, { label });
    let iso: string | null = null;
    if (!check.ok) issue(`${key}_date-${check.part}`, check.message);
    else if (check.date === null) issue(`${key}_date-day`, `Enter the date of ${ordinal(n)}`);
    else iso = check.date;
    const startMinutes = parseTime(start);
    if (!start) issue(`${key}_start`, `Enter the start time of ${ordinal(n)}`);
    else if (startMinutes === null) issue(`${key}_start`, `Start time must be a time, like 9:30am or 14:00`);
    const endMinutes = parseTime(end);
    if (!end) issue(`${key}_end`, `Enter the end time of ${ordinal(n)}`);
    else if (endMinutes === null) issue(`${key}_end`, `End time must be a time, like 4:30pm or 16:30`);
    if (iso && startMinutes !== null && endMinutes !== null) {
      parts.push({ date: iso, start: startMinutes, end: endMinutes, field: key });
    }
  }
  const anyPartIssue = ctx.issues?.length ?? 0;
  if (parts.length === 0 && anyPartIssue === 0) issue("part1_date-day", "Enter the date of part 1");

  const whole = (key: string, label: string, min: number, max: number, required: string | null) => {
    const v = str(body, key);
    if (!v) {
      if (required) issue(key, required);
      return min;
    }
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      issue(key, `${label} must be a whole number from ${min} to ${max}`);
      return min;
    }
    return Number(v);
  };
  const capacity = whole("capacity", "Number of places", 1, 1000, "Enter the number of places");
  const minimum = whole("minimum", "Minimum numbers", 0, 1000, null);

  const closes = checkDateParts(
    {
      day: str(body, "booking_closes-day"),
      month: str(body, "booking_closes-month"),
      year: str(body, "booking_closes-year"),
    },
    { label: "Booking close date" },
  );
  let bookingClosesOn = "";
  if (!closes.ok) issue(`booking_closes-${closes.part}`, closes.message);
  else if (closes.date === null) issue("booking_closes-day", "Enter the date booking closes");
  else bookingClosesOn = closes.date;

  const text = (key: string, label: string, max: number) => {
    const v = str(body, key).replace(/\s+/g, " ");
    if (v.length > max) issue(key, `${label} must be ${max} characters or fewer`);
    return v || null;
  };
  const venue = text("venue", "Venue", 200);
  const room = text("room", "Room", 100);
  const onlineLink = text("online_link", "Online link", 500);
  if (onlineLink && !/^https:\/\/[^\s/]+\.[^\s]+$/i.test(onlineLink)) {
    issue(
      "online_link",
      "Online link must be a web address starting https://, like https://teams.microsoft.com/...",
    );
  }
  if (!venue && !onlineLink) issue("venue", "Enter a venue, or an online link");
  if (room && !venue) issue("venue", "Enter the venue the room is in");

  const trainerText = typeof body.trainers === "string" ? body.trainers : "";
  const trainers = [
    ...new Set(
      trainerText
        .split(/\r?\n/)
        .map((l) => l.trim().replace(/\s+/g, " "))
        .filter(Boolean),
    ),
  ];
  if (trainers.some((t) => t.length > 100))
    issue("trainers", "Each trainer's name must be 100 characters or fewer");
  if (trainers.length > 20) issue("trainers", "Enter no more than 20 trainers");
  const notesText = (typeof body.notes === "string" ? body.notes : "").trim();
  if (notesText.length > 2000) issue("notes", "Notes must be 2,000 characters or fewer");

  return {
    action,
    confirmClashes: str(body, "confirmClashes") === "yes",
    input: {
      parts,
      capacity,
      minimum,
      bookingClosesOn,
      venue,
      room,
      onlineLink,
      trainers,
      notes: notesText || null,
    },
  };
});
