import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../../test/support/app.js";
import type { IsoDate } from "../../../../platform/dates.js";
import type { EnrolmentStatus } from "../../../early-career/schema.js";
import type { MeasureValue } from "../api.js";
import type { MeasureKey } from "../definitions.js";
import { snapshotDateOn } from "./caseloads.js";
import {
  earlyCareerFamily,
  earlyCareerRecords,
  inAsyeOn,
  type NqswRecord,
  nqswCaseloadValue,
  protectedTimeValue,
} from "./early-career.js";
import { unitTreeOn } from "./rollup.js";
import { AS_AT, type ComputeFixture, seedComputeFixture, shown } from "./test-fixture.js";

const hidden = { value: null, numerator: null, denominator: null, suppressed: true };

/**
 * The fixture's ASYE measures as this family works them out, its own small-number rule applied
 * (computeMeasures may hold back more: secondary.ts), by unit key ("council": null).
 */
async function earlyCareerOn(f: ComputeFixture, asAt: IsoDate = AS_AT) {
  const family = await f.run(async (db) => {
    const [tree, snapshotOn] = await Promise.all([unitTreeOn(db, asAt), snapshotDateOn(db, asAt)]);
    return earlyCareerFamily(db, tree, asAt, snapshotOn);
  });
  return (unit: string, key: MeasureKey): MeasureValue => {
    const value = family(unit === "council" ? null : (f.id[unit] as string)).find((v) => v.key === key);
    if (!value) throw new Error(`no ${key} for ${unit}`);
    return value;
  };
}

describe("ASYE rules (pure)", () => {
  it("in the ASYE on a date: started, and active or with an outcome after it; withdrawn never", () => {
    const e = (status: EnrolmentStatus, outcomeOn: IsoDate | null) => ({
      status,
      startOn: "2026-03-01",
      outcomeOn,
    });
    expect(inAsyeOn(e("active", null), "2026-10-31")).toBe(true);
    expect(inAsyeOn(e("active", null), "2026-02-28")).toBe(false);
    expect(inAsyeOn(e("passed", "2026-11-05"), "2026-10-31")).toBe(true);
    expect(inAsyeOn(e("passed", "2026-10-31"), "2026-10-31")).toBe(false);
    expect(inAsyeOn(e("withdrawn", null), "2026-10-31")).toBe(false);
  });

  it("protected time weights each reading by FTE", () => {
    // (10% x 1.0 + 20% x 0.5) / 1.5 = 0.2 / 1.5 = 13.3%, but 2 people: held back.
    const two = [
      { personId: "p1", unitIds: [], fte: 1, children: null, developmentPercent: 10 },
      { personId: "p2", unitIds: [], fte: 0.5, children: null, developmentPercent: 20 },
    ];
    expect(protectedTimeValue(two)).toMatchObject({ value: null, suppressed: true });
    const five = [
      ...two,
      ...two.map((n, i) => ({ ...n, personId: `p${i + 3}` })),
      { personId: "p5", unitIds: [], fte: 1, children: null, developmentPercent: 5 },
    ];
    // (0.2 + 0.2 + 0.05) / 4 = 11.25% = 11.3% (half away from zero)
    expect(protectedTimeValue(five)).toMatchObject({ value: 11.3, numerator: 0.45, denominator: 4 });
    // Each person once: p1 on a second enrolment leaves the figure as it was, and five records
    // from four people are held back.
    expect(protectedTimeValue([...five, two[0] as NqswRecord])).toMatchObject({
      value: 11.3,
      denominator: 4,
    });
    expect(protectedTimeValue([...five.slice(0, 4), two[0] as NqswRecord])).toMatchObject({
      value: null,
      suppressed: true,
    });
  });

  it("NQSW caseload: each NQSW once, however many enrolments; held back for 1 to 4 of them", () => {
    const nqsw = (personId: string, children: number | null): NqswRecord => ({
      personId,
      unitIds: [],
      fte: 1,
      children,
      developmentPercent: null,
    });
    // p4 is in the ASYE on two enrolments: 5 records, 4 NQSWs. p6 has no caseload entry.
    const four = [
      nqsw("p1", 10),
      nqsw("p2", 12),
      nqsw("p3", 14),
      nqsw("p4", 16),
      nqsw("p4", 16),
      nqsw("p6", null),
    ];
    expect(shown(nqswCaseloadValue(four))).toEqual(hidden);
    // With p5: (10 + 12 + 14 + 16 + 8) / 5 = 12.0, p4's 16 counted once.
    expect(shown(nqswCaseloadValue([...four, nqsw("p5", 8)]))).toEqual({
      value: 12,
      numerator: 60,
      denominator: 5,
      suppressed: false,
    });
    expect(shown(nqswCaseloadValue([nqsw("p6", null)]))).toEqual({
      value: null,
      numerator: null,
      denominator: null,
      suppressed: false,
    });
  });

  it("retention: passed 12 to 24 months before, still holding an assignment on the date", () => {
    const { passers, outcomes } = earlyCareerRecords({
      asAt: "2026-10-31",
      enrolments: [
        {
          id: "e1",
          personId: "p1",
          status: "passed",
          startOn: "2024-03-01",
          outcomeOn: "2025-03-31",
          fte: 1,
          orgUnitId: null,
        },
        {
          id: "e2",
          personId: "p2",
          status: "passed",
          startOn: "2024-03-01",
          outcomeOn: "2024-10-31",
          fte: 1,
          orgUnitId: "X",
        },
      ],
      assignments: new Map([["p1", [{ orgUnitId: "T", validFrom: "2024-01-01", validTo: null }]]]),
      developmentPercent: new Map(),
      children: null,
    });
    expect(outcomes).toEqual([]);
    // p2's pass is exactly 24 months before: outside the window.
    expect(passers).toEqual([{ unitIds: ["T"], yes: true }]);
  });
});

