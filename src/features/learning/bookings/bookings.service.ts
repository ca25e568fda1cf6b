import { sql } from "kysely";
import type { Clock } from "../../../platform/clock.js";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { Outbox } from "../../../platform/outbox/outbox.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { formatDate } from "../../../platform/views/render.js";
import type { Booking, BookingStatus } from "../schema.js";
import * as attendance from "./attendance.js";
import * as repo from "./bookings.repository.js";
import { SessionFullError } from "./errors.js";

/** Who is booking and what they may do, worked out by the page from the request. */
export interface Booker {
  /** The booker's own person record, if their account has one. */
  personId: string | null;
  /** L&D: books any route without approval, cancels after the cut-off. */
  manageSessions: boolean;
  /** The booker holds bookForOthers and reaches the person booked for (their manager, say). */
  reachesPerson: boolean;
}

export interface BookInput {
  sessionId: string;
  personId: string;
  booker: Booker;
  /** The booker has seen the session is full and chosen the waiting list. */
  joinWaitingList: boolean;
}

export interface CohortReport {
  booked: string[];
  waiting: string[];
  alreadyBooked: string[];
  unknown: string[];
}

const live: BookingStatus[] = ["requested", "booked", "waiting", "offered"];

/**
 * Bookings, approvals, waiting lists and offers, interest, cohorts and attendance. Every action is
 * one transaction; places are counted with the session row locked.
 */
