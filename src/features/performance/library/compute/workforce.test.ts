import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../../test/support/app.js";
import type { IsoDate } from "../../../../platform/dates.js";
import type { MeasureValue } from "../api.js";
import type { MeasureKey } from "../definitions.js";
import { groupUp, treeOf, unitTreeOn } from "./rollup.js";
import { AS_AT, type ComputeFixture, seedComputeFixture, shown } from "./test-fixture.js";
import {
  type WorkforceAssignment,
  type WorkforceRecord,
  workforceFamily,
  workforceRecords,
  workforceValues,
} from "./workforce.js";

const hidden = { value: null, numerator: null, denominator: null, suppressed: true };

const sw = (over: Partial<WorkforceAssignment> & { id: string; personId: string }): WorkforceAssignment => ({
  postId: null,
  orgUnitId: "T",
  contractType: "permanent",
  fte: 1,
  validFrom: "2024-01-01",
  validTo: null,
  ...over,
});

describe("workforce rules (pure)", () => {
  it("counts a person once, FTE summed to at most 1, agency per placement, leavers and vacancies", () => {
    const records = workforceRecords({
      asAt: "2026-10-31",
      assignments: [
        sw({ id: "1", personId: "p", fte: 0.6, postId: "post1" }),
        sw({ id: "2", personId: "p", fte: 0.6, orgUnitId: "U" }),
        sw({ id: "3", personId: "q", contractType: "agency", postId: "post2" }),
        sw({ id: "4", personId: "r", validTo: "2026-06-30" }),
        // Leaves on the date itself: a leaver, not in post, and their post is vacant.
        sw({ id: "5", personId: "s", postId: "post3" }),
      ],
      leavings: [
        { personId: "r", leftOn: "2026-06-30" },
        { personId: "s", leftOn: "2026-10-31" },
      ],
      posts: [
        { id: "post1", orgUnitId: "T", fte: 1 },
        { id: "post2", orgUnitId: "T", fte: 1 },
        { id: "post3", orgUnitId: "T", fte: 1 },
      ],
    });
    expect(records).toEqual(
      expect.arrayContaining([
        { kind: "employed", personId: "p", orgUnitId: "T", fte: 1 },
        { kind: "agency", personId: "q", orgUnitId: "T", fte: 1 },
        { kind: "leaver", personId: "r", orgUnitId: "T", fte: 1 },
        { kind: "vacancy", personId: null, orgUnitId: "T", fte: 0.4 },
      ]),
    );
    expect(records.filter((r) => r.kind === "employed")).toHaveLength(1);
    expect(records.filter((r) => r.kind === "leaver")).toHaveLength(2);
    // post1 0.4 (p's 0.6), post2 1 (agency is not an employee), post3 1 (s left on the date).
    expect(records.filter((r) => r.kind === "vacancy").map((r) => r.fte)).toEqual([0.4, 1, 1]);
  });

  it("works the rates out and holds back a figure of 1 to 4 people", () => {
    const five: WorkforceRecord[] = [
      ...["e1", "e2", "e3", "e4"].map((personId) => ({
        kind: "employed" as const,
        personId,
        orgUnitId: "T",
        fte: 1,
      })),
      { kind: "agency", personId: "g1", orgUnitId: "T", fte: 1 },
      { kind: "leaver", personId: "l1", orgUnitId: "T", fte: 1 },
      { kind: "vacancy", personId: null, orgUnitId: "T", fte: 1 },
    ];
    const [permanent, agency, vacancy, turnover] = workforceValues(five);
    expect(permanent?.value).toBe(80); // 4 of 5 FTE
    expect(agency?.value).toBe(20); // 1 of 5
    // Vacancy and turnover count the 4 employees only: held back.
    expect(vacancy).toMatchObject({ value: null, suppressed: true, numerator: null });
    expect(turnover).toMatchObject({ value: null, suppressed: true });
    const none = workforceValues([]);
    expect(none.every((v) => v.value === null && !v.suppressed)).toBe(true);
  });

  it("counts people, not placements: someone with two agency placements in a unit counts once", () => {
    // 3 employees and g1 on two 0.5 agency placements in T: 5 records, 4 people: held back.
    const records = workforceRecords({
      asAt: "2026-10-31",
      assignments: [
        sw({ id: "1", personId: "e1" }),
        sw({ id: "2", personId: "e2" }),
        sw({ id: "3", personId: "e3" }),
        sw({ id: "4", personId: "g1", contractType: "agency", fte: 0.5 }),
        sw({ id: "5", personId: "g1", contractType: "locum", fte: 0.5 }),
      ],
      leavings: [],
      posts: [],
    });
    expect(records.filter((r) => r.kind === "agency")).toHaveLength(2);
    const [permanent, agency] = workforceValues(records);
    expect(shown(permanent as MeasureValue)).toEqual(hidden);
    expect(shown(agency as MeasureValue)).toEqual(hidden);
    // With a fifth person in post: 4 of 5 FTE employed = 80.0%; g1's FTE still counts in full.
    const withFifth = workforceValues([
      ...records,
      { kind: "employed", personId: "e4", orgUnitId: "T", fte: 1 },
    ]);
    expect(shown(withFifth[0] as MeasureValue)).toEqual({
      value: 80,
      numerator: 4,
      denominator: 5,
      suppressed: false,
    });
    // Someone employed and on a placement too counts once.
    const both = workforceValues([
      ...records.filter((r) => r.personId !== "g1"),
      { kind: "agency", personId: "e1", orgUnitId: "T", fte: 0.2 },
      { kind: "agency", personId: "e2", orgUnitId: "T", fte: 0.2 },
    ]);
    expect(both[1]?.suppressed).toBe(true);
  });

  it("counts each person once in every unit above, however many of their units it holds", () => {
    //   S ── T1, T2: e1, e2 employed in T1, e3 in T2; g1 on agency placements in both teams.
    const tree = treeOf([
      { orgUnitId: "S", parentId: null },
      { orgUnitId: "T1", parentId: "S" },
      { orgUnitId: "T2", parentId: "S" },
    ]);
    const records: WorkforceRecord[] = [
      { kind: "employed", personId: "e1", orgUnitId: "T1", fte: 1 },
      { kind: "employed", personId: "e2", orgUnitId: "T1", fte: 1 },
      { kind: "employed", personId: "e3", orgUnitId: "T2", fte: 1 },
      { kind: "agency", personId: "g1", orgUnitId: "T1", fte: 0.5 },
      { kind: "agency", personId: "g1", orgUnitId: "T2", fte: 0.5 },
    ];
    const permanentIn = (rs: WorkforceRecord[], unit: string) =>
      shown(workforceValues(groupUp(tree, rs, (r) => [r.orgUnitId]).get(unit) ?? [])[0] as MeasureValue);
    // S counts e1, e2, e3 and g1: 4 people on 5 records.
    expect(permanentIn(records, "S")).toEqual(hidden);
    // e4 in T2: S counts 5 and is shown (4 of 5 FTE = 80.0%), each team's 3 held back.
    const more: WorkforceRecord[] = [
      ...records,
      { kind: "employed", personId: "e4", orgUnitId: "T2", fte: 1 },
    ];
    expect(permanentIn(more, "S")).toEqual({ value: 80, numerator: 4, denominator: 5, suppressed: false });
    expect(permanentIn(more, "T1")).toEqual(hidden);
    expect(permanentIn(more, "T2")).toEqual(hidden);
  });
});

