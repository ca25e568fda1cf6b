import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../../test/support/app.js";
import type { IsoDate } from "../../../../platform/dates.js";
import { appraisalValue, reportedCycle } from "./appraisal.js";
import { AS_AT, type ComputeFixture, seedComputeFixture, shown, valuesFor } from "./test-fixture.js";

describe("appraisal completion (pure)", () => {
  const cycle = (id: string, startsOn: IsoDate, endsOn: IsoDate) => ({
    id,
    name: id,
    startsOn,
    endsOn,
    objectivesDueOn: startsOn,
    midYearDueOn: startsOn,
    completionDueOn: endsOn,
  });
  it("the latest cycle whose completion was due by the date: not one still under way", () => {
    const cycles = [cycle("old", "2025-04-01", "2026-03-31"), cycle("new", "2026-04-01", "2027-03-31")];
    expect(reportedCycle(cycles, "2026-10-31")?.id).toBe("old");
    expect(reportedCycle(cycles, "2027-03-31")?.id).toBe("new");
    expect(reportedCycle(cycles, "2026-03-30")).toBeUndefined();
  });
  it("completed on or before the date", () => {
    const rows = ["2026-06-01", "2026-07-01", "2026-11-05", null, null].map((completedOn) => ({
      completedOn,
    }));
    expect(appraisalValue(rows, "2026-10-31")).toMatchObject({ value: 40, numerator: 2, denominator: 5 });
  });
});

describe("appraisal completion from the fixture (as at 31 October 2026)", () => {
  let t: TestApp;
  let f: ComputeFixture;
  let get: Awaited<ReturnType<typeof valuesFor>>;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedComputeFixture(t);
    await f.run(async (db) => {
      const cycle = async (name: string, startsOn: IsoDate, endsOn: IsoDate, completionDueOn = endsOn) =>
        (
          await db
            .insertInto("appraisal_cycles")
            .values({
              name,
              starts_on: startsOn,
              ends_on: endsOn,
              objectives_due_on: startsOn.replace(/-04-01$/, "-05-31"),
              mid_year_due_on: startsOn.replace(/^(\d+)-04-01$/, "$1-10-31"),
              completion_due_on: completionDueOn,
              created_by: "test",
            })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
      await cycle("2025 to 2026", "2025-04-01", "2026-03-31");
      // Completion of the 2026 round was due on the date itself: the round the board judges.
      f.id.cycle = await cycle("2026 to 2027", "2026-04-01", "2027-03-31", "2026-10-31");
      for (const [key, on] of [
        ["a1", "2026-06-01"],
        ["a2", "2026-07-01"],
        ["a3", "2026-10-01"],
        ["a4", "2026-11-05"], // after the date
        ["b1", "2026-09-01"],
        ["b2", "2026-10-15"],
        ["c1", "2026-10-01"],
        ["L1", "2026-05-01"], // left before the date: not expected to complete
      ] as const)
        await db
          .insertInto("appraisals")
          .values({
            cycle_id: f.id.cycle as string,
            person_id: f.id[key] as string,
            completed_on: on,
            created_by: "test",
          })
          .execute();
    });
    get = await valuesFor(t, f);
  });
  afterAll(() => t.close());

  it("completed of those in post on 1 April 2026 and not gone by the date", () => {
    const key = "appraisal_completion";
    // T1: a1, a2, a3, a4, a6 (a5 is agency; L1 left in June; s1 and f1 started later):
    // a1, a2, a3 completed by the date: 3 / 5 = 60.0%
    expect(shown(get("T1", key))).toEqual({ value: 60, numerator: 3, denominator: 5, suppressed: false });
    // T2: b1-b6 and L2 (leaves after the date): b1, b2: 2 / 7 = 28.6%
    expect(shown(get("T2", key))).toEqual({ value: 28.6, numerator: 2, denominator: 7, suppressed: false });
    // S: 5 / 12 = 41.7%
    expect(get("S", key).value).toBe(41.7);
    // T3: c1 of c1-c3: held back
    expect(get("T3", key).suppressed).toBe(true);
    // Council: 6 / 15 = 40.0%
    expect(shown(get("council", key))).toEqual({
      value: 40,
      numerator: 6,
      denominator: 15,
      suppressed: false,
    });
  });

  it("agrees with the appraisal service's completionRate", async () => {
    for (const unit of ["T1", "T2", "S"] as const) {
      const rate = await t.app.appraisals.completionRate(f.ctx, {
        cycleId: f.id.cycle as string,
        unitId: f.id[unit] as string,
        asAt: AS_AT,
      });
      expect([rate.completed, rate.people]).toEqual([
        get(unit, "appraisal_completion").numerator,
        get(unit, "appraisal_completion").denominator,
      ]);
    }
  });

  it("no cycle due by the date: nothing to count", async () => {
    const before = await valuesFor(t, f, "2024-10-31");
    expect(shown(before("council", "appraisal_completion"))).toEqual({
      value: null,
      numerator: null,
      denominator: null,
      suppressed: false,
    });
  });
});
