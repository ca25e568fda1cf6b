import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../../test/support/app.js";
import type { IsoDate } from "../../../../platform/dates.js";
import { supervisionValue } from "./supervision.js";
import { AS_AT, type ComputeFixture, seedComputeFixture, shown, valuesFor } from "./test-fixture.js";

describe("supervision in date (pure)", () => {
  it("everyone not overdue, of everyone with a rule; 1 to 4 held back", () => {
    expect(supervisionValue({ total: 8, overdue: 2 })).toMatchObject({
      value: 75,
      numerator: 6,
      denominator: 8,
    });
    expect(supervisionValue({ total: 4, overdue: 1 })).toMatchObject({ value: null, suppressed: true });
    expect(supervisionValue(undefined)).toMatchObject({ value: null, suppressed: false });
  });
});

describe("supervision in date from the fixture (as at 31 October 2026)", () => {
  let t: TestApp;
  let f: ComputeFixture;
  let get: Awaited<ReturnType<typeof valuesFor>>;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedComputeFixture(t);
    await f.run(async (db) => {
      // Social workers every 4 weeks, part-timers pro rata; no rule for anyone else.
      await db
        .insertInto("supervision_policy_rules")
        .values({
          applies_to: "job_role",
          job_role_id: f.id.SW as string,
          every_value: 4,
          every_unit: "weeks",
          part_time: "pro_rata",
          counting_kinds: ["individual"],
          valid_from: "2020-01-01",
          created_by: "test",
        })
        .execute();
      const held = (key: string, on: IsoDate) =>
        db
          .insertInto("supervisions")
          .values({
            person_id: f.id[key] as string,
            kind: "individual",
            held_on: on,
            status: "held",
            recorded_by: "test",
          })
          .execute();
      for (const key of ["a1", "a2", "a3", "a5", "b1", "b2", "L2", "c1"]) await held(key, "2026-10-20");
      await held("a4", "2026-09-01");
      await held("a4", "2026-11-10"); // after the date
      await held("b3", "2026-09-01");
      await held("b5", "2026-09-10"); // 0.5 FTE: every 8 weeks, due 5 November
      await held("L1", "2026-06-01"); // left before the date
    });
    get = await valuesFor(t, f);
  });
  afterAll(() => t.close());

  it("people in date of those with a rule, rolled up", () => {
    const key = "supervision_in_date";
    // T1: a1, a2, a3, a5 in date (held 20 October, due 17 November); a4 (1 September) and a6
    // (never) overdue; s2 has no rule: 4 / 6 = 66.7%
    expect(shown(get("T1", key))).toEqual({ value: 66.7, numerator: 4, denominator: 6, suppressed: false });
    // T2: b1, b2, L2, b5 in date; b3, b4 overdue; b6 no rule: 4 / 6 = 66.7%
    expect(shown(get("T2", key))).toEqual({ value: 66.7, numerator: 4, denominator: 6, suppressed: false });
    // S: 8 / 12 = 66.7%
    expect(shown(get("S", key))).toEqual({ value: 66.7, numerator: 8, denominator: 12, suppressed: false });
    // T3: c1 in date, c2 and c3 overdue: 3 people, held back
    expect(get("T3", key).suppressed).toBe(true);
    // Council: 9 / 15 = 60.0% (L1 left, f1 not started: neither counted)
    expect(shown(get("council", key))).toEqual({
      value: 60,
      numerator: 9,
      denominator: 15,
      suppressed: false,
    });
  });

  it("through the whole computation, holds Safeguarding back beside Early Help's 3 people, and one of its teams with it", async () => {
    const key = "supervision_in_date";
    const all = await valuesFor(t, f, AS_AT, true);
    // Children's Services = Safeguarding + Early Help: Safeguarding shown would give Early Help away.
    expect(all("S", key).suppressed).toBe(true);
    // Safeguarding = Assessment + Family Support: one of the two (both count 6) goes too.
    expect([all("T1", key).suppressed, all("T2", key).suppressed].filter(Boolean)).toHaveLength(1);
    expect(all("council", key).suppressed).toBe(false);
  });
});
