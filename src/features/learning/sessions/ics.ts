/**
 * A small iCalendar (RFC 5545) writer for session calendars: one VEVENT per part, with stable
 * UIDs and the session's SEQUENCE, so a calendar replaces or cancels the events it already holds.
 * (ical-generator needs Node 22; `ics` brings a validation library for what is a few lines here.)
 */

export interface IcsEvent {
  uid: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string | null;
  description: string | null;
  url: string | null;
}

export interface IcsCalendar {
  method: "REQUEST" | "CANCEL" | "PUBLISH";
  sequence: number;
  stamp: Date;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  organizer: { name: string; email: string } | null;
  attendee: { name: string; email: string } | null;
  events: IcsEvent[];
}

const stampOf = (d: Date) => `${d.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;

/** TEXT values: backslash, semicolon, comma and line breaks escaped. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

const quoteParam = (value: string) => `"${value.replace(/["\r\n]/g, "")}"`;

/** Lines longer than 75 octets are folded: CRLF and a space, never splitting a character. */
export function foldLine(line: string): string {
  const bytes = (s: string) => Buffer.byteLength(s, "utf8");
  if (bytes(line) <= 75) return line;
  const out: string[] = [];
  let current = "";
  let limit = 75;
  for (const ch of line) {
    if (bytes(current + ch) > limit) {
      out.push(current);
      current = "";
      limit = 74; // continuation lines start with a space
    }
    current += ch;
  }
  out.push(current);
  return out.join("\r\n ");
}

export function writeCalendar(cal: IcsCalendar): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Workforce Academy//Learning sessions//EN",
    "CALSCALE:GREGORIAN",
    `METHOD:${cal.method}`,
  ];
  for (const e of cal.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `SEQUENCE:${cal.sequence}`,
      `DTSTAMP:${stampOf(cal.stamp)}`,
      `DTSTART:${stampOf(e.startsAt)}`,
      `DTEND:${stampOf(e.endsAt)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `STATUS:${cal.status}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    if (cal.organizer) {
      lines.push(`ORGANIZER;CN=${quoteParam(cal.organizer.name)}:mailto:${cal.organizer.email}`);
    }
    if (cal.attendee) {
      const partstat = cal.status === "CONFIRMED" ? "ACCEPTED" : "TENTATIVE";
      lines.push(
        `ATTENDEE;CN=${quoteParam(cal.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat}:mailto:${cal.attendee.email}`,
      );
    }
    if (cal.status === "CANCELLED") lines.push("TRANSP:TRANSPARENT");
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
