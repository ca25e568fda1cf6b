import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../../test/support/app.js";
import type { PeopleFixture } from "../../../../test/support/people-fixture.js";
import { reminderRound } from "./reminders.js";
import { seedRegisteredApp } from "./test-fixture.js";
import { addEntries } from "./test-support.js";

/**
 * The daily job, run by moving the clock: in September and again in November each registered
 * person not yet meeting the year gets one email, and their line manager one list.
 *   Alice  registered, met; line manager of Dan and Bob
 *   Dan    registered, nothing recorded
 *   Bob    registered, one piece; meets it before November
 *   Eve    not registered: never reminded
 */
describe("readiness reminders", () => {
  let t: TestApp;
  let f: PeopleFixture;
  const id = (key: string) => f.id[key] as string;

  beforeAll(async () => {
    ({ t, f } = await seedRegisteredApp({ now: "2026-08-31T09:00:00Z" }));
    await t.app.platform.data.run(f.ctx, async (db) => {
      for (const key of ["dan", "bob"]) {
        await db
          .updateTable("people")
          .set({ email: `${key}@example.org` })
          .where("id", "=", id(key))
          .execute();
      }
      await db
        .updateTable("assignments")
        .set({ line_manager_person_id: id("alice") })
        .where("person_id", "in", [id("dan"), id("bob")])
        .execute();
    });
    await addEntries(t.app, f.ctx, id("alice"), [
      { on: "2026-01-10", title: "Court skills", peer: true },
      { on: "2026-02-10", title: "Reading" },
    ]);
    await addEntries(t.app, f.ctx, id("bob"), [{ on: "2026-03-10", title: "Practice forum", peer: true }]);
  });
  afterAll(() => t.close());

  const sent = () =>
    t.database.db
      .selectFrom("outbox_messages")
      .select(["to_address", "subject", "body"])
      .where("reference", "like", "cpd-registration%")
      .orderBy("created_at")
      .orderBy("to_address")
      .execute();

  it("knows its rounds", () => {
    expect(reminderRound("2026-08-31")).toBeNull();
    expect(reminderRound("2026-09-01")).toBe("september");
    expect(reminderRound("2026-10-31")).toBe("september");
    expect(reminderRound("2026-11-01")).toBe("november");
    expect(reminderRound("2026-12-01")).toBeNull();
  });

  it("sends nothing in August", async () => {
    await t.app.platform.jobs.tick();
    t.clock.advance(60 * 60 * 1000);
    await t.app.platform.jobs.tick();
    expect(await sent()).toEqual([]);
  });

  it("sends September's reminders once, from 1 September", async () => {
    t.clock.set("2026-09-01T09:00:00Z");
    await t.app.platform.jobs.tick();
    const first = await sent();
    expect(first.map((m) => [m.to_address, m.subject])).toEqual([
      ["alice.adams@example.org", "2 of your team have not yet recorded enough CPD for renewal"],
      ["bob@example.org", "Your CPD for Social Work England renewal"],
      ["dan@example.org", "Your CPD for Social Work England renewal"],
    ]);
    const dan = first.find((m) => m.to_address === "dan@example.org");
    expect(dan?.body).toContain("You still need: 2 more pieces of CPD and a peer reflection.");
    expect(dan?.body).toContain("by 30 November 2026");
    expect(first[0]?.body).toContain("- Bob Brown\n- Dan Davis");

    t.clock.advanceDays(1);
    await t.app.platform.jobs.tick();
    t.clock.set("2026-10-15T09:00:00Z");
    await t.app.platform.jobs.tick();
    expect(await sent()).toHaveLength(3);
  });

  it("sends November's once more to those still not meeting it", async () => {
    await addEntries(t.app, f.ctx, id("bob"), [{ on: "2026-10-20", title: "Lunch and learn on neglect" }]);
    t.clock.set("2026-11-01T09:00:00Z");
    await t.app.platform.jobs.tick();
    const november = (await sent()).slice(3);
    expect(november.map((m) => [m.to_address, m.subject])).toEqual([
      ["alice.adams@example.org", "1 of your team has not yet recorded enough CPD for renewal"],
      ["dan@example.org", "Your CPD for Social Work England renewal"],
    ]);
    t.clock.advanceDays(1);
    await t.app.platform.jobs.tick();
    expect(await sent()).toHaveLength(5);
    const marks = await t.database.db
      .selectFrom("cpd_registration_reminders")
      .select(["round", "audience"])
      .execute();
    expect(marks).toHaveLength(5);
  });
});
