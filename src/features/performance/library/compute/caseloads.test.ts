import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../../test/support/app.js";
import type { IsoDate } from "../../../../platform/dates.js";
import type { MeasureValue } from "../api.js";
import { averageCaseload, caseloadFamily, snapshotDateOn } from "./caseloads.js";
import { unitTreeOn } from "./rollup.js";
import { AS_AT, type ComputeFixture, seedComputeFixture, shown } from "./test-fixture.js";

const hidden = { value: null, numerator: null, denominator: null, suppressed: true };

describe("average caseload (pure)", () => {
  it("sums children and FTE over the units, then divides", () => {
    // (10 + 9) / (1 + 0.5) = 12.666... = 12.7, counting 5 social workers.
    const rows = [
      { swChildren: 10, swFte: 1 },
      { swChildren: 9, swFte: 0.5 },
    ];
    expect(averageCaseload(rows, 5)).toMatchObject({
      value: 12.7,
      numerator: 19,
      denominator: 1.5,
      suppressed: false,
    });
    expect(averageCaseload([], 0)).toMatchObject({ value: null, suppressed: false });
  });

  it("is held back, with its parts, when it counts 1 to 4 social workers", () => {
    const rows = [{ swChildren: 48, swFte: 4 }];
    expect(shown(averageCaseload(rows, 4))).toEqual(hidden);
    expect(shown(averageCaseload(rows, 1))).toEqual(hidden);
    expect(averageCaseload(rows, 5)).toMatchObject({ value: 12, suppressed: false });
  });
});

/**
 * The fixture's average caseload as this family works it out, its own small-number rule applied
 * (computeMeasures may hold back more: secondary.ts), by unit key ("council": null).
 */
async function caseloadsOn(f: ComputeFixture, asAt: IsoDate = AS_AT) {
  const family = await f.run(async (db) => {
    const [tree, snapshotOn] = await Promise.all([unitTreeOn(db, asAt), snapshotDateOn(db, asAt)]);
    return caseloadFamily(db, tree, snapshotOn);
  });
  return (unit: string): MeasureValue => {
    const value = family(unit === "council" ? null : (f.id[unit] as string)).find(
      (v) => v.key === "average_caseload",
    );
    if (!value) throw new Error(`no average caseload for ${unit}`);
    return value;
  };
}

describe("average caseload from the fixture (as at 31 October 2026)", () => {
  let t: TestApp;
  let f: ComputeFixture;
  let get: Awaited<ReturnType<typeof caseloadsOn>>;

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
    await snapshot("2026-09-30", { a1: 99, a2: 11, a3: 11, a4: 11, a6: 11 });
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
    // Later, Team Four (T4) in Early Help (S2) beside Team Three: d1 holds two 0.5 social worker
    // assignments in it from 1 December 2026, d2 one of 1.0 from 1 January 2027.
    await f.run(async (db) => {
      f.id.T4 = await t.app.people.createUnitIn(db, {
        code: "T4",
        name: "Team Four",
        unit_type: "team",
        parent_id: f.id.S2 as string,
        valid_from: "2023-01-01",
      });
      const person = async (key: string, spells: { fte: number; from: IsoDate }[]) => {
        const row = await db
          .insertInto("people")
          .values({ given_name: key.toUpperCase(), family_name: "Fixture" })
          .returning("id")
          .executeTakeFirstOrThrow();
        f.id[key] = row.id;
        await db
          .insertInto("assignments")
          .values(
            spells.map((spell) => ({
              person_id: row.id,
              org_unit_id: f.id.T4 as string,
              job_role_id: f.id.SW as string,
              contract_type: "permanent" as const,
              fte: spell.fte,
              valid_from: spell.from,
            })),
          )
          .execute();
      };
      await person("d1", [
        { fte: 0.5, from: "2026-12-01" },
        { fte: 0.5, from: "2026-12-01" },
      ]);
      await person("d2", [{ fte: 1, from: "2027-01-01" }]);
    });
    await snapshot("2026-12-15", { c1: 12, c2: 12, c3: 12, d1: 9 });
    await snapshot("2027-01-15", { c1: 12, c2: 12, c3: 12, d1: 9, d2: 15 });
    get = await caseloadsOn(f);
  });
  afterAll(() => t.close());

  it("children of case-holding social workers over their FTE, from the 15 October snapshot", () => {
    // T1: 10 + 12 + 14 + 16 + 18 + 20 (a5, agency, counts) = 90 over 6 FTE = 15.0
    expect(shown(get("T1"))).toEqual({ value: 15, numerator: 90, denominator: 6, suppressed: false });
    // T2: 4 x 15 + 8 + 10 = 78 over 5.5 FTE = 14.18 = 14.2
    expect(get("T2").value).toBe(14.2);
    // S: 168 over 11.5 = 14.6
    expect(shown(get("S"))).toEqual({ value: 14.6, numerator: 168, denominator: 11.5, suppressed: false });
    // Council: 204 over 14.5 = 14.07 = 14.1 (15 social workers)
    expect(shown(get("council"))).toEqual({
      value: 14.1,
      numerator: 204,
      denominator: 14.5,
      suppressed: false,
    });
    expect(get("T1").source).toBe("computed");
  });

  it("holds back a team counting 1 to 4 social workers, and its service of the same 3", () => {
    // T3: 36 children over 3 FTE, but c1, c2 and c3 are 3 social workers.
    expect(shown(get("T3"))).toEqual(hidden);
    expect(shown(get("S2"))).toEqual(hidden);
  });

  it("counts a social worker once however many assignments: 4 people on 5 assignments are held back", async () => {
    // 15 December snapshot: c1, c2, c3 in T3 and d1 (two assignments) in T4. S2 and the council
    // count 4 social workers, not 5.
    const on = await caseloadsOn(f, "2026-12-31");
    expect(["T3", "T4", "S2", "council"].map((u) => shown(on(u)))).toEqual([hidden, hidden, hidden, hidden]);
  });

  it("holds back a team of 1 to 4 social workers and shows its service of 5", async () => {
    // 15 January 2027 snapshot: d2 joins d1 in T4 (2 people: held back); S2 counts c1, c2, c3, d1
    // and d2: 36 + 9 + 15 = 60 children over 3 + 0.5 + 0.5 + 1 = 5 FTE = 12.0.
    const on = await caseloadsOn(f, "2027-01-31");
    const five = { value: 12, numerator: 60, denominator: 5, suppressed: false };
    expect(["T3", "T4", "S2", "council"].map((u) => shown(on(u)))).toEqual([hidden, hidden, five, five]);
  });

  it("before any snapshot there is nothing to count", async () => {
    const early = await caseloadsOn(f, "2026-09-29");
    expect(shown(early("council"))).toEqual({
      value: null,
      numerator: null,
      denominator: null,
      suppressed: false,
    });
  });

  it("on 30 September the earlier snapshot counts: a1's 99 children", async () => {
    const then = await caseloadsOn(f, "2026-09-30");
    // a1 with a2, a3, a4 and a6 (11 each): (99 + 44) / 5 = 28.6
    expect(shown(then("T1"))).toEqual({ value: 28.6, numerator: 143, denominator: 5, suppressed: false });
  });
});
