import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../../test/support/app.js";
import type { IsoDate } from "../../../../platform/dates.js";
import { cpdValue, trainingByPerson, trainingValue } from "./learning.js";
import { type ComputeFixture, seedComputeFixture, shown, valuesFor } from "./test-fixture.js";

describe("mandatory training and CPD readiness (pure)", () => {
  it("requirements met (complete, not yet due, due soon, exempt, paused) of those that apply", () => {
    const people = trainingByPerson([
      { personId: "p", orgUnitId: "T", status: "complete" },
      { personId: "p", orgUnitId: "T", status: "expired" },
      { personId: "q", orgUnitId: "T", status: "due_soon" },
      { personId: "q", orgUnitId: "T", status: "overdue" },
      { personId: "r", orgUnitId: "T", status: "exempt" },
      { personId: "s", orgUnitId: "T", status: "paused" },
      { personId: "u", orgUnitId: "T", status: "not_yet_due" },
    ]);
    // 5 of 7 requirements, 5 people: 71.4%
    expect(trainingValue(people)).toMatchObject({
      value: 71.4,
      numerator: 5,
      denominator: 7,
      suppressed: false,
    });
    // 4 people: held back
    expect(trainingValue(people.slice(0, 4))).toMatchObject({ value: null, suppressed: true });
  });

  it("CPD: met of those who must record CPD this year", () => {
    const states = ["met", "met", "not_met", "not_met", "not_met", "suspended", "not_required"] as const;
    // 2 of 5 = 40.0%; suspended and not required left out
    expect(cpdValue(states.map((state) => ({ state })))).toMatchObject({
      value: 40,
      numerator: 2,
      denominator: 5,
    });
  });
});

