import type { TestApp } from "../../../../test/support/app.js";
import { type BookingsFixture, seedBookingsFixture } from "../bookings/test-fixture.js";

/**
 * The evaluation tests' world: the bookings fixture (people, a line manager's reports, courses
 * and sessions) and `attended`, which books people on a new session and records their attendance
 * through the bookings service, exactly as the register page does.
 */
export interface EvaluationFixture extends BookingsFixture {
  attended(
    people: string[],
    options?: { on?: string; trainers?: string[]; title?: string; courseId?: string; noShow?: string[] },
  ): Promise<{ sessionId: string; courseId: string; bookingIds: string[] }>;
  evaluationOf(bookingId: string): Promise<string>;
}

export async function seedEvaluationFixture(t: TestApp): Promise<EvaluationFixture> {
  const f = await seedBookingsFixture(t);
  const { data } = t.app.platform;

  const attended: EvaluationFixture["attended"] = async (people, options = {}) => {
    const on = options.on ?? "2026-11-02";
    const made = await f.session({
      capacity: Math.max(2, people.length),
      closesOn: "2026-10-01",
      parts: [[`${on}T09:30:00Z`, `${on}T16:00:00Z`]],
      ...(options.title ? { title: options.title } : {}),
    });
    const courseId = options.courseId ?? made.courseId;
    const bookingIds = await data.run(f.ctx, async (db) => {
      await db
        .updateTable("learning_sessions")
        .set({ trainers: options.trainers ?? [], course_id: courseId })
        .where("id", "=", made.sessionId)
        .execute();
      const rows = await db
        .insertInto("learning_bookings")
        .values(
          people.map((p) => ({
            session_id: made.sessionId,
            person_id: p,
            status: "booked" as const,
            requested_by: "system:fixture",
            updated_at: new Date(),
          })),
        )
        .returning(["id", "person_id"])
        .execute();
      return people.map((p) => rows.find((r) => r.person_id === p)?.id as string);
    });
    const noShow = new Set(options.noShow ?? []);
    await t.app.bookings.recordAttendance(
      f.ctx,
      made.sessionId,
      bookingIds.map((bookingId, i) => ({
        bookingId,
        partNumber: 1,
        status: noShow.has(people[i] as string) ? "no_show" : "attended",
        reason: null,
        href: "#",
      })),
    );
    return { sessionId: made.sessionId, courseId, bookingIds };
  };

  const evaluationOf = async (bookingId: string) =>
    (
      await t.database.db
        .selectFrom("learning_evaluations")
        .select("id")
        .where("booking_id", "=", bookingId)
        .executeTakeFirstOrThrow()
    ).id;

  return { ...f, attended, evaluationOf };
}
