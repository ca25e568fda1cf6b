import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { COMPLIANCE_JOBS } from "./compliance.service.js";
import { sendReminders } from "./reminders.js";

/** Reminders go to the person and their line manager once per requirement, kind and due date. */
describe("compliance reminders", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let course: string;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId);
    await t.app.platform.data.run(f.ctx, async (db) => {
      course = (
        await db
          .insertInto("learning_courses")
          .values({
            code: "FIRE-01",
            title: "Fire safety",
            tier: "core",
            group_key: "safeguarding",
            delivery: "e_learning",
            booking_route: "self",
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
      const req = await db
        .insertInto("learning_requirements")
        .values({ code: "FIRE", title: "Fire safety" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("learning_requirement_versions")
        .values({
          requirement_id: req.id,
          valid_from: "2020-01-01",
          course_ids: [course],
          person_kinds: ["staff"],
          due_within_days: 60,
          renew_every_months: 12,
          due_soon_days: 30,
          created_by: "test",
        })
        .execute();
      // Eve reports to Alice; her fire safety ran out on 1 November 2026 (no grace): expired.
      await db
        .updateTable("assignments")
        .set({ line_manager_person_id: f.id.alice as string })
        .where("person_id", "=", f.id.eve as string)
        .execute();
      for (const [person, on] of [
        ["eve", "2025-11-01"],
        ["alice", "2025-12-10"],
      ] as const) {
        await db
          .insertInto("learning_records")
          .values({
            person_id: f.id[person] as string,
            course_id: course,
            title: "Fire safety",
            completed_on: on,
            source: "e_learning",
            created_by: "test",
          })
          .execute();
      }
    });
  });
  afterAll(() => t.close());

  const outbox = () =>
    t.database.db
      .selectFrom("outbox_messages")
      .select(["to_address", "subject"])
      .orderBy("created_at")
      .execute();
  const send = () => sendReminders(t.app.platform.data, t.app.platform.outbox, t.app.compliance, f.ctx);

  it("emails the person and their manager once, in the same transaction as the mark", async () => {
    await send();
    const first = await outbox();
    expect(first).toContainEqual({
      to_address: "eve.evans@example.org",
      subject: "Your Fire safety has expired",
    });
    expect(first).toContainEqual({
      to_address: "alice.adams@example.org",
      subject: "Eve Evans's Fire safety has expired",
    });
    // Alice's own renewal is due on 10 December 2026: due soon.
    expect(first).toContainEqual({
      to_address: "alice.adams@example.org",
      subject: "Your Fire safety is due soon",
    });
    // Bob and Dan are overdue but have no email address and no manager: marked, nothing sent.
    expect(first).toHaveLength(3);
    const marks = await t.app.platform.data.run(f.ctx, (db) =>
      db.selectFrom("learning_reminders_sent").select(["person_id", "kind", "due_on"]).execute(),
    );
    expect(marks.map((m) => m.kind).sort()).toEqual(["due_soon", "expired", "overdue", "overdue"]);

    await send();
    expect(await outbox()).toHaveLength(3);
  });

  it("reminds again when a renewal brings a new due date", async () => {
    await t.app.platform.data.run(f.ctx, (db) =>
      db
        .insertInto("learning_records")
        .values({
          person_id: f.id.eve as string,
          course_id: course,
          title: "Fire safety",
          completed_on: "2026-11-23",
          source: "e_learning",
          created_by: "test",
        })
        .execute(),
    );
    await send();
    expect(await outbox()).toHaveLength(3);
    t.clock.set("2027-11-01T09:00:00Z");
    await send();
    const later = await outbox();
    // Eve's renewal is due on 23 November 2027: due soon; Alice's ran out in December 2026.
    expect(later.slice(3)).toEqual(
      expect.arrayContaining([
        { to_address: "eve.evans@example.org", subject: "Your Fire safety is due soon" },
        { to_address: "alice.adams@example.org", subject: "Eve Evans's Fire safety is due soon" },
        { to_address: "alice.adams@example.org", subject: "Your Fire safety has expired" },
      ]),
    );
    expect(later).toHaveLength(6);
  });

  it("runs as a scheduled daily job", async () => {
    const job = await t.app.platform.jobs.enqueue(COMPLIANCE_JOBS.reminders);
    await t.app.platform.jobs.tick();
    const done = await t.database.db
      .selectFrom("jobs")
      .select("status")
      .where("id", "=", job.id)
      .executeTakeFirst();
    expect(done?.status).toBe("succeeded");
  });
});
