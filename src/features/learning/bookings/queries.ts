import { sql } from "kysely";
import type { AccessScope } from "../../../platform/auth/principal.js";
import type { IsoDate } from "../../../platform/dates.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import * as repo from "./bookings.repository.js";

const firstStart = sql<Date | null>`(select min(sp.starts_at) from learning_session_parts sp where sp.session_id = s.id)`;

/** What the booking pages list; read-only, each in one tenant transaction. */
export class BookingQueries {
  constructor(private readonly data: DataAccess) {}

  /** A person's own bookings, newest session first. */
  myBookings(ctx: TenantContext, personId: string) {
    return this.data.run(ctx, (db) =>
      db
        .selectFrom("learning_bookings as b")
        .innerJoin("learning_sessions as s", "s.id", "b.session_id")
        .innerJoin("learning_courses as c", "c.id", "s.course_id")
        .select([
          "b.id",
          "b.session_id as sessionId",
          "b.status",
          "b.approval_by as approvalBy",
          "b.offer_expires_at as offerExpiresAt",
          "b.outcome",
          "c.title as courseTitle",
          "s.status as sessionStatus",
          "s.venue",
          firstStart.as("startsAt"),
        ])
        .where("b.person_id", "=", personId)
        .orderBy(sql`${firstStart} desc nulls last`)
        .orderBy("b.created_at", "desc")
        .execute(),
    );
  }

  /**
   * Requests the viewer may decide: manager-route requests of people in their scope (not their
   * own), and learning-team requests when they manage sessions.
   */
  approvals(
    ctx: TenantContext,
    scope: AccessScope,
    viewer: { personId: string | null; manageSessions: boolean },
    today: IsoDate,
  ) {
    return this.data.run(ctx, async (db) => {
      const people = await repo.peopleScope(db, scope, today);
      return db
        .selectFrom("learning_bookings as b")
        .innerJoin("people", "people.id", "b.person_id")
        .innerJoin("learning_sessions as s", "s.id", "b.session_id")
        .innerJoin("learning_courses as c", "c.id", "s.course_id")
        .select([
          "b.id",
          "b.session_id as sessionId",
          "b.approval_by as approvalBy",
          "b.created_at as requestedAt",
          "people.given_name as givenName",
          "people.family_name as familyName",
          "c.title as courseTitle",
          firstStart.as("startsAt"),
        ])
        .where("b.status", "=", "requested")
        .where((eb) =>
          eb.or([
            eb.and([
              eb("b.approval_by", "=", "manager"),
              eb("b.person_id", "!=", viewer.personId ?? "00000000-0000-0000-0000-000000000000"),
              repo.inScope(people, today),
            ]),
            ...(viewer.manageSessions ? [eb("b.approval_by", "=", "learning_team")] : []),
          ]),
        )
        .orderBy("b.created_at")
        .execute();
    });
  }

  /** Live bookings the viewer made for other people, for them to cancel. */
  bookedByMe(ctx: TenantContext, personId: string | null) {
    return this.data.run(ctx, (db) =>
      db
        .selectFrom("learning_bookings as b")
        .innerJoin("people", "people.id", "b.person_id")
        .innerJoin("learning_sessions as s", "s.id", "b.session_id")
        .innerJoin("learning_courses as c", "c.id", "s.course_id")
        .select([
          "b.id",
          "b.status",
          "people.given_name as givenName",
          "people.family_name as familyName",
          "c.title as courseTitle",
          firstStart.as("startsAt"),
        ])
        .where("b.requested_by", "=", ctx.actor.id)
        .where("b.person_id", "!=", personId ?? "00000000-0000-0000-0000-000000000000")
        .where("b.status", "in", ["requested", "booked", "waiting", "offered"])
        .orderBy(sql`${firstStart} asc nulls last`)
        .limit(200)
        .execute(),
    );
  }

  /** Courses people have registered interest in, with counts and names. */
  demand(ctx: TenantContext) {
    return this.data.run(ctx, async (db) => {
      const rows = await db
        .selectFrom("learning_interest as i")
        .innerJoin("learning_courses as c", "c.id", "i.course_id")
        .innerJoin("people as p", "p.id", "i.person_id")
        .select([
          "c.id as courseId",
          "c.code",
          "c.title",
          "p.given_name as givenName",
          "p.family_name as familyName",
          "p.email",
          "p.employee_number as employeeNumber",
          "i.note",
          "i.registered_at as registeredAt",
        ])
        .orderBy("c.title")
        .orderBy("p.family_name")
        .orderBy("p.given_name")
        .execute();
      const courses = new Map<string, { courseId: string; code: string; title: string; names: string[] }>();
      for (const r of rows) {
        const c = courses.get(r.courseId) ?? {
          courseId: r.courseId,
          code: r.code,
          title: r.title,
          names: [],
        };
        c.names.push(`${r.givenName} ${r.familyName}`);
        courses.set(r.courseId, c);
      }
      return { rows, courses: [...courses.values()].sort((a, b) => b.names.length - a.names.length) };
    });
  }

