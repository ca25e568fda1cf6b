import { describe, expect, it } from "vitest";
import {
  averageCaseload,
  type CapTarget,
  dfeAverageCaseload,
  individualCap,
  oneDecimal,
  overCap,
  sumCaseloads,
  unitCaseloads,
  weightedLoad,
} from "./rules.js";

const cap = (t: Partial<CapTarget>): CapTarget => ({
  jobRoleId: null,
  careerLevel: null,
  children: null,
  percentOfTeam: null,
  ...t,
});

describe("individualCap", () => {
  const targets = [
    cap({ careerLevel: "nqsw", percentOfTeam: 90 }),
    cap({ jobRoleId: "consultant", percentOfTeam: 50 }),
    cap({ children: 20 }),
  ];

  it("gives an NQSW 90% of the team's target, rounded down", () => {
    // 90% of 16 = 14.4 children -> 14 (15 is over, 14 is within)
    expect(individualCap(targets, { jobRoleId: "sw", careerLevel: "nqsw" }, 16)).toBe(14);
    expect(overCap(15, 14)).toBe(true);
    expect(overCap(14, 14)).toBe(false);
  });

  it("gives a consultant practitioner half the team's target", () => {
    // 50% of 16 = 8
    expect(individualCap(targets, { jobRoleId: "consultant", careerLevel: "advanced" }, 16)).toBe(8);
  });

  it("prefers the career level to the job role, and either to everyone", () => {
    // an NQSW consultant (career level first): 90% of 16 = 14, not 8
    expect(individualCap(targets, { jobRoleId: "consultant", careerLevel: "nqsw" }, 16)).toBe(14);
    // anyone else: the cap for everyone, 20 children
    expect(individualCap(targets, { jobRoleId: "sw", careerLevel: "sw" }, 16)).toBe(20);
  });

  it("takes a number of children as it is, and a share needs a team target", () => {
    expect(
      individualCap(
        [cap({ careerLevel: "nqsw", children: 14 })],
        { jobRoleId: null, careerLevel: "nqsw" },
        null,
      ),
    ).toBe(14);
    expect(
      individualCap(
        [cap({ careerLevel: "nqsw", percentOfTeam: 90 })],
        { jobRoleId: null, careerLevel: "nqsw" },
        null,
      ),
    ).toBeNull();
    expect(individualCap([], { jobRoleId: null, careerLevel: null }, 16)).toBeNull();
    expect(overCap(40, null)).toBe(false);
  });

  it("rounds 87.5% of 16 to 14, not 13 (floating point)", () => {
    // 87.5 x 16 = 1400 -> 14.00
    expect(individualCap([cap({ percentOfTeam: 87.5 })], { jobRoleId: null, careerLevel: null }, 16)).toBe(
      14,
    );
  });
});

describe("weightedLoad", () => {
  it("counts weighted categories by their weight and the rest as 1", () => {
    // 10 children: 3 child protection x 1.5 = 4.5, 2 looked after x 1.25 = 2.5, 5 others x 1 = 5 -> 12
    expect(
      weightedLoad(
        10,
        { child_protection: 3, looked_after: 2 },
        { child_protection: 1.5, looked_after: 1.25 },
      ),
    ).toBe(12);
  });
  it("counts a category with no weight in force as 1 each", () => {
    // 6 children: 2 child protection x 2 = 4, 4 others (the unweighted category included) = 4 -> 8
    expect(weightedLoad(6, { child_protection: 2, child_in_need: 3 }, { child_protection: 2 })).toBe(8);
  });
  it("is null without categories", () => {
    expect(weightedLoad(6, null, { child_protection: 2 })).toBeNull();
    expect(weightedLoad(6, {}, {})).toBeNull();
  });
});

describe("team averages", () => {
  // Team A: Ann 1.0 FTE with 16 children; Ben 0.5 FTE with 6 children; Cat holds none (left out).
  // Dev works 0.6 FTE in team A and 0.4 FTE in team B, with 15 children:
  //   A gets 15 x 0.6 / 1.0 = 9 children and 0.6 FTE; B gets 15 x 0.4 / 1.0 = 6 children and 0.4 FTE.
  // Team B: Eve 0.8 FTE with 12 children.
  const workers = [
    { personId: "ann", children: 16, assignments: [{ orgUnitId: "A", fte: 1 }] },
    { personId: "ben", children: 6, assignments: [{ orgUnitId: "A", fte: 0.5 }] },
    { personId: "cat", children: 0, assignments: [{ orgUnitId: "A", fte: 1 }] },
    {
      personId: "dev",
      children: 15,
      assignments: [
        { orgUnitId: "A", fte: 0.6 },
        { orgUnitId: "B", fte: 0.4 },
      ],
    },
    { personId: "eve", children: 12, assignments: [{ orgUnitId: "B", fte: 0.8 }] },
  ];
  const units = unitCaseloads(workers);

  it("splits a worker with two assignments in proportion to FTE", () => {
    // A: children 16 + 6 + 9 = 31; FTE 1 + 0.5 + 0.6 = 2.1; average 31 / 2.1 = 14.76... -> "14.8"
    expect(units.get("A")?.children).toBeCloseTo(31, 10);
    expect(units.get("A")?.fte).toBeCloseTo(2.1, 10);
    expect(oneDecimal(averageCaseload(units.get("A")))).toBe("14.8");
    // B: children 6 + 12 = 18; FTE 0.4 + 0.8 = 1.2; average 18 / 1.2 = 15.0
    expect(units.get("B")?.children).toBeCloseTo(18, 10);
    expect(oneDecimal(averageCaseload(units.get("B")))).toBe("15.0");
  });

  it("counts the worker once in the authority's total", () => {
    // children 31 + 18 = 49 = 16 + 6 + 15 + 12; FTE 2.1 + 1.2 = 3.3 = 1 + 0.5 + 1.0 + 0.8
    const all = sumCaseloads(units.values());
    expect(all.children).toBeCloseTo(49, 10);
    expect(all.fte).toBeCloseTo(3.3, 10);
    // 49 / 3.3 = 14.848... -> "14.8"
    expect(oneDecimal(averageCaseload(all))).toBe("14.8");
  });

  it("has no average without case holders", () => {
    expect(averageCaseload(undefined)).toBeNull();
    expect(averageCaseload({ children: 0, fte: 0 })).toBeNull();
  });
});

describe("dfeAverageCaseload", () => {
  it("counts registered social workers holding cases, by their FTE", () => {
    // registered case holders: 16 (1.0), 6 (0.5), 15 (1.0, two assignments counted once) -> 37 / 2.5 = 14.8
    // left out: a family support worker (not registered) with 10, a social worker with no cases
    const r = dfeAverageCaseload([
      { children: 16, fte: 1, registered: true },
      { children: 6, fte: 0.5, registered: true },
      { children: 15, fte: 1, registered: true },
      { children: 10, fte: 1, registered: false },
      { children: 0, fte: 1, registered: true },
    ]);
    expect(r).toEqual({ cases: 37, fte: 2.5, holders: 3, average: 14.8 });
    expect(oneDecimal(r.average)).toBe("14.8");
  });
  it("rounds only at display: 16.25 -> 16.3, 15.96 -> 16.0", () => {
    // 65 / 4 = 16.25
    expect(oneDecimal(dfeAverageCaseload([{ children: 65, fte: 4, registered: true }]).average)).toBe("16.3");
    expect(oneDecimal(15.96)).toBe("16.0");
    expect(dfeAverageCaseload([]).average).toBeNull();
  });
});