describe("mandatory training and CPD readiness from the fixture (as at 31 October 2026)", () => {
  let t: TestApp;
  let f: ComputeFixture;
  let get: Awaited<ReturnType<typeof valuesFor>>;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedComputeFixture(t);
    const id = (key: string) => f.id[key] as string;
    await f.run(async (db) => {
      // Fire safety: every member of staff, within 60 days of starting, renewed every 12 months.
      const course = await db
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
        .executeTakeFirstOrThrow();
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
          course_ids: [course.id],
          person_kinds: ["staff"],
          due_within_days: 60,
          renew_every_months: 12,
          due_soon_days: 30,
          created_by: "test",
        })
        .execute();
      const done = (key: string, on: IsoDate) =>
        db
          .insertInto("learning_records")
          .values({
            person_id: id(key),
            course_id: course.id,
            title: "Fire safety",
            completed_on: on,
            source: "e_learning",
            created_by: "test",
          })
          .execute();
      for (const key of ["a1", "a2", "a3"]) await done(key, "2026-01-15");
      await done("a4", "2025-06-01"); // expired 1 June 2026
      await done("a6", "2026-11-05"); // after the date
      for (const key of ["b1", "b2", "b3", "b4", "c1"]) await done(key, "2026-04-15");
      await done("b6", "2026-02-01");

      // Social Work England registration: every social worker in post, first registered in 2020,
      // except b5 (first registered 15 September 2026, in the renewal window: not required this
      // year) and c3 (suspended).
      for (const key of [
        "a1",
        "a2",
        "a3",
        "a4",
        "a5",
        "a6",
        "b1",
        "b2",
        "b3",
        "b4",
        "b5",
        "L2",
        "c1",
        "c2",
        "c3",
      ])
        await db
          .updateTable("people")
          .set({
            swe_number: `SW${String(10000 + key.charCodeAt(0) * 10 + Number(key.slice(1)))}`,
            swe_status: key === "c3" ? "suspended" : "registered",
            swe_first_registered_on: key === "b5" ? "2026-09-15" : "2020-01-01",
          })
          .where("id", "=", id(key))
          .execute();
      const cpd = (
        key: string,
        title: string,
        on: IsoDate,
        peer = false,
        status: "final" | "draft" = "final",
      ) =>
        db
          .insertInto("cpd_entries")
          .values({
            person_id: id(key),
            entry_on: on,
            title,
            kind: "course",
            category: "formal",
            peer_name: peer ? "A Peer" : null,
            peer_on: peer ? on : null,
            status,
            finalised_at: status === "final" ? new Date(`${on}T12:00:00Z`) : null,
            created_by: "test",
          })
          .execute();
      for (const key of ["a1", "a2", "a5", "c1"]) {
        await cpd(key, "Reading on neglect", "2026-01-10", true);
        await cpd(key, "Court skills", "2026-02-10");
      }
      await cpd("a3", "Reading on neglect", "2026-03-01", true); // one piece only
      await cpd("a4", "Reading on neglect", "2026-03-01");
      await cpd("a4", "Court skills", "2026-04-01"); // two pieces, no peer reflection
      await cpd("a4", "Draft", "2026-04-02", true, "draft");
      await cpd("a6", "Reading on neglect", "2026-03-01", true);
      await cpd("a6", "Court skills", "2026-11-05"); // after the date
      await cpd("b1", "Reading on neglect", "2025-11-20", true); // the year before
      await cpd("b1", "Court skills", "2026-02-10");
    });
    get = await valuesFor(t, f);
  });
  afterAll(() => t.close());

  it("mandatory training leaves out someone leaving on the date, as the workforce measures do", async () => {
    const key = "mandatory_training";
    // L2 leaves Family Support on 10 November: counted the day before, not on the day.
    expect((await valuesFor(t, f, "2026-11-09"))("T2", key).denominator).toBe(7);
    expect((await valuesFor(t, f, "2026-11-10"))("T2", key).denominator).toBe(6);
  });

  it("mandatory training: requirements met of those applying to staff in post on the date", () => {
    const key = "mandatory_training";
    // T1: a1, a2, a3 complete; s2 (started 1 October) not yet due; a4 expired; a5 never
    // (overdue); a6 completed after the date (overdue then): 4 / 7 = 57.1%
    expect(shown(get("T1", key))).toEqual({ value: 57.1, numerator: 4, denominator: 7, suppressed: false });
    // T2: b1-b4, b6 complete; b5 and L2 overdue: 5 / 7 = 71.4%
    expect(shown(get("T2", key))).toEqual({ value: 71.4, numerator: 5, denominator: 7, suppressed: false });
    // S: 9 / 14 = 64.3%
    expect(get("S", key).value).toBe(64.3);
    // T3: c1 of c1-c3: held back
    expect(get("T3", key).suppressed).toBe(true);
    // Council: 10 / 17 = 58.8% (L1, L0, R1, s1, s3 not in post; f1 and s4 not yet)
    expect(shown(get("council", key))).toEqual({
      value: 58.8,
      numerator: 10,
      denominator: 17,
      suppressed: false,
    });
  });

  it("CPD readiness: met, of registered people who must record CPD, CPD dated up to the date", () => {
    const key = "cpd_readiness";
    // T1: a1, a2, a5 met; a3 (one piece), a4 (no peer reflection), a6 (second piece after the
    // date) not yet: 3 / 6 = 50.0%
    expect(shown(get("T1", key))).toEqual({ value: 50, numerator: 3, denominator: 6, suppressed: false });
    // T2: b1 (one piece in the year), b2-b4, L2 not met; b5 not required: 0 / 5 = 0.0%
    expect(shown(get("T2", key))).toEqual({ value: 0, numerator: 0, denominator: 5, suppressed: false });
    // S: 3 / 11 = 27.3%
    expect(get("S", key).value).toBe(27.3);
    // T3: c1 met, c2 not; c3 suspended: 2 people, held back
    expect(get("T3", key).suppressed).toBe(true);
    // Council: 4 / 13 = 30.8%
    expect(shown(get("council", key))).toEqual({
      value: 30.8,
      numerator: 4,
      denominator: 13,
      suppressed: false,
    });
  });
});
