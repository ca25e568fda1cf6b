import { sql } from "kysely";
import { dateInLondon } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { CsvFileError, type CsvRecord, decodeCsv, readCsvChunks } from "../../people/feeds/csv.js";
import type { AttendanceStatus, BookingOutcome } from "../schema.js";
import type { SessionForBooking } from "./bookings.repository.js";
import { ProblemsError } from "./errors.js";

/** One person's attendance at one part, as the register page or an uploaded file gives it. */
export interface AttendanceEntry {
  bookingId: string;
  partNumber: number;
  status: AttendanceStatus;
  reason: string | null;
  /** Where the error summary links for a problem with this entry. */
  href: string;
}

/** A booking's outcome once every part is recorded; null while any part is not. */
export function outcomeOf(statuses: AttendanceStatus[], partCount: number): BookingOutcome | null {
  if (partCount === 0 || statuses.length < partCount) return null;
  if (statuses.every((s) => s === "attended")) return "completed";
  if (statuses.every((s) => s === "no_show")) return "no_show";
  return "partly_attended";
}

/** Writes the entries (upsert by booking and part), outcomes and learning records; all or nothing. */
export async function record(
  db: TenantDb,
  ctx: TenantContext,
  session: SessionForBooking,
  entries: AttendanceEntry[],
): Promise<number> {
  const parts = await db
    .selectFrom("learning_session_parts")
    .select(["id", "part_number", "starts_at"])
    .where("session_id", "=", session.id)
    .orderBy("part_number")
    .execute();
  const partByNumber = new Map(parts.map((p) => [p.part_number, p]));
  const booked = new Set(
    (
      await db
        .selectFrom("learning_bookings")
        .select("id")
        .where("session_id", "=", session.id)
        .where("status", "=", "booked")
        .execute()
    ).map((b) => b.id),
  );
  const problems: Array<{ text: string; href: string }> = [];
  for (const e of entries) {
    if (!booked.has(e.bookingId)) {
      problems.push({
        text: "Attendance can only be recorded for people booked on this session",
        href: e.href,
      });
    } else if (!partByNumber.has(e.partNumber)) {
      problems.push({ text: `This session has no part ${e.partNumber}`, href: e.href });
    }
  }
  if (problems.length > 0) throw new ProblemsError(problems);

  for (const e of entries) {
    const part = partByNumber.get(e.partNumber);
    if (!part) continue;
    const reason = e.status === "no_show" ? e.reason : null;
    await db
      .insertInto("learning_attendance")
      .values({
        booking_id: e.bookingId,
        part_id: part.id,
        status: e.status,
        no_show_reason: reason,
        recorded_by: ctx.actor.id,
      })
      .onConflict((oc) =>
        oc.columns(["booking_id", "part_id"]).doUpdateSet({
          status: e.status,
          no_show_reason: reason,
          recorded_by: ctx.actor.id,
          recorded_at: sql`now()`,
        }),
      )
      .execute();
  }

  const lastPart = parts.at(-1);
  for (const bookingId of new Set(entries.map((e) => e.bookingId))) {
    const rows = await db
      .selectFrom("learning_attendance")
      .select("status")
      .where("booking_id", "=", bookingId)
      .execute();
    const outcome = outcomeOf(
      rows.map((r) => r.status),
      parts.length,
    );
    await db.updateTable("learning_bookings").set({ outcome }).where("id", "=", bookingId).execute();
    if (outcome === "completed" && lastPart) {
      const booking = await db
        .selectFrom("learning_bookings")
        .select("person_id")
        .where("id", "=", bookingId)
        .executeTakeFirstOrThrow();
      const hours = session.cpdHours ?? session.durationHours;
      await db
        .insertInto("learning_records")
        .values({
          person_id: booking.person_id,
          course_id: session.courseId,
          title: session.courseTitle,
          completed_on: dateInLondon(new Date(lastPart.starts_at)),
          source: "attendance",
          hours: hours === null ? null : Number(hours),
          booking_id: bookingId,
          verification: "verified",
          created_by: ctx.actor.id,
        })
        .onConflict((oc) => oc.column("booking_id").where("booking_id", "is not", null).doNothing())
        .execute();
    } else {
      await db.deleteFrom("learning_records").where("booking_id", "=", bookingId).execute();
    }
  }
  return entries.length;
}

/** A row of an uploaded register, before it is matched to a booking. */
export interface RegisterRow {
  row: number;
  who: string;
  part: string;
  status: string;
  reason: string;
}