export class BookingsService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /** A session as the booking pages show it; undefined when missing or another council's. */
  async session(ctx: TenantContext, sessionId: string) {
    return this.data.run(ctx, async (db) => {
      const session = await repo.sessionForBooking(db, sessionId, { lock: false });
      if (!session) return undefined;
      return {
        ...session,
        placesLeft: Math.max(0, session.capacity - (await repo.placesTaken(db, sessionId))),
      };
    });
  }

  /** A booking with its person; undefined when missing or another council's. */
  async booking(ctx: TenantContext, bookingId: string) {
    return this.data.run(ctx, async (db) => {
      const booking = await repo.bookingById(db, bookingId, { lock: false });
      if (!booking) return undefined;
      const course = await db
        .selectFrom("learning_sessions as s")
        .innerJoin("learning_courses as c", "c.id", "s.course_id")
        .select(["c.booking_route as bookingRoute", "c.title"])
        .where("s.id", "=", booking.session_id)
        .executeTakeFirstOrThrow();
      return { ...booking, bookingRoute: course.bookingRoute, courseTitle: course.title };
    });
  }

  /**
   * Books a person on a session (or requests a place, or joins the waiting list). Undefined when
   * the session is not this council's. Refused (RuleError) when cancelled, closed, started,
   * double booked, or full without choosing the waiting list.
   */
  async book(
    ctx: TenantContext,
    input: BookInput,
  ): Promise<{ id: string; status: BookingStatus } | undefined> {
    return this.data.run(ctx, async (db) => {
      const session = await repo.sessionForBooking(db, input.sessionId, { lock: true });
      if (!session) return undefined;
      this.#checkOpen(session);
      const person = await repo.personOf(db, input.personId);
      if (!person) throw new RuleError("personId", "Select who the place is for");
      const self = input.personId === input.booker.personId;
      if (await repo.liveBooking(db, session.id, input.personId)) {
        throw new RuleError(
          "book",
          self
            ? "You already have a booking on this session"
            : `${person.given_name} ${person.family_name} already has a booking on this session`,
        );
      }
      const approvalBy = this.#approvalNeeded(session.bookingRoute, input.booker, self);
      if (approvalBy) {
        const row = await this.#insert(db, ctx, session.id, input.personId, "requested", approvalBy);
        return { id: row.id, status: row.status };
      }
      const free = session.capacity - (await repo.placesTaken(db, session.id)) > 0;
      if (!free && !input.joinWaitingList) throw new SessionFullError();
      const row = await this.#insert(db, ctx, session.id, input.personId, free ? "booked" : "waiting", null);
      return { id: row.id, status: row.status };
    });
  }

  #approvalNeeded(route: string, booker: Booker, self: boolean): "manager" | "learning_team" | null {
    if (route === "manager" && (self || !booker.reachesPerson) && !booker.manageSessions) return "manager";
    if (route === "learning_team" && !booker.manageSessions) return "learning_team";
    return null;
  }

  #checkOpen(session: repo.SessionForBooking): void {
    if (session.status === "cancelled") throw new RuleError("book", "This session has been cancelled");
    if (this.today() > session.bookingClosesOn) {
      throw new RuleError(
        "book",
        `Booking for this session closed on ${formatDate(session.bookingClosesOn, false)}`,
      );
    }
    if (!session.firstStartsAt) throw new RuleError("book", "This session has no dates yet");
    if (this.clock.now() >= session.firstStartsAt) {
      throw new RuleError("book", "This session has already started");
    }
  }

  async #insert(
    db: TenantDb,
    ctx: TenantContext,
    sessionId: string,
    personId: string,
    status: BookingStatus,
    approvalBy: "manager" | "learning_team" | null,
  ): Promise<Booking> {
    const now = this.clock.now();
    return db
      .insertInto("learning_bookings")
      .values({
        session_id: sessionId,
        person_id: personId,
        status,
        approval_by: approvalBy,
        requested_by: ctx.actor.id,
        waiting_since: status === "waiting" ? now : null,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Approves (booked, or waiting when full) or rejects a request. The caller checks who may. */
  async decide(ctx: TenantContext, bookingId: string, approve: boolean, note: string | null) {
    return this.data.run(ctx, async (db) => {
      const found = await repo.bookingById(db, bookingId, { lock: false });
      if (!found) return undefined;
      const session = await repo.sessionForBooking(db, found.session_id, { lock: true });
      const booking = await repo.bookingById(db, bookingId, { lock: true });
      if (booking?.status !== "requested") {
        throw new RuleError("decision", "This request has already been decided or withdrawn");
      }
      if (approve && session?.status === "cancelled") {
        throw new RuleError("decision", "This session has been cancelled, so the request cannot be approved");
      }
      const now = this.clock.now();
      let status: BookingStatus = "rejected";
      if (approve) {
        const free = session
          ? session.capacity - (await repo.placesTaken(db, booking.session_id)) > 0
          : false;
        status = free ? "booked" : "waiting";
      }
      await db
        .updateTable("learning_bookings")
        .set({
          status,
          decided_by: ctx.actor.id,
          decided_at: now,
          decision_note: note,
          waiting_since: status === "waiting" ? now : null,
          updated_at: now,
        })
        .where("id", "=", bookingId)
        .execute();
      await this.#tell(db, booking.person_id, booking.session_id, (title) =>
        status === "rejected"
          ? {
              subject: `Your request for ${title} was not approved`,
              body: `Your request for a place on ${title} was not approved.${note ? `\n\n${note}` : ""}`,
            }
          : {
              subject: `Your request for ${title} was approved`,
              body:
                status === "booked"
                  ? `You have a place on ${title}.`
                  : `Your request for ${title} was approved. The session is full, so you are on the waiting list.`,
            },
      );
      return status;
    });
  }

  /**
   * Cancels a live booking. A learner (and a manager who books for them) only up to the cut-off
   * before the first part; L&D at any time. A freed place is offered to the next person waiting.
   */
  async cancel(
    ctx: TenantContext,
    bookingId: string,
    by: { manageSessions: boolean },
    reason: string | null,
  ) {
    return this.data.run(ctx, async (db) => {
      const found = await repo.bookingById(db, bookingId, { lock: false });
      if (!found) return undefined;
      const session = await repo.sessionForBooking(db, found.session_id, { lock: true });
      const booking = await repo.bookingById(db, bookingId, { lock: true });
      if (!session || !booking || !live.includes(booking.status)) {
        throw new RuleError("cancel", "This booking has already ended");
      }
      if (booking.status === "booked" && !by.manageSessions && session.firstStartsAt) {
        const { cancelCutoffDays } = await repo.settingsOf(db);
        const lastDay = addDays(dateInLondon(session.firstStartsAt), -cancelCutoffDays);
        if (this.today() > lastDay) {
          throw new RuleError(
            "cancel",
            `Places can only be cancelled up to ${formatDate(lastDay, false)}. Contact the learning and development team to cancel now`,
          );
        }
      }
      const now = this.clock.now();
      await db
        .updateTable("learning_bookings")
        .set({
          status: "cancelled",
          cancelled_at: now,
          cancel_reason: reason,
          offer_expires_at: null,
          updated_at: now,
        })
        .where("id", "=", bookingId)
        .execute();
      if (booking.status === "booked" || booking.status === "offered") await this.#offerFreed(db, session);
      return booking.status;
    });
  }

  /** The offered person takes the place; refused once the offer has ended. */
  async accept(ctx: TenantContext, bookingId: string, personId: string | null) {
    return this.data.run(ctx, async (db) => {
      const booking = await repo.bookingById(db, bookingId, { lock: true });
      if (!booking || booking.person_id !== personId) return undefined;
      if (booking.status !== "offered")
        throw new RuleError("offer", "There is no offer of a place to accept");
      if (booking.offer_expires_at && this.clock.now() > booking.offer_expires_at) {
        throw new RuleError(
          "offer",
          `This offer ended on ${formatDate(booking.offer_expires_at, true)}, so the place has passed to the next person waiting`,
        );
      }
      const now = this.clock.now();
      await db
        .updateTable("learning_bookings")
        .set({ status: "booked", offer_expires_at: null, decided_at: now, updated_at: now })
        .where("id", "=", bookingId)
        .execute();
      return "booked" as const;
    });
  }

  /** The offered person turns the place down: it is offered to the next person waiting. */
  async decline(ctx: TenantContext, bookingId: string, personId: string | null) {
    return this.data.run(ctx, async (db) => {
      const found = await repo.bookingById(db, bookingId, { lock: false });
      if (!found || found.person_id !== personId) return undefined;
      const session = await repo.sessionForBooking(db, found.session_id, { lock: true });
      const booking = await repo.bookingById(db, bookingId, { lock: true });
      if (!session || booking?.status !== "offered") {
        throw new RuleError("offer", "There is no offer of a place to decline");
      }
      const now = this.clock.now();
      await db
        .updateTable("learning_bookings")
        .set({ status: "declined", offer_expires_at: null, updated_at: now })
        .where("id", "=", bookingId)
        .execute();
      await this.#offerFreed(db, session);
      return "declined" as const;
    });
  }

  /** Offers any free places on a session to the people waiting (after capacity is raised, say). */
  async offerFreedPlaces(ctx: TenantContext, sessionId: string): Promise<number> {
    return this.data.run(ctx, async (db) => {
      const session = await repo.sessionForBooking(db, sessionId, { lock: true });
      return session ? this.#offerFreed(db, session) : 0;
    });
  }

  /** Lapses offers not accepted in time and offers each place to the next person. */
  async expireOffers(ctx: TenantContext): Promise<number> {
    return this.data.run(ctx, async (db) => {
      const now = this.clock.now();
      const expired = await db
        .selectFrom("learning_bookings")
        .select(["id", "session_id"])
        .where("status", "=", "offered")
        .where("offer_expires_at", "<", now)
        .orderBy("session_id")
        .execute();
      const sessions = [...new Set(expired.map((e) => e.session_id))];
      for (const sessionId of sessions) {
        const session = await repo.sessionForBooking(db, sessionId, { lock: true });
        await db
          .updateTable("learning_bookings")
          .set({ status: "lapsed", updated_at: now })
          .where("session_id", "=", sessionId)
          .where("status", "=", "offered")
          .where("offer_expires_at", "<", now)
          .execute();
        if (session) await this.#offerFreed(db, session);
      }
      return expired.length;
    });
  }

  /** Offers free places, in waiting-list priority order, with a time limit and an email each. */
  async #offerFreed(db: TenantDb, session: repo.SessionForBooking): Promise<number> {
    if (session.status === "cancelled" || !session.firstStartsAt) return 0;
    const now = this.clock.now();
    if (now >= session.firstStartsAt) return 0;
    const free = session.capacity - (await repo.placesTaken(db, session.id));
    if (free <= 0) return 0;
    const settings = await repo.settingsOf(db);
    const waiting = await repo.waitingList(db, session.id, settings.waitingPriority, this.today());
    const expires = new Date(now.getTime() + settings.offerHours * 3_600_000);
    const chosen = waiting.slice(0, free);
    for (const w of chosen) {
      await db
        .updateTable("learning_bookings")
        .set({ status: "offered", offer_expires_at: expires, updated_at: now })
        .where("id", "=", w.id)
        .execute();
      await this.#tell(db, w.personId, session.id, (title) => ({
        subject: `A place is free on ${title}`,
        body: `A place has become free on ${title}, starting ${formatDate(session.firstStartsAt, true)}. It is held for you until ${formatDate(expires, true)}.\n\nAccept or decline it in My bookings: /learning/bookings`,
      }));
    }
    return chosen.length;
  }

  async #tell(
    db: TenantDb,
    personId: string,
    sessionId: string,
    message: (courseTitle: string) => { subject: string; body: string },
  ): Promise<void> {
    const person = await repo.personOf(db, personId);
    if (!person?.email) return;
    const session = await repo.sessionForBooking(db, sessionId, { lock: false });
    const { subject, body } = message(session?.courseTitle ?? "a course");
    await this.outbox.enqueue(db, {
      to: person.email,
      subject,
      body,
      reference: `learning-booking:${sessionId}`,
    });
  }

  /**
   * "Register interest" in a course (idempotent): "not-found" when the course is not this
   * council's, "no-person" when the account has no person record.
   */
  async registerInterest(ctx: TenantContext, courseId: string, personId: string | null, note: string | null) {
    return this.data.run(ctx, async (db) => {
      const course = await db
        .selectFrom("learning_courses")
        .select("id")
        .where("id", "=", courseId)
        .executeTakeFirst();
      if (!course) return "not-found" as const;
      if (!personId) return "no-person" as const;
      await db
        .insertInto("learning_interest")
        .values({ course_id: courseId, person_id: personId, note })
        .onConflict((oc) => oc.columns(["course_id", "person_id"]).doNothing())
        .execute();
      return "registered" as const;
    });
  }

  /**
   * Books a whole cohort (a unit's people as at today, employee numbers, or people by id): places first, then
   * the waiting list. One transaction; L&D books without approval.
   */
  async bookCohort(
    ctx: TenantContext,
    sessionId: string,
    who: { unitId: string } | { employeeNumbers: string[] } | { personIds: string[] },
  ): Promise<CohortReport | undefined> {
    return this.data.run(ctx, async (db) => {
      const session = await repo.sessionForBooking(db, sessionId, { lock: true });
      if (!session) return undefined;
      this.#checkOpen(session);
      const today = this.today();
      const report: CohortReport = { booked: [], waiting: [], alreadyBooked: [], unknown: [] };
      let people: Array<{ id: string; name: string }>;
      if ("unitId" in who) {
        people = await db
          .selectFrom("people")
          .select(["people.id", sql<string>`people.given_name || ' ' || people.family_name`.as("name")])
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom("assignments as a")
                .select("a.id")
                .whereRef("a.person_id", "=", "people.id")
                .where("a.org_unit_id", "=", who.unitId)
                .where("a.valid_from", "<=", today)
                .where((e) => e.or([e("a.valid_to", "is", null), e("a.valid_to", ">=", today)])),
            ),
          )
          .orderBy("people.family_name")
          .orderBy("people.given_name")
          .execute();
      } else if ("personIds" in who) {
        // An early career cohort: the people enrolled, in the order given.
        const ids = [...new Set(who.personIds)];
        const found = ids.length
          ? await db
              .selectFrom("people")
              .select(["people.id", sql<string>`people.given_name || ' ' || people.family_name`.as("name")])
              .where("people.id", "in", ids)
              .execute()
          : [];
        const byId = new Map(found.map((p) => [p.id, p]));
        people = ids.flatMap((id) => {
          const p = byId.get(id);
          return p ? [p] : [];
        });
      } else {
        const numbers = [...new Set(who.employeeNumbers)];
        const found = numbers.length
          ? await db
              .selectFrom("people")
              .select([
                "people.id",
                "people.employee_number",
                sql<string>`people.given_name || ' ' || people.family_name`.as("name"),
              ])
              .where("people.employee_number", "in", numbers)
              .execute()
          : [];
        const byNumber = new Map(found.map((p) => [p.employee_number, p]));
        report.unknown = numbers.filter((n) => !byNumber.has(n));
        people = numbers.flatMap((n) => {
          const p = byNumber.get(n);
          return p ? [{ id: p.id, name: p.name }] : [];
        });
      }
      let free = session.capacity - (await repo.placesTaken(db, session.id));
      for (const p of people) {
        if (await repo.liveBooking(db, session.id, p.id)) {
          report.alreadyBooked.push(p.name);
          continue;
        }
        const status = free > 0 ? "booked" : "waiting";
        if (free > 0) free -= 1;
        await this.#insert(db, ctx, session.id, p.id, status, null);
        (status === "booked" ? report.booked : report.waiting).push(p.name);
      }
      return report;
    });
  }

  /**
   * Records attendance from the register page: every entry or none. Refuses a booking that is
   * not booked on this session. Sets each booking's outcome and its learning record.
   */
  async recordAttendance(
    ctx: TenantContext,
    sessionId: string,
    entries: attendance.AttendanceEntry[],
  ): Promise<number | undefined> {
    return this.data.run(ctx, async (db) => {
      const session = await repo.sessionForBooking(db, sessionId, { lock: true });
      if (!session) return undefined;
      return attendance.record(db, ctx, session, entries);
    });
  }

  /** An uploaded register (CSV): all rows or none; problems are listed by row. */
  async uploadRegister(
    ctx: TenantContext,
    sessionId: string,
    bytes: Uint8Array,
  ): Promise<number | undefined> {
    const rows = await attendance.parseRegister(bytes);
    return this.data.run(ctx, async (db) => {
      const session = await repo.sessionForBooking(db, sessionId, { lock: true });
      if (!session) return undefined;
      const entries = await attendance.entriesFromRows(db, session.id, rows);
      return attendance.record(db, ctx, session, entries);
    });
  }
}
