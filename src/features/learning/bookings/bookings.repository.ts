import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { type PeopleScope, personInScope } from "../../people/scope.repository.js";

/** A council's booking rules, with the defaults when it has not set them. */
export interface BookingSettings {
  offerHours: number;
  cancelCutoffDays: number;
  waitingPriority: string[];
}

export async function settingsOf(db: TenantDb): Promise<BookingSettings> {
  const row = await db.selectFrom("learning_settings").selectAll().executeTakeFirst();
  return {
    offerHours: row?.offer_hours ?? 48,
    cancelCutoffDays: row?.cancel_cutoff_days ?? 2,
    waitingPriority: row?.waiting_priority ?? ["nqsw", "overdue"],
  };
}

/** A session with its course and dates, as the booking rules need it. */
export interface SessionForBooking {
  id: string;
  courseId: string;
  courseTitle: string;
  bookingRoute: string;
  capacity: number;
  status: string;
  bookingClosesOn: string;
  firstStartsAt: Date | null;
  lastStartsAt: Date | null;
  partCount: number;
  cpdHours: string | null;
  durationHours: string | null;
  costPence: number | null;
  venue: string | null;
}

/**
 * The session, locked (`for update`) when places are about to be counted and taken, so two
 * bookings cannot both take the last place.
 */
export async function sessionForBooking(
  db: TenantDb,
  sessionId: string,
  options: { lock: boolean },
): Promise<SessionForBooking | undefined> {
  if (options.lock) {
    const locked = await db
      .selectFrom("learning_sessions")
      .select("id")
      .where("id", "=", sessionId)
      .forUpdate()
      .executeTakeFirst();
    if (!locked) return undefined;
  }
  const row = await db
    .selectFrom("learning_sessions as s")
    .innerJoin("learning_courses as c", "c.id", "s.course_id")
    .select((eb) => [
      "s.id",
      "s.course_id as courseId",
      "c.title as courseTitle",
      "c.booking_route as bookingRoute",
      "s.capacity",
      "s.status",
      "s.booking_closes_on as bookingClosesOn",
      "c.cpd_hours as cpdHours",
      "c.duration_hours as durationHours",
      "c.cost_pence as costPence",
      "s.venue",
      eb
        .selectFrom("learning_session_parts as p")
        .select((e) => e.fn.min("p.starts_at").as("m"))
        .whereRef("p.session_id", "=", "s.id")
        .as("firstStartsAt"),
      eb
        .selectFrom("learning_session_parts as p")
        .select((e) => e.fn.max("p.starts_at").as("m"))
        .whereRef("p.session_id", "=", "s.id")
        .as("lastStartsAt"),
      eb
        .selectFrom("learning_session_parts as p")
        .select((e) => e.fn.countAll<string>().as("n"))
        .whereRef("p.session_id", "=", "s.id")
        .as("partCount"),
    ])
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    ...row,
    bookingClosesOn: String(row.bookingClosesOn),
    firstStartsAt: date(row.firstStartsAt),
    lastStartsAt: date(row.lastStartsAt),
    partCount: Number(row.partCount ?? 0),
  };
}

/** Places taken: booked and offered (an offer holds its place until it is accepted or ends). */
export async function placesTaken(db: TenantDb, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom("learning_bookings")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("session_id", "=", sessionId)
    .where("status", "in", ["booked", "offered"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function liveBooking(db: TenantDb, sessionId: string, personId: string) {
  return db
    .selectFrom("learning_bookings")
    .selectAll()
    .where("session_id", "=", sessionId)
    .where("person_id", "=", personId)
    .where("status", "in", ["requested", "booked", "waiting", "offered"])
    .executeTakeFirst();
}

export async function bookingById(db: TenantDb, bookingId: string, options: { lock: boolean }) {
  let q = db.selectFrom("learning_bookings").selectAll().where("id", "=", bookingId);
  if (options.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function personOf(db: TenantDb, personId: string) {
  return db
    .selectFrom("people")
    .select(["id", "given_name", "family_name", "email", "employee_number"])
    .where("id", "=", personId)
    .executeTakeFirst();
}

/** Whether the person's assignment in force today is at an NQSW (ASYE) career level. */
function isNqsw(personRef: RawBuilder<unknown>, today: IsoDate): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from assignments na where na.person_id = ${personRef}
    and na.valid_from <= ${today} and (na.valid_to is null or na.valid_to >= ${today})
    and na.career_level in ('nqsw', 'asye'))`;
}

/** Whether the person is overdue on (or has let expire) a mandatory requirement. */
function isOverdue(personRef: RawBuilder<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from learning_compliance lc where lc.person_id = ${personRef}
    and lc.status in ('overdue', 'expired'))`;
}

export interface WaitingRow {
  id: string;
  personId: string;
  name: string;
  email: string | null;
  waitingSince: Date | null;
  nqsw: boolean;
  overdue: boolean;
}

/**
 * The waiting list in priority order: each priority in the council's order (NQSWs, people
 * overdue on a mandatory requirement), then who has waited longest.
 */
export async function waitingList(
  db: TenantDb,
  sessionId: string,
  priority: string[],
  today: IsoDate,
): Promise<WaitingRow[]> {
  const ref = sql.ref("b.person_id");
  const flags: Record<string, RawBuilder<SqlBool>> = { nqsw: isNqsw(ref, today), overdue: isOverdue(ref) };
  const order = priority
    .filter((p) => p in flags)
    .map((p) => sql`${flags[p]} desc`)
    .concat([sql`b.waiting_since asc nulls last`, sql`b.created_at asc`, sql`b.id asc`]);
  const result = await sql<WaitingRow>`select b.id, b.person_id as "personId",
      p.given_name || ' ' || p.family_name as name, p.email, b.waiting_since as "waitingSince",
      ${flags.nqsw} as nqsw, ${flags.overdue} as overdue
    from learning_bookings b join people p on p.id = b.person_id
    where b.session_id = ${sessionId} and b.status = 'waiting'
    order by ${sql.join(order)}`.execute(db);
  return result.rows;
}

export { peopleScope } from "../../people/people-scope.js";

export function inScope(scope: PeopleScope | undefined, today: IsoDate): RawBuilder<SqlBool> {
  return scope ? personInScope(scope, today) : sql<SqlBool>`true`;
}

/** Bookings of a session with names, for the L&D page and its export. */
export async function sessionBookings(db: TenantDb, sessionId: string) {
  return db
    .selectFrom("learning_bookings as b")
    .innerJoin("people", "people.id", "b.person_id")
    .select([
      "b.id",
      "b.person_id as personId",
      "b.status",
      "b.approval_by as approvalBy",
      "b.offer_expires_at as offerExpiresAt",
      "b.waiting_since as waitingSince",
      "b.outcome",
      "b.created_at as createdAt",
      "people.given_name as givenName",
      "people.family_name as familyName",
      "people.employee_number as employeeNumber",
      "people.email",
    ])
    .where("b.session_id", "=", sessionId)
    .orderBy("people.family_name")
    .orderBy("people.given_name")
    .execute();
}