const statusWords: Record<string, AttendanceStatus> = {
  attended: "attended",
  "partly attended": "partly_attended",
  partly: "partly_attended",
  partly_attended: "partly_attended",
  "no-show": "no_show",
  "no show": "no_show",
  no_show: "no_show",
  noshow: "no_show",
};

const upload = (text: string) => ({ text, href: "#file" });

/** Reads an uploaded register: columns for the person, part, status and reason, by heading. */
export async function parseRegister(bytes: Uint8Array): Promise<RegisterRow[]> {
  const records: CsvRecord[] = [];
  try {
    for await (const chunk of readCsvChunks(decodeCsv(bytes))) records.push(...chunk);
  } catch (err) {
    if (err instanceof CsvFileError) throw new ProblemsError([upload(err.message)]);
    throw err;
  }
  const [header, ...data] = records;
  const headings = (header?.cells ?? []).map((h) => h.toLowerCase());
  const column = (test: RegExp) => headings.findIndex((h) => test.test(h));
  const who = column(/employee|email|person/);
  const part = column(/part/);
  const status = column(/status|attendance/);
  const reason = column(/reason/);
  if (who < 0 || status < 0) {
    throw new ProblemsError([
      upload("The file must have columns headed Employee number or email, Part, Status and Reason"),
    ]);
  }
  if (data.length === 0) throw new ProblemsError([upload("The file has no rows of attendance")]);
  const cell = (r: CsvRecord, i: number) => (i >= 0 ? (r.cells[i] ?? "").trim() : "");
  return data.map((r) => ({
    row: r.row,
    who: cell(r, who),
    part: cell(r, part),
    status: cell(r, status),
    reason: cell(r, reason),
  }));
}

/** Matches uploaded rows to this session's booked people; any bad row refuses the whole file. */
export async function entriesFromRows(
  db: TenantDb,
  sessionId: string,
  rows: RegisterRow[],
): Promise<AttendanceEntry[]> {
  const booked = await db
    .selectFrom("learning_bookings as b")
    .innerJoin("people as p", "p.id", "b.person_id")
    .select(["b.id", "p.employee_number", "p.email"])
    .where("b.session_id", "=", sessionId)
    .where("b.status", "=", "booked")
    .execute();
  const parts = await db
    .selectFrom("learning_session_parts")
    .select("part_number")
    .where("session_id", "=", sessionId)
    .execute();
  const partNumbers = new Set(parts.map((p) => p.part_number));
  const keys = [...new Set(rows.map((r) => r.who.toLowerCase()).filter(Boolean))];
  const known = keys.length
    ? await db
        .selectFrom("people")
        .select(["employee_number", "email"])
        .where((eb) =>
          eb.or([
            eb(sql<string>`lower(employee_number)`, "in", keys),
            eb(sql<string>`lower(email)`, "in", keys),
          ]),
        )
        .execute()
    : [];
  const knownKeys = new Set(known.flatMap((k) => [k.employee_number?.toLowerCase(), k.email?.toLowerCase()]));
  const bookingOf = new Map<string, string>();
  for (const b of booked) {
    if (b.employee_number) bookingOf.set(b.employee_number.toLowerCase(), b.id);
    if (b.email) bookingOf.set(b.email.toLowerCase(), b.id);
  }

  const problems: Array<{ text: string; href: string }> = [];
  const entries: AttendanceEntry[] = [];
  for (const r of rows) {
    const key = r.who.toLowerCase();
    const at = `Row ${r.row}`;
    const status = statusWords[r.status.toLowerCase().replace(/\s+/g, " ")];
    const partNumber = r.part === "" && partNumbers.size === 1 ? [...partNumbers][0] : Number(r.part);
    const bookingId = bookingOf.get(key);
    if (!key) problems.push(upload(`${at}: enter the person's employee number or email`));
    else if (!knownKeys.has(key))
      problems.push(upload(`${at}: no one has the employee number or email ${r.who}`));
    else if (!bookingId) problems.push(upload(`${at}: ${r.who} is not booked on this session`));
    if (!status) problems.push(upload(`${at}: status must be attended, partly attended or no-show`));
    if (partNumber === undefined || !Number.isInteger(partNumber) || !partNumbers.has(partNumber)) {
      problems.push(upload(`${at}: part must be the number of one of this session's parts`));
    }
    if (r.reason.length > 500) problems.push(upload(`${at}: reason must be 500 characters or fewer`));
    if (bookingId && status && partNumber !== undefined) {
      entries.push({ bookingId, partNumber, status, reason: r.reason || null, href: "#file" });
    }
  }
  if (problems.length > 0) throw new ProblemsError(problems);
  return entries;
}
