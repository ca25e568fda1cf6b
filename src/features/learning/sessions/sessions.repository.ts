import { type ExpressionBuilder, sql } from "kysely";
import type { Database } from "../../../platform/db/schema.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { liveBookingStatuses } from "../schema.js";

/** Queries on sessions and their parts. Counts of bookings are read, never written, here (bookings own them). */

export interface PartRow {
  id: string;
  session_id: string;
  part_number: number;
  starts_at: Date;
  ends_at: Date;
}

export async function findCourse(db: TenantDb, courseId: string) {
  return db
    .selectFrom("learning_courses")
    .select(["id", "title", "code", "status", "delivery"])
    .where("id", "=", courseId)
    .executeTakeFirst();
}

export async function findSession(db: TenantDb, sessionId: string) {
  return db
    .selectFrom("learning_sessions as s")
    .innerJoin("learning_courses as c", "c.id", "s.course_id")
    .selectAll("s")
    .select(["c.title as course_title", "c.code as course_code", "c.booking_route"])
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export async function partsOf(db: TenantDb, sessionIds: string[]): Promise<PartRow[]> {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom("learning_session_parts")
    .select(["id", "session_id", "part_number", "starts_at", "ends_at"])
    .where("session_id", "in", sessionIds)
    .orderBy("session_id")
    .orderBy("part_number")
    .execute();
}

/**
 * Places taken (booked, and offered: a freed place held for the person offered it until they
 * answer, as the bookings area counts it) and waiting counts for each session.
 */
export async function bookingCounts(db: TenantDb, sessionIds: string[]) {
  const counts = new Map<string, { booked: number; waiting: number }>();
  if (sessionIds.length === 0) return counts;
  const rows = await db
    .selectFrom("learning_bookings")
    .select(["session_id", "status", (eb) => eb.fn.countAll<string>().as("n")])
    .where("session_id", "in", sessionIds)
    .where("status", "in", ["booked", "offered", "waiting"])
    .groupBy(["session_id", "status"])
    .execute();
  for (const r of rows) {
    const c = counts.get(r.session_id) ?? { booked: 0, waiting: 0 };
    if (r.status === "booked" || r.status === "offered") c.booked += Number(r.n);
    else c.waiting += Number(r.n);
    counts.set(r.session_id, c);
  }
  return counts;
}

/** A person's live bookings on these sessions. */
export async function personBookings(db: TenantDb, personId: string, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom("learning_bookings")
    .select(["id", "session_id", "status"])
    .where("person_id", "=", personId)
    .where("session_id", "in", sessionIds)
    .where("status", "in", [...liveBookingStatuses])
    .execute();
}

const firstLast = (eb: ExpressionBuilder<Database, "learning_sessions">) =>
  eb
    .selectFrom("learning_session_parts as p")
    .select([
      "p.session_id",
      sql<Date>`min(p.starts_at)`.as("first_start"),
      sql<Date>`max(p.ends_at)`.as("last_end"),
    ])
    .groupBy("p.session_id")
    .as("span");

export interface SessionFilter {
  /** Sessions still to finish after this instant. */
  endingAfter: Date;
  /** Sessions starting in [from, to). */
  startsFrom?: Date | undefined;
  startsBefore?: Date | undefined;
  courseId?: string | undefined;
  includeCancelled?: boolean;
}

export async function listSessions(db: TenantDb, f: SessionFilter, limit = 1000) {
  let q = db
    .selectFrom("learning_sessions")
    .innerJoin(firstLast, (join) => join.onRef("span.session_id", "=", "learning_sessions.id"))
    .innerJoin("learning_courses as c", "c.id", "learning_sessions.course_id")
    .selectAll("learning_sessions")
    .select(["c.title as course_title", "span.first_start", "span.last_end"])
    .where("span.last_end", ">", f.endingAfter);
  if (!f.includeCancelled) q = q.where("learning_sessions.status", "=", "scheduled");
  if (f.startsFrom) q = q.where("span.first_start", ">=", f.startsFrom);
  if (f.startsBefore) q = q.where("span.first_start", "<", f.startsBefore);
  if (f.courseId) q = q.where("learning_sessions.course_id", "=", f.courseId);
  return q.orderBy("span.first_start").orderBy("c.title").limit(limit).execute();
}
export type SessionListRow = Awaited<ReturnType<typeof listSessions>>[number];

/** Courses with sessions still to come (the list's course filter). */
export async function coursesWithSessions(db: TenantDb, after: Date) {
  return db
    .selectFrom("learning_courses as c")
    .select(["c.id", "c.title"])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("learning_sessions as s")
          .innerJoin("learning_session_parts as p", "p.session_id", "s.id")
          .select(sql`1`.as("one"))
          .whereRef("s.course_id", "=", "c.id")
          .where("s.status", "=", "scheduled")
          .where("p.ends_at", ">", after),
      ),
    )
    .orderBy("c.title")
    .execute();
}

