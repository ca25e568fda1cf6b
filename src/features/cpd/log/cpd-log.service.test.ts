import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import { mixOf, shares } from "./cpd-log.service.js";
import { registrationYear, registrationYearOf } from "./reference.js";
import { entryInput } from "./test-helpers.js";

describe("70:20:10 arithmetic", () => {
  it("gives whole-number shares adding up to 100", () => {
    expect(shares({ experience: 1, others: 1, formal: 1 })).toEqual({
      experience: 34,
      others: 33,
      formal: 33,
    });
    expect(shares({ experience: 7, others: 2, formal: 1 })).toEqual({
      experience: 70,
      others: 20,
      formal: 10,
    });
    expect(shares({ experience: 0, others: 0, formal: 0 })).toEqual({ experience: 0, others: 0, formal: 0 });
  });

  it("adds hours by category", () => {
    const mix = mixOf([
      { category: "formal", hours: 6, entries: 1 },
      { category: "others", hours: 1.5, entries: 2 },
      { category: "others", hours: 2.5, entries: 1 },
    ]);
    expect(mix).toEqual({
      hours: { experience: 0, others: 4, formal: 6 },
      total: 10,
      percent: { experience: 0, others: 40, formal: 60 },
      entries: 4,
    });
  });

  it("puts 30 November and 1 December in different registration years", () => {
    expect(registrationYearOf("2026-11-30")).toBe(2026);
    expect(registrationYearOf("2026-12-01")).toBe(2027);
    expect(registrationYear(2026)).toMatchObject({ from: "2025-12-01", to: "2026-11-30" });
  });
});

describe("CpdLogService", () => {
  let t: TestApp;
  let f: PeopleFixture;
  const count = async (table: "cpd_entries" | "cpd_evidence" | "stored_files") =>
    (await t.database.db.selectFrom(table).select("id").execute()).length;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId);
  });
  afterAll(() => t.close());

  const alice = () => f.id.alice as string;

  it("records an entry with the category suggested from its kind", async () => {
    const id = await t.app.cpdLog.create(f.ctx, alice(), entryInput({ kind: "reflective_supervision" }));
    const entry = await t.app.cpdLog.entry(f.ctx, id);
    expect(entry).toMatchObject({
      kind: "reflective_supervision",
      category: "others",
      hours: 2,
      status: "final",
      sweStandards: [1, 4],
    });
    expect(entry?.finalisedAt).toBeInstanceOf(Date);
  });

  it("keeps the category the person chose", async () => {
    const id = await t.app.cpdLog.create(
      f.ctx,
      alice(),
      entryInput({ kind: "course", category: "experience" }),
    );
    expect((await t.app.cpdLog.entry(f.ctx, id))?.category).toBe("experience");
  });

  it("refuses a date in the future, and writes nothing", async () => {
    const before = await count("cpd_entries");
    await expect(t.app.cpdLog.create(f.ctx, alice(), entryInput({ entryOn: "2026-11-24" }))).rejects.toThrow(
      RuleError,
    );
    await expect(
      t.app.cpdLog.create(
        f.ctx,
        alice(),
        entryInput({ peer: { name: "Sam", on: "2027-01-01", notes: "x" } }),
      ),
    ).rejects.toThrow("peer reflection must be today or in the past");
    expect(await count("cpd_entries")).toBe(before);
  });

  it("starts a course entry from the person's own learning record, once", async () => {
    const record = await t.app.platform.data.run(f.ctx, (db) =>
      db
        .insertInto("learning_records")
        .values({
          person_id: alice(),
          title: "Signs of Safety two-day",
          completed_on: "2026-09-10",
          source: "external",
          hours: 12,
          verification: "verified",
          created_by: "system:test",
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    const unrecorded = await t.app.cpdLog.unrecordedLearning(f.ctx, alice());
    expect(unrecorded.map((r) => r.title)).toEqual(["Signs of Safety two-day"]);
    // Not someone else's record.
    await expect(
      t.app.cpdLog.create(
        f.ctx,
        f.id.bob as string,
        entryInput({ kind: "course", learningRecordId: record.id }),
      ),
    ).rejects.toThrow("Choose learning from your own learning record");
    await t.app.cpdLog.create(f.ctx, alice(), entryInput({ kind: "course", learningRecordId: record.id }));
    expect(await t.app.cpdLog.unrecordedLearning(f.ctx, alice())).toEqual([]);
    await expect(
      t.app.cpdLog.create(f.ctx, alice(), entryInput({ kind: "course", learningRecordId: record.id })),
    ).rejects.toThrow("already recorded as CPD");
  });

  it("works out a person's mix from final entries in the registration year only", async () => {
    const bob = f.id.bob as string;
    await t.app.cpdLog.create(f.ctx, bob, entryInput({ kind: "course", hours: 6 }));
    await t.app.cpdLog.create(f.ctx, bob, entryInput({ kind: "practice_forum", hours: 3 }));
    await t.app.cpdLog.create(f.ctx, bob, entryInput({ kind: "panel_membership", hours: 21 }));
    await t.app.cpdLog.create(
      f.ctx,
      bob,
      entryInput({ kind: "panel_membership", hours: 50, status: "draft" }),
    );
    await t.app.cpdLog.create(f.ctx, bob, entryInput({ kind: "course", hours: 50, entryOn: "2025-11-30" }));
    const mix = await t.app.cpdLog.mix(f.ctx, bob, registrationYear(2026));
    expect(mix.hours).toEqual({ experience: 21, others: 3, formal: 6 });
    expect(mix.percent).toEqual({ experience: 70, others: 10, formal: 20 });
    expect((await t.app.cpdLog.mix(f.ctx, bob, registrationYear(2025))).hours.formal).toBe(50);
  });

  it("deletes an entry with its evidence files", async () => {
    const id = await t.app.cpdLog.create(f.ctx, alice(), entryInput());
    const files = await count("stored_files");
    await t.app.cpdLog.addEvidence(
      f.ctx,
      id,
      { filename: "notes.txt", contentType: "text/plain", data: Buffer.from("My notes") },
      "Notes",
    );
    expect(await count("stored_files")).toBe(files + 1);
    await t.app.cpdLog.remove(f.ctx, id);
    expect(await t.app.cpdLog.entry(f.ctx, id)).toBeNull();
    expect(await count("stored_files")).toBe(files);
  });
});
