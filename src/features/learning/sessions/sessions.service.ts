import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { Outbox } from "../../../platform/outbox/outbox.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { BookingStatus } from "../schema.js";
import { type IcsCalendar, writeCalendar } from "./ics.js";
import * as repo from "./sessions.repository.js";
import { addMonth, dateText, dayText, londonInstant, londonWallClock, partText, timeText } from "./times.js";

/** One part of a session as entered: a London date and start and end times (minutes after midnight). */
export interface PartInput {
  date: IsoDate;
  start: number;
  end: number;
  /** The form row it came from ("part2"), so a refusal points at the right fields. */
  field?: string;
}

export interface SessionInput {
  parts: PartInput[];
  capacity: number;
  minimum: number;
  bookingClosesOn: IsoDate;
  venue: string | null;
  room: string | null;
  onlineLink: string | null;
  trainers: string[];
  notes: string | null;
}

/** Another session using the same room or trainer at the same time. */
export interface Clash {
  sessionId: string;
  courseTitle: string;
  message: string;
}

export type SaveOutcome = { saved: true; id: string } | { saved: false; clashes: Clash[] };

export interface SaveOptions {
  /** Save even though the room or a trainer is booked at the same time. */
  confirmClashes: boolean;
  /** The site's address, for links in emails: "https://academy.example.gov.uk". */
  baseUrl: string;
}

const norm = (s: string | null) => (s ?? "").trim().replace(/\s+/g, " ").toLowerCase();

/** "Room 2 at Origin One", "Origin One". */
export function placeText(venue: string | null, room: string | null): string | null {
  if (!venue) return null;
  return room ? `${room} at ${venue}` : venue;
}

/** "3 places left", "1 place left", "Full - join the waiting list". */
export function placesText(placesLeft: number): string {
  if (placesLeft <= 0) return "Full - join the waiting list";
  return `${placesLeft} ${placesLeft === 1 ? "place" : "places"} left`;
}

/**
 * Sessions of a course: one or more dated parts, a room or an online link, trainers, capacity and
 * booking close date. Every rule about them lives here; pages, the demo and other areas call it.
 */