/** Parts starting in [from, to), with their session and course (the month view). */
export async function partsBetween(db: TenantDb, from: Date, to: Date) {
  return db
    .selectFrom("learning_session_parts as p")
    .innerJoin("learning_sessions as s", "s.id", "p.session_id")
    .innerJoin("learning_courses as c", "c.id", "s.course_id")
    .select([
      "p.id",
      "p.session_id",
      "p.part_number",
      "p.starts_at",
      "p.ends_at",
      "s.status",
      "s.venue",
      "s.room",
      "s.online_link",
      "s.capacity",
      "c.title as course_title",
      (eb) =>
        eb
          .selectFrom("learning_session_parts as q")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("q.session_id", "=", "p.session_id")
          .as("part_count"),
    ])
    .where("p.starts_at", ">=", from)
    .where("p.starts_at", "<", to)
    .orderBy("p.starts_at")
    .orderBy("c.title")
    .execute();
}

/** Parts of other scheduled sessions overlapping any of these times, for clash warnings. */
export async function overlappingParts(
  db: TenantDb,
  ranges: { startsAt: Date; endsAt: Date }[],
  excludeSessionId: string | null,
) {
  if (ranges.length === 0) return [];
  let q = db
    .selectFrom("learning_session_parts as p")
    .innerJoin("learning_sessions as s", "s.id", "p.session_id")
    .innerJoin("learning_courses as c", "c.id", "s.course_id")
    .select([
      "p.session_id",
      "p.starts_at",
      "p.ends_at",
      "s.venue",
      "s.room",
      "s.trainers",
      "c.title as course_title",
    ])
    .where("s.status", "=", "scheduled")
    .where((eb) =>
      eb.or(ranges.map((r) => eb.and([eb("p.starts_at", "<", r.endsAt), eb("p.ends_at", ">", r.startsAt)]))),
    );
  if (excludeSessionId) q = q.where("s.id", "<>", excludeSessionId);
  return q.orderBy("p.starts_at").execute();
}

/** Everyone with a live booking on a session, with their email. */
export async function liveBookings(db: TenantDb, sessionId: string) {
  return db
    .selectFrom("learning_bookings as b")
    .innerJoin("people as p", "p.id", "b.person_id")
    .select(["b.id", "b.status", "b.person_id", "p.email", "p.given_name", "p.preferred_name"])
    .where("b.session_id", "=", sessionId)
    .where("b.status", "in", [...liveBookingStatuses])
    .execute();
}

export async function findBooking(db: TenantDb, bookingId: string) {
  return db
    .selectFrom("learning_bookings as b")
    .innerJoin("people as p", "p.id", "b.person_id")
    .select([
      "b.id",
      "b.session_id",
      "b.person_id",
      "b.status",
      "b.updated_at",
      "p.email",
      "p.given_name",
      "p.family_name",
      "p.preferred_name",
    ])
    .where("b.id", "=", bookingId)
    .executeTakeFirst();
}

export async function countSessions(db: TenantDb): Promise<number> {
  const row = await db
    .selectFrom("learning_sessions")
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}