  /** No-shows on sessions starting between two dates: one row a booking, for charging. */
  noShows(ctx: TenantContext, from: IsoDate, to: IsoDate) {
    return this.data.run(ctx, async (db) => {
      const result = await sql<{
        bookingId: string;
        givenName: string;
        familyName: string;
        employeeNumber: string | null;
        organisation: string | null;
        courseTitle: string;
        startsAt: Date;
        partsMissed: string;
        partCount: number;
        reasons: string | null;
        costPence: number | null;
      }>`select b.id as "bookingId", p.given_name as "givenName", p.family_name as "familyName",
          p.employee_number as "employeeNumber", po.name as organisation, c.title as "courseTitle",
          ${firstStart} as "startsAt",
          string_agg(sp.part_number::text, ', ' order by sp.part_number) as "partsMissed",
          (select count(*)::int from learning_session_parts ap where ap.session_id = s.id) as "partCount",
          string_agg(distinct nullif(a.no_show_reason, ''), '; ') as reasons,
          c.cost_pence as "costPence"
        from learning_attendance a
          join learning_bookings b on b.id = a.booking_id
          join learning_session_parts sp on sp.id = a.part_id
          join learning_sessions s on s.id = b.session_id
          join learning_courses c on c.id = s.course_id
          join people p on p.id = b.person_id
          left join partner_organisations po on po.id = p.partner_organisation_id
        where a.status = 'no_show'
        group by b.id, p.id, po.name, c.id, s.id
        having ${firstStart} >= (${from}::date)::timestamp at time zone 'Europe/London'
          and ${firstStart} < ((${to}::date + 1)::timestamp at time zone 'Europe/London')
        order by "startsAt", p.family_name, p.given_name`.execute(db);
      return result.rows;
    });
  }

  /** A session's bookings and its waiting list in priority order, for L&D. */
  sessionBookings(ctx: TenantContext, sessionId: string, today: IsoDate) {
    return this.data.run(ctx, async (db) => {
      const settings = await repo.settingsOf(db);
      const [all, waiting, parts] = await Promise.all([
        repo.sessionBookings(db, sessionId),
        repo.waitingList(db, sessionId, settings.waitingPriority, today),
        db
          .selectFrom("learning_session_parts")
          .select(["id", "part_number", "starts_at", "ends_at"])
          .where("session_id", "=", sessionId)
          .orderBy("part_number")
          .execute(),
      ]);
      return { all, waiting, parts, settings };
    });
  }

  /** The register: each part, each booked person and what is recorded. */
  register(ctx: TenantContext, sessionId: string) {
    return this.data.run(ctx, async (db) => {
      const parts = await db
        .selectFrom("learning_session_parts")
        .select(["id", "part_number", "starts_at", "ends_at"])
        .where("session_id", "=", sessionId)
        .orderBy("part_number")
        .execute();
      const people = await db
        .selectFrom("learning_bookings as b")
        .innerJoin("people as p", "p.id", "b.person_id")
        .select(["b.id", "b.outcome", "p.given_name as givenName", "p.family_name as familyName"])
        .where("b.session_id", "=", sessionId)
        .where("b.status", "=", "booked")
        .orderBy("p.family_name")
        .orderBy("p.given_name")
        .execute();
      const recorded = people.length
        ? await db
            .selectFrom("learning_attendance")
            .select(["booking_id", "part_id", "status", "no_show_reason"])
            .where(
              "booking_id",
              "in",
              people.map((p) => p.id),
            )
            .execute()
        : [];
      return { parts, people, recorded };
    });
  }

  /** People the viewer may book for (staff in post and carers in their scope), by name. */
  bookable(ctx: TenantContext, scope: AccessScope, today: IsoDate, limit: number) {
    return this.data.run(ctx, async (db) => {
      const people = await repo.peopleScope(db, scope, today);
      return db
        .selectFrom("people")
        .select(["people.id", "people.given_name as givenName", "people.family_name as familyName"])
        .where("people.anonymised_on", "is", null)
        .where(repo.inScope(people, today))
        .where((eb) =>
          eb.or([
            eb("people.kind", "!=", "staff"),
            eb.exists(
              eb
                .selectFrom("assignments as a")
                .select("a.id")
                .whereRef("a.person_id", "=", "people.id")
                .where("a.valid_from", "<=", today)
                .where((e) => e.or([e("a.valid_to", "is", null), e("a.valid_to", ">=", today)])),
            ),
          ]),
        )
        .orderBy("people.family_name")
        .orderBy("people.given_name")
        .limit(limit)
        .execute();
    });
  }

  /** Units in force today, for the cohort form. */
  units(ctx: TenantContext, today: IsoDate) {
    return this.data.run(ctx, (db) =>
      db
        .selectFrom("org_units as u")
        .innerJoin("org_unit_versions as v", "v.org_unit_id", "u.id")
        .select(["u.id", "v.name"])
        .where("v.valid_from", "<=", today)
        .where((eb) => eb.or([eb("v.valid_to", "is", null), eb("v.valid_to", ">=", today)]))
        .orderBy("v.name")
        .execute(),
    );
  }
}