export class SessionsService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /** This month in London, as yyyy-mm. */
  thisMonth(): string {
    return this.today().slice(0, 7);
  }

  async course(ctx: TenantContext, courseId: string) {
    return this.data.run(ctx, async (db) => (await repo.findCourse(db, courseId)) ?? null);
  }

  /** A session with its parts, places and the viewer's own live booking; null if not found. */
  async session(
    ctx: TenantContext,
    sessionId: string,
    options: { personId?: string | null; clashes?: boolean } = {},
  ) {
    return this.data.run(ctx, async (db) => {
      const session = await repo.findSession(db, sessionId);
      if (!session) return null;
      const parts = await repo.partsOf(db, [sessionId]);
      const counts = (await repo.bookingCounts(db, [sessionId])).get(sessionId) ?? { booked: 0, waiting: 0 };
      const mine = options.personId ? await repo.personBookings(db, options.personId, [sessionId]) : [];
      const now = this.clock.now();
      const started = parts.some((p) => p.starts_at <= now);
      const ended = parts.every((p) => p.ends_at <= now);
      const scheduled = session.status === "scheduled";
      const placesLeft = Math.max(0, session.capacity - counts.booked);
      const clashes =
        options.clashes && scheduled && !ended
          ? await this.#clashes(
              db,
              session,
              parts.map((p) => ({ startsAt: p.starts_at, endsAt: p.ends_at })),
              sessionId,
            )
          : [];
      return {
        session,
        parts,
        booked: counts.booked,
        waiting: counts.waiting,
        placesLeft,
        started,
        ended,
        bookingOpen: scheduled && !started && this.today() <= session.booking_closes_on,
        viewerBooking: mine[0] ?? null,
        clashes,
      };
    });
  }

  /** Sessions still to come, first date first, with places left. */
  async upcoming(
    ctx: TenantContext,
    filter: { month?: string | undefined; courseId?: string | undefined } = {},
  ) {
    const now = this.clock.now();
    return this.data.run(ctx, async (db) => {
      const rows = await repo.listSessions(db, {
        endingAfter: now,
        startsFrom: filter.month ? londonInstant(`${filter.month}-01`, 0) : undefined,
        startsBefore: filter.month ? londonInstant(`${addMonth(filter.month, 1)}-01`, 0) : undefined,
        courseId: filter.courseId,
      });
      const ids = rows.map((r) => r.id);
      const [counts, parts] = await Promise.all([repo.bookingCounts(db, ids), repo.partsOf(db, ids)]);
      // Parts by session once, and today once: a year's sessions are hundreds, their parts more.
      const partsOf = new Map<string, typeof parts>();
      for (const p of parts) {
        const list = partsOf.get(p.session_id);
        if (list) list.push(p);
        else partsOf.set(p.session_id, [p]);
      }
      const today = this.today();
      return rows.map((r) => {
        const booked = counts.get(r.id)?.booked ?? 0;
        return {
          ...r,
          parts: partsOf.get(r.id) ?? [],
          booked,
          waiting: counts.get(r.id)?.waiting ?? 0,
          placesLeft: Math.max(0, r.capacity - booked),
          bookingClosed: today > r.booking_closes_on,
        };
      });
    });
  }

  /** The course filter's choices: courses with sessions still to come. */
  async coursesWithSessions(ctx: TenantContext) {
    return this.data.run(ctx, (db) => repo.coursesWithSessions(db, this.clock.now()));
  }

  async upcomingForCourse(ctx: TenantContext, courseId: string) {
    return this.upcoming(ctx, { courseId });
  }

  /** A month's parts by London day, each marked with the viewer's own booking. */
  async month(ctx: TenantContext, month: string, personId: string | null) {
    const from = londonInstant(`${month}-01`, 0);
    const to = londonInstant(`${addMonth(month, 1)}-01`, 0);
    return this.data.run(ctx, async (db) => {
      const parts = await repo.partsBetween(db, from, to);
      const sessionIds = [...new Set(parts.map((p) => p.session_id))];
      const mine = personId ? await repo.personBookings(db, personId, sessionIds) : [];
      const status = new Map(mine.map((b) => [b.session_id, b.status]));
      const days = new Map<IsoDate, { date: IsoDate; heading: string; items: unknown[] }>();
      for (const p of parts) {
        const date = londonWallClock(p.starts_at).date;
        const day = days.get(date) ?? { date, heading: dayText(date), items: [] };
        day.items.push({
          sessionId: p.session_id,
          courseTitle: p.course_title,
          time: `${timeText(londonWallClock(p.starts_at).minutes)} to ${timeText(londonWallClock(p.ends_at).minutes)}`,
          where: placeText(p.venue, p.room) ?? "Online",
          partLabel: (p.part_count ?? 1) > 1 ? `Part ${p.part_number} of ${p.part_count}` : null,
          cancelled: p.status === "cancelled",
          booking: (status.get(p.session_id) as BookingStatus | undefined) ?? null,
        });
        days.set(date, day);
      }
      return [...days.values()];
    });
  }

  /** Adds a session to a course, unless it clashes and the clash is not confirmed. */
  async create(
    ctx: TenantContext,
    courseId: string,
    input: SessionInput,
    options: SaveOptions,
  ): Promise<SaveOutcome> {
    const parts = this.#check(input, []);
    return this.data.run(ctx, async (db) => {
      const course = await repo.findCourse(db, courseId);
      if (!course) throw new RuleError("course", "The course was not found");
      if (course.status === "withdrawn") {
        throw new RuleError("course", "This course is no longer offered, so sessions cannot be added");
      }
      const clashes = await this.#clashes(db, input, parts, null);
      if (clashes.length > 0 && !options.confirmClashes) return { saved: false, clashes };
      const row = await db
        .insertInto("learning_sessions")
        .values({
          course_id: courseId,
          ...columns(input),
          created_by: ctx.actor.id,
          updated_at: this.clock.now(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("learning_session_parts")
        .values(
          parts.map((p, i) => ({
            session_id: row.id,
            part_number: i + 1,
            starts_at: p.startsAt,
            ends_at: p.endsAt,
          })),
        )
        .execute();
      return { saved: true, id: row.id };
    });
  }

  /**
   * Changes a session: the same rules (a part already past may stay as it was); bumps the calendar
   * sequence; if its times or place change, everyone with a live booking is emailed.
   */
  async update(
    ctx: TenantContext,
    sessionId: string,
    input: SessionInput,
    options: SaveOptions,
  ): Promise<SaveOutcome> {
    return this.data.run(ctx, async (db) => {
      const session = await repo.findSession(db, sessionId);
      if (!session) throw new RuleError("form", "The session was not found");
      if (session.status === "cancelled")
        throw new RuleError("form", "This session is cancelled and cannot be changed");
      const existing = await repo.partsOf(db, [sessionId]);
      const parts = this.#check(input, existing);
      const clashes = await this.#clashes(db, input, parts, sessionId);
      if (clashes.length > 0 && !options.confirmClashes) return { saved: false, clashes };

      const now = this.clock.now();
      await db
        .updateTable("learning_sessions")
        .set({ ...columns(input), ics_sequence: session.ics_sequence + 1, updated_at: now })
        .where("id", "=", sessionId)
        .execute();
      // Parts keep their ids (and calendar UIDs and attendance) by position; numbers stay 1..n.
      for (const [i, p] of parts.entries()) {
        const old = existing[i];
        if (old) {
          await db
            .updateTable("learning_session_parts")
            .set({ starts_at: p.startsAt, ends_at: p.endsAt })
            .where("id", "=", old.id)
            .execute();
        } else {
          await db
            .insertInto("learning_session_parts")
            .values({ session_id: sessionId, part_number: i + 1, starts_at: p.startsAt, ends_at: p.endsAt })
            .execute();
        }
      }
      const extra = existing.slice(parts.length).map((p) => p.id);
      if (extra.length > 0) await db.deleteFrom("learning_session_parts").where("id", "in", extra).execute();

      const timesChanged =
        existing.length !== parts.length ||
        existing.some((old, i) => {
          const p = parts[i];
          return (
            !p ||
            p.startsAt.getTime() !== old.starts_at.getTime() ||
            p.endsAt.getTime() !== old.ends_at.getTime()
          );
        });
      const placeChanged =
        norm(session.venue) !== norm(input.venue) ||
        norm(session.room) !== norm(input.room) ||
        (session.online_link ?? "") !== (input.onlineLink ?? "");
      if (timesChanged || placeChanged) {
        const when = parts.map((p) => `- ${partText(p.startsAt, p.endsAt)}`).join("\n");
        const where = placeText(input.venue, input.room) ?? "Online";
        for (const b of await repo.liveBookings(db, sessionId)) {
          if (!b.email) continue;
          await this.outbox.enqueue(db, {
            to: b.email,
            subject: `Changed: ${session.course_title} on ${dateText(dateInLondon(parts[0]?.startsAt ?? now))}`,
            body: [
              `Dear ${b.preferred_name ?? b.given_name},`,
              `The ${session.course_title} session ${relation(b.status)} has changed.`,
              `When:\n${when}`,
              `Where: ${where}`,
              `Add the new dates to your calendar (this replaces the old entry): ${options.baseUrl}/learning/bookings/${b.id}/calendar.ics`,
              `Session details: ${options.baseUrl}/learning/sessions/${sessionId}`,
            ].join("\n\n"),
            reference: `learning-session:${sessionId}:changed:${session.ics_sequence + 1}:${b.id}`,
          });
        }
      }
      return { saved: true, id: sessionId };
    });
  }

  /** Cancels a session: every live booking ends ("session cancelled") and each person is emailed. */
  async cancel(ctx: TenantContext, sessionId: string, reason: string, baseUrl: string): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const session = await repo.findSession(db, sessionId);
      if (!session) throw new RuleError("reason", "The session was not found");
      if (session.status === "cancelled") throw new RuleError("reason", "This session is already cancelled");
      const parts = await repo.partsOf(db, [sessionId]);
      const now = this.clock.now();
      if (parts.some((p) => p.starts_at <= now)) {
        throw new RuleError("reason", "This session has already started, so it cannot be cancelled");
      }
      const bookings = await repo.liveBookings(db, sessionId);
      await db
        .updateTable("learning_sessions")
        .set({
          status: "cancelled",
          cancelled_reason: reason,
          ics_sequence: session.ics_sequence + 1,
          updated_at: now,
        })
        .where("id", "=", sessionId)
        .execute();
      if (bookings.length > 0) {
        await db
          .updateTable("learning_bookings")
          .set({
            status: "cancelled",
            cancel_reason: "session cancelled",
            cancelled_at: now,
            updated_at: now,
          })
          .where(
            "id",
            "in",
            bookings.map((b) => b.id),
          )
          .execute();
      }
      const first = parts[0];
      const on = first ? ` on ${dateText(dateInLondon(first.starts_at))}` : "";
      for (const b of bookings) {
        if (!b.email) continue;
        await this.outbox.enqueue(db, {
          to: b.email,
          subject: `Cancelled: ${session.course_title}${on}`,
          body: [
            `Dear ${b.preferred_name ?? b.given_name},`,
            `The ${session.course_title} session${on} ${relation(b.status)} has been cancelled.`,
            `Reason: ${reason}`,
            `Remove it from your calendar: ${baseUrl}/learning/bookings/${b.id}/calendar.ics`,
            `Other dates for this course: ${baseUrl}/learning/courses/${session.course_id}`,
          ].join("\n\n"),
          reference: `learning-session:${sessionId}:cancelled:${b.id}`,
        });
      }
    });
  }

  /** The .ics for one booking; null if there is no such booking. */
  async bookingCalendar(ctx: TenantContext, bookingId: string, site: Site) {
    return this.data.run(ctx, async (db) => {
      const booking = await repo.findBooking(db, bookingId);
      if (!booking) return null;
      const session = await repo.findSession(db, booking.session_id);
      if (!session) return null;
      const parts = await repo.partsOf(db, [session.id]);
      const live = (["requested", "booked", "waiting", "offered"] as BookingStatus[]).includes(
        booking.status,
      );
      const cancelled = session.status === "cancelled" || !live;
      // A booking ended on a session that goes ahead: one step past the session's sequence.
      const sequence = session.ics_sequence + (cancelled && session.status !== "cancelled" ? 1 : 0);
      const name = `${booking.preferred_name ?? booking.given_name} ${booking.family_name}`;
      const ics = calendar(session, parts, site, {
        method: cancelled ? "CANCEL" : "REQUEST",
        status: cancelled ? "CANCELLED" : booking.status === "booked" ? "CONFIRMED" : "TENTATIVE",
        sequence,
        stamp: new Date(Math.max(booking.updated_at.getTime(), session.updated_at.getTime())),
        attendee: booking.email ? { name, email: booking.email } : null,
        withLink: booking.status === "booked",
      });
      return { personId: booking.person_id, ics };
    });
  }

  /** The .ics for a session, with no one's details (and no online link). */
  async sessionCalendar(ctx: TenantContext, sessionId: string, site: Site) {
    return this.data.run(ctx, async (db) => {
      const session = await repo.findSession(db, sessionId);
      if (!session) return null;
      const parts = await repo.partsOf(db, [sessionId]);
      const cancelled = session.status === "cancelled";
      return calendar(session, parts, site, {
        method: cancelled ? "CANCEL" : "PUBLISH",
        status: cancelled ? "CANCELLED" : "CONFIRMED",
        sequence: session.ics_sequence,
        stamp: session.updated_at,
        attendee: null,
        withLink: false,
      });
    });
  }

  /** Whether the council has any sessions (the demo seeds only when it has none). */
  async hasSessions(ctx: TenantContext): Promise<boolean> {
    return this.data.run(ctx, async (db) => (await repo.countSessions(db)) > 0);
  }

  /** Checks the rules that need no database; returns the parts as instants, in time order. */
  #check(input: SessionInput, existing: repo.PartRow[]) {
    if (input.parts.length === 0) throw new RuleError("part1_date-day", "Enter the date of the first part");
    const now = this.clock.now();
    const parts = input.parts.map((p, i) => {
      const field = p.field ?? `part${i + 1}`;
      const startsAt = londonInstant(p.date, p.start);
      const endsAt = londonInstant(p.date, p.end);
      if (p.end <= p.start) throw new RuleError(`${field}_end`, "The end time must be after the start time");
      const unchanged = existing.some(
        (e) => e.starts_at.getTime() === startsAt.getTime() && e.ends_at.getTime() === endsAt.getTime(),
      );
      if (startsAt <= now && !unchanged)
        throw new RuleError(`${field}_date-day`, "The date must be in the future");
      return { field, startsAt, endsAt };
    });
    parts.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let i = 1; i < parts.length; i++) {
      const [prev, cur] = [parts[i - 1], parts[i]] as [(typeof parts)[number], (typeof parts)[number]];
      if (cur.startsAt < prev.endsAt) {
        throw new RuleError(
          `${cur.field}_start`,
          "Parts must not overlap: this part starts before another ends",
        );
      }
    }
    const first = parts[0] as (typeof parts)[number];
    if (input.bookingClosesOn > dateInLondon(first.startsAt)) {
      throw new RuleError("booking_closes-day", "Booking must close on or before the date of the first part");
    }
    if (input.minimum > input.capacity) {
      throw new RuleError("minimum", "Minimum numbers must be no more than the number of places");
    }
    if (!input.venue && !input.onlineLink) throw new RuleError("venue", "Enter a venue, or an online link");
    if (input.room && !input.venue) throw new RuleError("venue", "Enter the venue the room is in");
    return parts;
  }

  async #clashes(
    db: TenantDb,
    mine: { venue: string | null; room: string | null; trainers: string[] },
    ranges: { startsAt: Date; endsAt: Date }[],
    excludeSessionId: string | null,
  ): Promise<Clash[]> {
    const others = await repo.overlappingParts(db, ranges, excludeSessionId);
    const room = mine.venue ? `${norm(mine.venue)}|${norm(mine.room)}` : null;
    const trainers = new Map(mine.trainers.map((t) => [norm(t), t]));
    const out: Clash[] = [];
    const seen = new Set<string>();
    const add = (key: string, clash: Clash) => {
      if (seen.has(key)) return;
      seen.add(key);
      out.push(clash);
    };
    for (const o of others) {
      const when = partText(o.starts_at, o.ends_at);
      if (room && o.venue && `${norm(o.venue)}|${norm(o.room)}` === room) {
        add(`room:${o.session_id}`, {
          sessionId: o.session_id,
          courseTitle: o.course_title,
          message: `${placeText(mine.venue, mine.room)} is booked for ${o.course_title} at the same time (${when})`,
        });
      }
      for (const t of o.trainers) {
        const name = trainers.get(norm(t));
        if (name) {
          add(`trainer:${o.session_id}:${norm(t)}`, {
            sessionId: o.session_id,
            courseTitle: o.course_title,
            message: `${name} is training ${o.course_title} at the same time (${when})`,
          });
        }
      }
    }
    return out;
  }
}