/**
 * The fixture's workforce measures as this family works them out, its own small-number rule
 * applied (computeMeasures may hold back more: secondary.ts), by unit key ("council": null).
 */
async function workforceOn(f: ComputeFixture, asAt: IsoDate = AS_AT) {
  const family = await f.run(async (db) => workforceFamily(db, await unitTreeOn(db, asAt), asAt));
  return (unit: string, key: MeasureKey): MeasureValue => {
    const value = family(unit === "council" ? null : (f.id[unit] as string)).find((v) => v.key === key);
    if (!value) throw new Error(`no ${key} for ${unit}`);
    return value;
  };
}

describe("workforce measures from the fixture (as at 31 October 2026)", () => {
  let t: TestApp;
  let f: ComputeFixture;
  let get: Awaited<ReturnType<typeof workforceOn>>;
  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedComputeFixture(t);
    // Later, Team Four (T4) in Early Help (S2) beside Team Three: g1 on two agency placements
    // there (0.5 each) from 1 December 2026, g2 on one of 1.0 from 1 January 2027.
    await f.run(async (db) => {
      f.id.T4 = await t.app.people.createUnitIn(db, {
        code: "T4",
        name: "Team Four",
        unit_type: "team",
        parent_id: f.id.S2 as string,
        valid_from: "2023-01-01",
      });
      const agency = async (key: string, spells: { fte: number; from: IsoDate }[]) => {
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
              contract_type: "agency" as const,
              fte: spell.fte,
              valid_from: spell.from,
            })),
          )
          .execute();
      };
      await agency("g1", [
        { fte: 0.5, from: "2026-12-01" },
        { fte: 0.5, from: "2026-12-01" },
      ]);
      await agency("g2", [{ fte: 1, from: "2027-01-01" }]);
    });
    get = await workforceOn(f);
  });
  afterAll(() => t.close());

  // In post (employed SW FTE): T1 a1-a4, a6 = 5.0 (L1, L0, R1 gone; f1 not yet started);
  // T2 b1-b4 4.0 + b5 0.5 + L2 1.0 (leaves after the date) = 5.5 (b6 is not a social worker);
  // T3 3.0. Agency: a5 1.0 in T1. Students are not social work qualified.
  it("permanent social workers", () => {
    const key = "permanent_social_workers";
    // T1: 5 / (5 + 1) = 83.3%
    expect(shown(get("T1", key))).toEqual({ value: 83.3, numerator: 5, denominator: 6, suppressed: false });
    // T2: 5.5 / 5.5 = 100.0%
    expect(get("T2", key).value).toBe(100);
    // S: 10.5 / 11.5 = 91.3%
    expect(shown(get("S", key))).toEqual({
      value: 91.3,
      numerator: 10.5,
      denominator: 11.5,
      suppressed: false,
    });
    // Council: 13.5 / 14.5 = 93.1%
    expect(get("council", key).value).toBe(93.1);
    // T3: 3 people: held back.
    expect(shown(get("T3", key))).toEqual({
      value: null,
      numerator: null,
      denominator: null,
      suppressed: true,
    });
    expect(get("T1", key).source).toBe("computed");
  });

  it("agency rate", () => {
    const key = "agency_rate";
    expect(get("T1", key).value).toBe(16.7); // 1 / 6
    expect(get("T2", key).value).toBe(0); // 0 / 5.5
    expect(get("S", key).value).toBe(8.7); // 1 / 11.5
    expect(shown(get("council", key))).toEqual({
      value: 6.9,
      numerator: 1,
      denominator: 14.5,
      suppressed: false,
    });
    expect(get("T3", key).suppressed).toBe(true);
  });

  it("vacancy rate", () => {
    const key = "vacancy_rate";
    // T1: P5 (agency cover only) and P6 (L1 left) vacant: 2 / (2 + 5) = 28.6%
    expect(shown(get("T1", key))).toEqual({ value: 28.6, numerator: 2, denominator: 7, suppressed: false });
    // T2: Q5 half held by b5: 0.5 / (0.5 + 5.5) = 8.3%
    expect(get("T2", key).value).toBe(8.3);
    // S: 2.5 / (2.5 + 10.5) = 19.2%
    expect(get("S", key).value).toBe(19.2);
    // Council: 2.5 / (2.5 + 13.5) = 15.6%
    expect(shown(get("council", key))).toEqual({
      value: 15.6,
      numerator: 2.5,
      denominator: 16,
      suppressed: false,
    });
    expect(get("T3", key).suppressed).toBe(true);
  });

  it("turnover rate: leavers in the 12 months to the date only", () => {
    const key = "turnover_rate";
    // T1: L1 (30 June 2026) 1.0 / 5.0 = 20.0%; L0 and R1 left before 1 November 2025.
    expect(shown(get("T1", key))).toEqual({ value: 20, numerator: 1, denominator: 5, suppressed: false });
    // T2: L2 leaves after the date: 0 / 5.5
    expect(get("T2", key).value).toBe(0);
    expect(get("S", key).value).toBe(9.5); // 1 / 10.5
    expect(get("council", key).value).toBe(7.4); // 1 / 13.5
  });

  it("as at another date: 23 November 2026, L2 has left and f1 has started", async () => {
    const later = await workforceOn(f, "2026-11-23");
    // T2 in post 4.5; L2's 1.0 left in the year: 1 / 4.5 = 22.2%
    expect(later("T2", "turnover_rate").value).toBe(22.2);
    // T1: a1-a4, a6, f1 = 6 employed, a5 agency: 6 / 7 = 85.7%
    expect(later("T1", "permanent_social_workers").value).toBe(85.7);
  });

  it("holds back S2 on 4 people when one of them holds two agency placements", async () => {
    // 31 December: c1, c2, c3 employed in T3 (3.0 FTE); g1 on two 0.5 placements in T4. S2 counts
    // 4 people on 5 records: held back, as is T4 (g1 alone).
    const on = await workforceOn(f, "2026-12-31");
    for (const key of ["permanent_social_workers", "agency_rate"] as const) {
      expect(shown(on("S2", key))).toEqual(hidden);
      expect(shown(on("T4", key))).toEqual(hidden);
    }
  });

  it("holds back a team of 1 to 4 and shows its service of 5", async () => {
    // 31 January 2027: g2 joins g1 in T4 (2 people: held back; T3's 3 too). S2 counts 5 people:
    // 3 employed FTE of 3 + 0.5 + 0.5 + 1 = 5 FTE = 60.0%; agency 2 of 5 = 40.0%.
    const on = await workforceOn(f, "2027-01-31");
    expect(shown(on("S2", "permanent_social_workers"))).toEqual({
      value: 60,
      numerator: 3,
      denominator: 5,
      suppressed: false,
    });
    expect(shown(on("S2", "agency_rate"))).toEqual({
      value: 40,
      numerator: 2,
      denominator: 5,
      suppressed: false,
    });
    expect(shown(on("T4", "agency_rate"))).toEqual(hidden);
    expect(shown(on("T3", "agency_rate"))).toEqual(hidden);
    // Vacancy and turnover count S2's 3 employees only: held back.
    expect(on("S2", "vacancy_rate").suppressed).toBe(true);
  });
});
