import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { reschedule } from "./reschedule.js";
import { type ProgrammesFixture, seedProgrammesFixture } from "./test-fixture.js";

/**
 * reschedule against the database: an ASYE enrolment (Alice, full time, from 7 September 2026)
 * written directly with its milestones at made-up dates; reschedule puts them right, then follows
 * an FTE change, a pause, an open pause (counted to the clock's today) and an extension.
 */
describe("reschedule", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let p: ProgrammesFixture;
  let enrolmentId: string;
  const run = <T>(work: (db: TenantDb) => Promise<T>) => t.app.platform.data.run(f.ctx, work);
  const dates = () =>
    run(async (db) => {
      const milestones = await db
        .selectFrom("early_career_milestones")
        .select(["code", "due_on"])
        .where("enrolment_id", "=", enrolmentId)
        .orderBy("sequence")
        .execute();
      const e = await db
        .selectFrom("early_career_enrolments")
        .select("end_on")
        .where("id", "=", enrolmentId)
        .executeTakeFirstOrThrow();
      return { end: e.end_on, ...Object.fromEntries(milestones.map((m) => [m.code, m.due_on])) } as Record<
        string,
        string
      >;
    });

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(new Date("2026-09-01T09:00:00Z"));
    f = await seedPeopleFixture(t.app, t.tenantId);
    p = await seedProgrammesFixture(t.app, f.ctx);
    enrolmentId = await run(async (db) => {
      const cohort = await db
        .insertInto("early_career_cohorts")
        .values({ programme_id: p.asye.programmeId, name: "September 2026", intake_on: "2026-09-07" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const e = await db
        .insertInto("early_career_enrolments")
        .values({
          cohort_id: cohort.id,
          person_id: f.id.alice as string,
          programme_version_id: p.asye.versionId,
          route: "university",
          start_on: "2026-09-07",
          fte: 1,
          end_on: "2030-01-01",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const codes = ["AGREEMENT", "REVIEW-3", "REVIEW-6", "REVIEW-9", "PORTFOLIO", "FINAL", "PANEL"];
      await db
        .insertInto("early_career_milestones")
        .values(
          codes.map((code, i) => ({
            enrolment_id: e.id,
            code,
            name: code,
            kind: "review" as const,
            sequence: i + 1,
            due_on: "2030-01-01",
          })),
        )
        .execute();
      return e.id;
    });
  });
  afterAll(() => t.close());

  it("works the dates out from the template", async () => {
    await run((db) => reschedule(db, enrolmentId));
    expect(await dates()).toEqual({
      end: "2027-09-07",
      AGREEMENT: "2026-10-05",
      "REVIEW-3": "2026-12-07",
      "REVIEW-6": "2027-03-07",
      "REVIEW-9": "2027-06-07",
      PORTFOLIO: "2027-08-07",
      FINAL: "2027-09-07",
      PANEL: "2027-09-07",
    });
  });

  it("leaves completed milestones alone and follows an FTE change", async () => {
    await run(async (db) => {
      await db
        .updateTable("early_career_milestones")
        .set({ completed_on: "2026-10-01" })
        .where("enrolment_id", "=", enrolmentId)
        .where("code", "=", "AGREEMENT")
        .execute();
      await db
        .updateTable("early_career_enrolments")
        .set({ fte: 0.6 })
        .where("id", "=", enrolmentId)
        .execute();
      await reschedule(db, enrolmentId);
    });
    const d = await dates();
    expect(d.AGREEMENT).toBe("2026-10-05");
    expect(d["REVIEW-3"]).toBe("2027-02-06");
    expect(d.end).toBe("2028-05-08");
    await run(async (db) => {
      await db.updateTable("early_career_enrolments").set({ fte: 1 }).where("id", "=", enrolmentId).execute();
      await reschedule(db, enrolmentId);
    });
  });

  it("a closed 4-month pause moves the later dates by 120 days", async () => {
    const pauseId = await run(async (db) => {
      const row = await db
        .insertInto("early_career_pauses")
        .values({
          enrolment_id: enrolmentId,
          reason: "maternity_leave",
          from_on: "2027-01-01",
          to_on: "2027-04-30",
          recorded_by: "test",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await reschedule(db, enrolmentId);
      return row.id;
    });
    const d = await dates();
    expect(d["REVIEW-3"]).toBe("2026-12-07");
    expect(d["REVIEW-6"]).toBe("2027-07-05");
    expect(d.FINAL).toBe("2028-01-05");
    expect(d.end).toBe("2028-01-05");
    await run(async (db) => {
      await db.deleteFrom("early_career_pauses").where("id", "=", pauseId).execute();
      await reschedule(db, enrolmentId);
    });
  });

  it("an open pause counts up to the clock's today", async () => {
    await run(async (db) => {
      await db
        .insertInto("early_career_pauses")
        .values({
          enrolment_id: enrolmentId,
          reason: "long_sickness",
          from_on: "2026-11-01",
          recorded_by: "test",
        })
        .execute();
    });
    t.clock.set(new Date("2026-11-10T12:00:00Z"));
    await run((db) => reschedule(db, enrolmentId));
    expect((await dates())["REVIEW-3"]).toBe("2026-12-17"); // 10 paused days (1-10 November)
    t.clock.set(new Date("2026-11-20T12:00:00Z"));
    await run(async (db) => {
      await db
        .updateTable("early_career_pauses")
        .set({ to_on: "2026-11-14" })
        .where("enrolment_id", "=", enrolmentId)
        .execute();
      await reschedule(db, enrolmentId);
    });
    const d = await dates();
    expect(d["REVIEW-3"]).toBe("2026-12-21"); // 14 paused days
    expect(d.end).toBe("2027-09-21");
  });

  it("an extension sets the end and moves the portfolio, final review and panel with it", async () => {
    await run(async (db) => {
      await db
        .insertInto("early_career_extensions")
        .values({
          enrolment_id: enrolmentId,
          reason: "More time to evidence the standards",
          approved_by: "Head of service",
          new_end_on: "2027-12-21",
          recorded_on: "2026-11-20",
          recorded_by: "test",
        })
        .execute();
      await reschedule(db, enrolmentId);
    });
    // The end moves 21 September -> 21 December 2027: 91 days.
    expect(await dates()).toEqual({
      end: "2027-12-21",
      AGREEMENT: "2026-10-05",
      "REVIEW-3": "2026-12-21",
      "REVIEW-6": "2027-03-21",
      "REVIEW-9": "2027-06-21",
      PORTFOLIO: "2027-11-20", // 21 August + 91
      FINAL: "2027-12-21",
      PANEL: "2027-12-21",
    });
  });
});
