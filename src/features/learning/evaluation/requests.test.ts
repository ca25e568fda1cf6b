import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type EvaluationFixture, seedEvaluationFixture } from "./test-fixture.js";

/**
 * Acceptance: an attendance creates an evaluation request; the learner is emailed through the
 * outbox; the 3-month follow-up is scheduled and sent to the learner and their line manager when
 * the test clock moves and the jobs run.
 */
describe("evaluation requests and follow-ups", () => {
  let t: TestApp;
  let f: EvaluationFixture;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedEvaluationFixture(t);
  });
  afterAll(() => t.close());

  const db = () => t.database.db;
  const outbox = (to: string) =>
    db()
      .selectFrom("outbox_messages")
      .select(["to_address", "subject", "body"])
      .where("to_address", "=", to)
      .orderBy("created_at")
      .execute();
  const request = (bookingId: string) =>
    db()
      .selectFrom("learning_evaluations")
      .selectAll()
      .where("booking_id", "=", bookingId)
      .executeTakeFirst();

  it("makes a request for a completed attendance only, once, and withdraws it when attendance is corrected", async () => {
    const amy = await f.person({ given: "Amy", family: "Attends" });
    const nat = await f.person({ given: "Nat", family: "Noshow" });
    const s = await f.attended([amy, nat], { on: "2026-11-02", noShow: [nat] });
    const [amyB, natB] = s.bookingIds as [string, string];
    expect(await request(amyB)).toMatchObject({
      person_id: amy,
      course_id: s.courseId,
      session_id: s.sessionId,
      attended_on: "2026-11-02",
      follow_up_due_on: "2027-02-02",
      invitation: "due",
      follow_up: "scheduled",
      answered_at: null,
    });
    expect(await request(natB)).toBeUndefined();

    // Recording the register again changes nothing; a correction to no-show withdraws the request.
    const again = (status: "attended" | "no_show") =>
      t.app.bookings.recordAttendance(f.ctx, s.sessionId, [
        { bookingId: amyB, partNumber: 1, status, reason: null, href: "#" },
      ]);
    await again("attended");
    expect(
      await db().selectFrom("learning_evaluations").where("booking_id", "=", amyB).execute(),
    ).toHaveLength(1);
    await again("no_show");
    expect(await request(amyB)).toBeUndefined();
    await again("attended");
    expect(await request(amyB)).toBeDefined();
  });

  it("keeps an answered evaluation when attendance is corrected", async () => {
    const ben = await f.person({ given: "Ben", family: "Kept" });
    const s = await f.attended([ben]);
    const bookingId = s.bookingIds[0] as string;
    const id = await f.evaluationOf(bookingId);
    await t.app.evaluations.answer(f.ctx, id, {
      rating: 4,
      confidenceBefore: 2,
      confidenceAfter: 4,
      willDoDifferently: "Plan visits",
      comments: null,
    });
    await t.app.bookings.recordAttendance(f.ctx, s.sessionId, [
      { bookingId, partNumber: 1, status: "no_show", reason: null, href: "#" },
    ]);
    expect(await request(bookingId)).toMatchObject({ id, rating: 4 });
  });

  it("emails the invitation once, then the follow-up to the learner and manager three months on", async () => {
    t.clock.set("2026-11-23T09:00:00Z");
    const lee = await f.person({
      given: "Lee",
      family: "Learner",
      email: "lee.learner@example.org",
      managerId: f.id.alice as string,
    });
    const s = await f.attended([lee], { on: "2026-11-20", title: "Analysis and Decision Making" });
    const id = await f.evaluationOf(s.bookingIds[0] as string);
    expect((await request(s.bookingIds[0] as string))?.follow_up_due_on).toBe("2027-02-20");

    // The invitations job runs every quarter of an hour.
    await t.app.platform.jobs.tick();
    t.clock.advance(15 * 60_000);
    await t.app.platform.jobs.tick();
    const invitations = await outbox("lee.learner@example.org");
    expect(invitations).toHaveLength(1);
    expect(invitations[0]?.subject).toBe("How was Analysis and Decision Making?");
    expect(invitations[0]?.body).toContain(`/learning/evaluations/${id}`);
    t.clock.advance(15 * 60_000);
    await t.app.platform.jobs.tick();
    expect(await outbox("lee.learner@example.org")).toHaveLength(1);

    // The day before the follow-up is due: nothing more.
    t.clock.set("2027-02-19T09:00:00Z");
    await t.app.platform.jobs.tick();
    expect(await outbox("lee.learner@example.org")).toHaveLength(1);
    expect(await outbox("alice.adams@example.org")).toHaveLength(0);

    t.clock.advanceDays(1);
    await t.app.platform.jobs.tick();
    const learner = await outbox("lee.learner@example.org");
    expect(learner).toHaveLength(2);
    expect(learner[1]?.subject).toBe("Analysis and Decision Making: what difference has it made?");
    expect(learner[1]?.body).toContain(`/learning/evaluations/${id}/follow-up`);
    const manager = await outbox("alice.adams@example.org");
    expect(manager).toHaveLength(1);
    expect(manager[0]?.subject).toBe(
      "Lee Learner's Analysis and Decision Making: what difference has it made?",
    );
    expect(manager[0]?.body).toContain(`/learning/evaluations/${id}/manager-follow-up`);
    const asked = await db()
      .selectFrom("learning_evaluation_follow_ups")
      .select(["respondent", "asked_person_id"])
      .where("evaluation_id", "=", id)
      .orderBy("respondent")
      .execute();
    expect(asked).toEqual([
      { respondent: "learner", asked_person_id: lee },
      { respondent: "manager", asked_person_id: f.id.alice },
    ]);

    // Once each: the next day's run sends nothing again.
    t.clock.advanceDays(1);
    await t.app.platform.jobs.tick();
    expect(await outbox("lee.learner@example.org")).toHaveLength(2);
    expect(await outbox("alice.adams@example.org")).toHaveLength(1);
  });

  it("does not email requests first seen more than 30 days late", async () => {
    t.clock.set("2026-11-23T09:00:00Z");
    const old = await f.person({ given: "Olu", family: "Old", email: "olu.old@example.org" });
    const s = await f.attended([old], { on: "2026-09-01" });
    const sent = await t.app.evaluations.sendEmails(f.ctx, "invitations");
    expect(sent.notSent).toBeGreaterThanOrEqual(1);
    expect(await outbox("olu.old@example.org")).toHaveLength(0);
    expect((await request(s.bookingIds[0] as string))?.invitation).toBe("not_sent");
  });
});
