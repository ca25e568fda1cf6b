import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../../test/support/app.js";
import { computedKeys } from "../definitions.js";
import { computeMeasures } from "./index.js";
import { studentsOf } from "./students.js";
import { type ComputeFixture, seedComputeFixture, shown, valuesFor } from "./test-fixture.js";

describe("students a year (pure)", () => {
  it("each student once, placements started in the 12 months to the date", () => {
    const students = studentsOf(
      [
        { personId: "p", orgUnitId: "T1", startOn: "2026-01-05" },
        { personId: "p", orgUnitId: "T2", startOn: "2026-06-01" },
        { personId: "q", orgUnitId: "T1", startOn: "2025-10-31" }, // 12 months and a day before
        { personId: "r", orgUnitId: "T1", startOn: "2025-11-01" },
      ],
      "2026-10-31",
    );
    expect(students).toEqual([
      { personId: "p", unitIds: ["T1", "T2"] },
      { personId: "r", unitIds: ["T1"] },
    ]);
  });
});

describe("students from the fixture (as at 31 October 2026)", () => {
  let t: TestApp;
  let f: ComputeFixture;
  let get: Awaited<ReturnType<typeof valuesFor>>;
  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedComputeFixture(t);
    get = await valuesFor(t, f);
  });
  afterAll(() => t.close());

  it("counts placements started in the year, never held back", () => {
    const key = "students_per_year";
    // T1: s1 (5 May 2026) and s2 (1 October 2026) = 2
    expect(shown(get("T1", key))).toEqual({ value: 2, numerator: 2, denominator: null, suppressed: false });
    // T2: s3 started 1 September 2025, before the year: 0
    expect(get("T2", key).value).toBe(0);
    expect(get("S", key).value).toBe(2);
    // T3: s4 starts 2 November 2026, after the date: 0
    expect(get("T3", key).value).toBe(0);
    expect(get("council", key).value).toBe(2);
  });

  it("answers every computed measure for every unit asked; a unit not in force has nothing to count", async () => {
    const result = await computeMeasures(t.app, f.ctx, {
      unitIds: [f.id.T1 as string, "00000000-0000-4000-8000-00000000dead", null],
      asAt: "2026-10-31",
    });
    expect([...result.keys()]).toEqual([f.id.T1, "00000000-0000-4000-8000-00000000dead", null]);
    for (const values of result.values()) expect([...values.keys()]).toEqual(computedKeys);
    const gone = result.get("00000000-0000-4000-8000-00000000dead");
    expect(gone?.get("permanent_social_workers")).toMatchObject({ value: null, suppressed: false });
    expect(gone?.get("students_per_year")?.value).toBe(0);
  });
});
