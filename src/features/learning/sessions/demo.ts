import type { FastifyInstance } from "fastify";
import { addDays, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import type { PartInput, SessionInput } from "./sessions.service.js";
import { londonInstant } from "./times.js";

/**
 * The demo's sessions: about a hundred, spread over the demo year (from two months before today to
 * ten months after), on weekdays, for the catalogue's face-to-face, virtual and blended courses.
 * Deterministic (a seeded random) and done once: nothing happens if the council has sessions.
 * Future sessions go through the service's rules; past ones are history and are written directly.
 */

const rooms: [venue: string, room: string][] = [
  ["Origin One", "Room 1"],
  ["Origin One", "Room 2"],
  ["Origin One", "Training Suite"],
  ["Grimsby Town Hall", "Committee Room 1"],
  ["Immingham Civic Centre", "Meeting Room 3"],
  ["Cleethorpes Family Hub", "Training Room"],
];
const trainerPool = [
  "Helen Marsh",
  "David Okafor",
  "Priya Shah",
  "Mark Ellison",
  "Joanne Pike",
  "Tom Whitfield",
  "Aisha Rahman",
  "Claire Dunmore",
  "Gareth Lowe",
];
const deliveriesWithDates = ["face_to_face", "virtual", "blended"];

/** A small seeded random (mulberry32): the same demo every time. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const weekday = (d: IsoDate) => {
  const day = new Date(`${d}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
};
const nextWeekday = (d: IsoDate) => {
  let out = d;
  while (!weekday(out)) out = addDays(out, 1);
  return out;
};

export async function seedDemoSessions(app: FastifyInstance, ctx: TenantContext): Promise<number> {
  const service = app.sessions;
  if (await service.hasSessions(ctx)) return 0;
  const courses = await app.platform.data.run(ctx, (db) =>
    db
      .selectFrom("learning_courses")
      .select(["id", "code", "delivery", "duration_hours"])
      .where("status", "=", "active")
      .where("delivery", "in", deliveriesWithDates)
      .orderBy("code")
      .execute(),
  );
  const random = seeded(20261123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const today = service.today();
  const from = addDays(today, -61);
  const now = app.platform.clock.now();
  const used = new Set<string>();
  let made = 0;

  for (const course of courses) {
    const r = random();
    const count = r < 0.45 ? 0 : r < 0.85 ? 1 : 2;
    for (let k = 0; k < count; k++) {
      const hours = Number(course.duration_hours ?? 0);
      const days = hours >= 30 ? 5 : hours >= 12 ? 2 : 1;
      const online =
        course.delivery === "virtual" || (course.delivery === "blended" && random() < 0.5) || random() < 0.1;
      const halfDay = days === 1 && random() < 0.3;
      const morning = random() < 0.5;
      const [start, end] = halfDay ? (morning ? [570, 750] : [810, 990]) : [570, 990];
      let first = nextWeekday(addDays(from, Math.floor(random() * 365)));
      // Find a day when the room and trainers are free.
      let place: [string, string] = pick(rooms);
      let trainers = [pick(trainerPool)];
      if (random() < 0.3) trainers.push(pick(trainerPool.filter((t) => !trainers.includes(t))));
      const dates = () => {
        const out: IsoDate[] = [first];
        while (out.length < days) out.push(nextWeekday(addDays(out[out.length - 1] as IsoDate, 1)));
        return out;
      };
      const keys = () =>
        dates().flatMap((d) => [
          ...(online ? [] : [`${d}|${place.join("|")}`]),
          ...trainers.map((t) => `${d}|${t}`),
        ]);
      for (let tries = 0; tries < 20 && keys().some((key) => used.has(key)); tries++) {
        place = pick(rooms);
        trainers = [pick(trainerPool)];
        if (tries > 5) first = nextWeekday(addDays(first, 1));
      }
      for (const key of keys()) used.add(key);
      const parts: PartInput[] = dates().map((date) => ({ date, start, end }));
      const capacity = online ? 20 : pick([12, 14, 16, 18, 20]);
      const input: SessionInput = {
        parts,
        capacity,
        minimum: Math.min(6, capacity),
        bookingClosesOn: addDays(first, -7),
        venue: online ? null : place[0],
        room: online ? null : place[1],
        onlineLink: online
          ? `https://teams.microsoft.com/l/meetup-join/demo-${course.code.toLowerCase()}-${k + 1}`
          : null,
        trainers,
        notes: online ? "Join five minutes early to check your camera and microphone." : null,
      };
      const starts = parts.map((p) => londonInstant(p.date, p.start));
      if (starts.every((s) => s > now)) {
        const saved = await service.create(ctx, course.id, input, { confirmClashes: true, baseUrl: "" });
        if (saved.saved) made += 1;
      } else {
        await app.platform.data.run(ctx, async (db) => {
          const row = await db
            .insertInto("learning_sessions")
            .values({
              course_id: course.id,
              capacity: input.capacity,
              minimum: input.minimum,
              booking_closes_on: input.bookingClosesOn,
              venue: input.venue,
              room: input.room,
              online_link: input.onlineLink,
              trainers: input.trainers,
              notes: input.notes,
              created_by: ctx.actor.id,
              updated_at: now,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          await db
            .insertInto("learning_session_parts")
            .values(
              parts.map((p, i) => ({
                session_id: row.id,
                part_number: i + 1,
                starts_at: londonInstant(p.date, p.start),
                ends_at: londonInstant(p.date, p.end),
              })),
            )
            .execute();
        });
        made += 1;
      }
    }
  }
  return made;
}
