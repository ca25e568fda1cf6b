import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../../test/support/app.js";
import { type ComputeFixture, seedComputeFixture, shown, valuesFor } from "./test-fixture.js";
import { type WorkforceAssignment, workforceRecords, workforceValues } from "./workforce.js";

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
        { kind: "employed", orgUnitId: "T", fte: 1 },
        { kind: "agency", orgUnitId: "T", fte: 1 },
        { kind: "leaver", orgUnitId: "T", fte: 1 },
        { kind: "vacancy", orgUnitId: "T", fte: 0.4 },
      ]),
    );
    expect(records.filter((r) => r.kind === "employed")).toHaveLength(1);
    expect(records.filter((r) => r.kind === "leaver")).toHaveLength(2);
    // post1 0.4 (p's 0.6), post2 1 (agency is not an employee), post3 1 (s left on the date).
    expect(records.filter((r) => r.kind === "vacancy").map((r) => r.fte)).toEqual([0.4, 1, 1]);
  });

  it("works the rates out and holds back a figure of 1 to 4 people", () => {
    const five = [
      ...Array.from({ length: 4 }, () => ({ kind: "employed" as const, orgUnitId: "T", fte: 1 })),
      { kind: "agency" as const, orgUnitId: "T", fte: 1 },
      { kind: "leaver" as const, orgUnitId: "T", fte: 1 },
      { kind: "vacancy" as const, orgUnitId: "T", fte: 1 },
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
});

describe("workforce measures from the fixture (as at 31 October 2026)", () => {
  let t: TestApp;
  let f: ComputeFixture;
  let get: Awaited<ReturnType<typeof valuesFor>>;
  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedComputeFixture(t);
    get = await valuesFor(t, f);
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
    const later = await valuesFor(t, f, "2026-11-23");
    // T2 in post 4.5; L2's 1.0 left in the year: 1 / 4.5 = 22.2%
    expect(later("T2", "turnover_rate").value).toBe(22.2);
    // T1: a1-a4, a6, f1 = 6 employed, a5 agency: 6 / 7 = 85.7%
    expect(later("T1", "permanent_social_workers").value).toBe(85.7);
  });
});