/** Who the calendar files are from, and where links point. */
export interface Site {
  host: string;
  baseUrl: string;
  serviceName: string;
}

function relation(status: string): string {
  switch (status) {
    case "booked":
      return "you are booked on";
    case "waiting":
      return "you are on the waiting list for";
    case "offered":
      return "you have been offered a place on";
    default:
      return "you asked to book";
  }
}

function columns(input: SessionInput) {
  return {
    capacity: input.capacity,
    minimum: input.minimum,
    booking_closes_on: input.bookingClosesOn,
    venue: input.venue,
    room: input.venue ? input.room : null,
    online_link: input.onlineLink,
    trainers: input.trainers,
    notes: input.notes,
  };
}

function calendar(
  session: repo.SessionRow,
  parts: repo.PartRow[],
  site: Site,
  o: Pick<IcsCalendar, "method" | "status" | "sequence" | "stamp" | "attendee"> & { withLink: boolean },
): string {
  const where = placeText(session.venue, session.room);
  const link = o.withLink ? session.online_link : null;
  return writeCalendar({
    method: o.method,
    status: o.status,
    sequence: o.sequence,
    stamp: o.stamp,
    attendee: o.attendee,
    organizer: { name: site.serviceName, email: `noreply@${site.host.replace(/:\d+$/, "")}` },
    events: parts.map((p) => ({
      uid: `${p.id}@${site.host.replace(/:\d+$/, "")}`,
      startsAt: p.starts_at,
      endsAt: p.ends_at,
      summary:
        parts.length > 1
          ? `${session.course_title} (part ${p.part_number} of ${parts.length})`
          : session.course_title,
      location: where ?? (session.online_link ? "Online" : null),
      description:
        [
          session.status === "cancelled" && session.cancelled_reason
            ? `Cancelled: ${session.cancelled_reason}`
            : null,
          link ? `Join online: ${link}` : null,
          session.trainers.length ? `Trainers: ${session.trainers.join(", ")}` : null,
        ]
          .filter(Boolean)
          .join("\n") || null,
      url: `${site.baseUrl}/learning/sessions/${session.id}`,
    })),
  });
}
