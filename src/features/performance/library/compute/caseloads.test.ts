import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../../test/support/app.js";
import type { IsoDate } from "../../../../platform/dates.js";
import { averageCaseload } from "./caseloads.js";
import { type ComputeFixture, seedComputeFixture, shown, valuesFor } from "./test-fixture.js";

describe("average caseload (pure)", () => {
  it("sums children and FTE over the units, then divides", () => {
    // (10 + 9) / (1 + 0.5) = 12.666... = 12.7; a number: never held back however few.
    expect(
      averageCaseload([
        { swChildren: 10, swFte: 1 },
        { swChildren: 9, swFte: 0.5 },
      ]),
    ).toMatchObject({ value: 12.7, numerator: 19, denominator: 1.5, suppressed: false });
    expect(averageCaseload([])).toMatchObject({ value: null, suppressed: false });
  });
});

describe("average caseload from the fixture (as at 31 October 2026)", () => {
  let t: TestApp;
  let f: ComputeFixture;
  let get: Awaited<ReturnType<typeof valuesFor>>;

  /** A snapshot of a date with each person's children. */
  async function snapshot(asAt: IsoDate, children: Record<string, number>) {
    await f.run(async (db) => {
      const s = await db
        .insertInto("caseload_snapshots")
        .values({ as_at: asAt, source: "typed", created_by: "test" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("caseload_entries")
        .values(
          Object.entries(children).map(([key, n]) => ({
            snapshot_id: s.id,
            person_id: f.id[key] as string,
            as_at: asAt,
            children: n,
          })),
        )
        .execute();
    });
  }

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedComputeFixture(t);
    // Earlier and later snapshots than the one that counts (the latest on or before the date).
    await snapshot("2026-09-30", { a1: 99 });
    await snapshot("2026-10-15", {
      a1: 10,
      a2: 12,
      a3: 14,
      a4: 16,
      a6: 18,
      a5: 20,
      b1: 15,
      b2: 15,
      b3: 15,
      b4: 15,
      b5: 8,
      L2: 10,
      c1: 12,
      c2: 12,
      c3: 12,
    });
    await snapshot("2026-11-20", { a1: 50 });
    get = await valuesFor(t, f);
  });
  afterAll(() => t.close());

  it("children of case-holding social workers over their FTE, from the 15 October snapshot", () => {
    const key = "average_caseload";
    // T1: 10 + 12 + 14 + 16 + 18 + 20 (a5, agency, counts) = 90 over 6 FTE = 15.0
    expect(shown(get("T1", key))).toEqual({ value: 15, numerator: 90, denominator: 6, suppressed: false });
    // T2: 4 x 15 + 8 + 10 = 78 over 5.5 FTE = 14.18 = 14.2
    expect(get("T2", key).value).toBe(14.2);
    // S: 168 over 11.5 = 14.6
    expect(shown(get("S", key))).toEqual({
      value: 14.6,
      numerator: 168,
      denominator: 11.5,
      suppressed: false,
    });
    // T3: 36 over 3 = 12.0, not held back (not a percentage of people)
    expect(shown(get("T3", key))).toEqual({ value: 12, numerator: 36, denominator: 3, suppressed: false });
    // Council: 204 over 14.5 = 14.07 = 14.1
    expect(get("council", key).value).toBe(14.1);
  });

  it("before any snapshot there is nothing to count", async () => {
    const early = await valuesFor(t, f, "2026-09-29");
    expect(shown(early("council", "average_caseload"))).toEqual({
      value: null,
      numerator: null,
      denominator: null,
      suppressed: false,
    });
  });

  it("on 30 September the earlier snapshot counts: a1's 99 children", async () => {
    const then = await valuesFor(t, f, "2026-09-30");
    expect(then("T1", "average_caseload").value).toBe(99);
  });
});