describe("ASYE measures from the fixture (as at 31 October 2026)", () => {
  let t: TestApp;
  let f: ComputeFixture;
  let get: Awaited<ReturnType<typeof earlyCareerOn>>;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedComputeFixture(t);
    const id = (key: string) => f.id[key] as string;
    await f.run(async (db) => {
      const programme = await db
        .insertInto("early_career_programmes")
        .values({ code: "ASYE", name: "ASYE" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const version = await db
        .insertInto("early_career_programme_versions")
        .values({
          programme_id: programme.id,
          version: 1,
          length_months: 12,
          milestones: "[]",
          standards: "[]",
          min_evidence: "{}",
          supervision_rhythm: "[]",
          protected_time_percent: 10,
          protected_caseload_children: 14,
          created_by: "test",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const cohorts = new Map<IsoDate, string>();
      const enrol = async (
        key: string,
        startOn: IsoDate,
        status: EnrolmentStatus = "active",
        outcomeOn: IsoDate | null = null,
        fte = 1,
      ) => {
        let cohort = cohorts.get(startOn);
        if (!cohort) {
          cohort = (
            await db
              .insertInto("early_career_cohorts")
              .values({ programme_id: programme.id, name: `Intake ${startOn}`, intake_on: startOn })
              .returning("id")
              .executeTakeFirstOrThrow()
          ).id;
          cohorts.set(startOn, cohort);
        }
        const row = await db
          .insertInto("early_career_enrolments")
          .values({
            cohort_id: cohort,
            person_id: id(key),
            programme_version_id: version.id,
            route: "university",
            start_on: startOn,
            end_on: "2030-01-01",
            fte,
            status,
            outcome_on: outcomeOn,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        f.id[`enrolment:${key}`] = row.id;
      };
      // Later: d1, a social worker in T1 on two 0.5 assignments from 1 November 2026, in the ASYE
      // from then (after the date: no figure as at 31 October changes).
      const d1 = await db
        .insertInto("people")
        .values({ given_name: "D1", family_name: "Fixture" })
        .returning("id")
        .executeTakeFirstOrThrow();
      f.id.d1 = d1.id;
      await db
        .insertInto("assignments")
        .values(
          [1, 2].map(() => ({
            person_id: d1.id,
            org_unit_id: id("T1"),
            job_role_id: id("SW"),
            contract_type: "permanent" as const,
            fte: 0.5,
            valid_from: "2026-11-01",
          })),
        )
        .execute();
      await enrol("d1", "2026-11-01");
      // In the ASYE on the date: b1-b5 (b5 at 0.5) in T2, c1 in T3; b6 withdrawn (never counted).
      for (const key of ["b1", "b2", "b3", "b4", "c1"]) await enrol(key, "2026-03-01");
      await enrol("b5", "2026-03-01", "active", null, 0.5);
      await enrol("b6", "2026-01-01", "withdrawn");
      // Outcomes in the 12 months to the date: a1-a4 and L1 passed, a6 failed (all T1).
      for (const key of ["a1", "a2", "a3", "a4"]) await enrol(key, "2025-05-01", "passed", "2026-05-31");
      await enrol("L1", "2025-05-01", "passed", "2026-04-30");
      await enrol("a6", "2025-05-01", "failed", "2026-06-30");
      // Passed 12 to 24 months before: c2, c3 (T3), L2 (T2) still employed; L0, R1 (T1) gone.
      await enrol("c2", "2024-07-01", "passed", "2025-07-31");
      await enrol("c3", "2024-08-01", "passed", "2025-08-31");
      await enrol("L2", "2024-05-01", "passed", "2025-05-31");
      await enrol("L0", "2024-03-01", "passed", "2025-03-31");
      await enrol("R1", "2024-01-02", "passed", "2025-01-31");

      const check = (key: string, on: IsoDate, percent: number) =>
        db
          .insertInto("early_career_protection_checks")
          .values({
            enrolment_id: f.id[`enrolment:${key}`] as string,
            recorded_on: on,
            development_time_percent: percent,
            recorded_by: "test",
          })
          .execute();
      await check("b1", "2026-09-01", 10);
      await check("b2", "2026-09-01", 10);
      await check("b3", "2026-10-01", 15);
      await check("b4", "2026-09-01", 10);
      await check("b4", "2026-11-05", 12); // after the date
      await check("b5", "2026-10-01", 20);
      await check("c1", "2026-10-20", 5);
      await check("b6", "2026-10-01", 50); // withdrawn

      const snapshot = async (asAt: IsoDate, children: Record<string, number>) => {
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
              person_id: id(key),
              as_at: asAt,
              children: n,
            })),
          )
          .execute();
      };
      await snapshot("2026-10-15", { a1: 10, b1: 15, b2: 15, b3: 15, b4: 15, b5: 8, c1: 12 });
      await snapshot("2026-12-15", { b1: 15, b2: 15, b3: 15, d1: 10 });
      await snapshot("2027-01-15", { b1: 15, b2: 15, b3: 15, b4: 15, d1: 10 });
    });
    get = await earlyCareerOn(f);
  });
  afterAll(() => t.close());

  it("NQSW caseload: their children over the number of them with a caseload", () => {
    const key = "nqsw_caseload";
    // T2: 4 x 15 + 8 = 68 over 5 NQSWs = 13.6
    expect(shown(get("T2", key))).toEqual({ value: 13.6, numerator: 68, denominator: 5, suppressed: false });
    expect(get("S", key).value).toBe(13.6);
    // Council: 80 over 6 = 13.3; a1 (passed) is not an NQSW.
    expect(shown(get("council", key))).toEqual({
      value: 13.3,
      numerator: 80,
      denominator: 6,
      suppressed: false,
    });
    expect(shown(get("T1", key))).toEqual({
      value: null,
      numerator: null,
      denominator: null,
      suppressed: false,
    });
  });

  it("NQSW caseload: a team of 1 to 4 NQSWs is held back", () => {
    // T3 and its service S2: c1's 12 children alone.
    expect(shown(get("T3", "nqsw_caseload"))).toEqual(hidden);
    expect(shown(get("S2", "nqsw_caseload"))).toEqual(hidden);
  });

  it("NQSW caseload: 4 NQSWs are held back up the tree, one on two assignments counted once", async () => {
    // 15 December snapshot: b1-b3 in T2 and d1 (two assignments) in T1; nobody else has an entry.
    const on = await earlyCareerOn(f, "2026-12-31");
    expect(["T1", "T2", "S", "council"].map((u) => shown(on(u, "nqsw_caseload")))).toEqual([
      hidden,
      hidden,
      hidden,
      hidden,
    ]);
  });

  it("NQSW caseload: teams of 1 to 4 held back, their service of 5 shown", async () => {
    // 15 January 2027 snapshot: b1-b4 in T2 (4: held back), d1 in T1 (1: held back); S and the
    // council: 4 x 15 + 10 = 70 children over 5 NQSWs = 14.0.
    const on = await earlyCareerOn(f, "2027-01-31");
    const five = { value: 14, numerator: 70, denominator: 5, suppressed: false };
    expect(["T1", "T2", "S", "council"].map((u) => shown(on(u, "nqsw_caseload")))).toEqual([
      hidden,
      hidden,
      five,
      five,
    ]);
  });

  it("protected development time: latest reading on or before the date, weighted by FTE", () => {
    const key = "nqsw_protected_time";
    // T2: (10 + 10 + 15 + 10) x 1.0 + 20 x 0.5 = 55 -> 0.55 FTE of 4.5 = 12.2% (b4's 12% of
    // 5 November is after the date; b6 withdrew)
    expect(shown(get("T2", key))).toEqual({
      value: 12.2,
      numerator: 0.55,
      denominator: 4.5,
      suppressed: false,
    });
    expect(get("S", key).value).toBe(12.2);
    // Council: + c1's 5% x 1.0: 0.6 of 5.5 = 10.9%
    expect(get("council", key).value).toBe(10.9);
    expect(get("T3", key).suppressed).toBe(true); // c1 alone
  });

  it("ASYE completion: passes of the outcomes in the 12 months to the date", () => {
    const key = "asye_completion";
    // T1: a1-a4 and L1 passed, a6 failed: 5 / 6 = 83.3%
    expect(shown(get("T1", key))).toEqual({ value: 83.3, numerator: 5, denominator: 6, suppressed: false });
    expect(get("S", key).value).toBe(83.3);
    expect(get("council", key).value).toBe(83.3);
    expect(get("T2", key).value).toBeNull();
    expect(get("T2", key).suppressed).toBe(false);
  });

  it("retention after ASYE: still employed of those who passed 12 to 24 months before", () => {
    const key = "asye_retention";
    // Council: c2, c3, L2 still employed; L0, R1 left: 3 / 5 = 60.0%
    expect(shown(get("council", key))).toEqual({
      value: 60,
      numerator: 3,
      denominator: 5,
      suppressed: false,
    });
    // S counts L2, L0, R1 (3 people), T1 L0 and R1, T3 c2 and c3: held back.
    expect(get("S", key).suppressed).toBe(true);
    expect(get("T1", key).suppressed).toBe(true);
    expect(get("T3", key).suppressed).toBe(true);
  });
});
