import { describe, expect, it } from "vitest";
import { chainOf, groupUp, treeOf } from "./rollup.js";
import { measureValue } from "./values.js";

describe("roll-up up the organisation (pure)", () => {
  //   D
  //   ├─ S ── T1, T2
  //   └─ S2 ─ T3
  const tree = treeOf([
    { orgUnitId: "D", parentId: null },
    { orgUnitId: "S", parentId: "D" },
    { orgUnitId: "S2", parentId: "D" },
    { orgUnitId: "T1", parentId: "S" },
    { orgUnitId: "T2", parentId: "S" },
    { orgUnitId: "T3", parentId: "S2" },
  ]);

  it("a unit's chain runs up to the top", () => {
    expect(chainOf(tree, "T1")).toEqual(["T1", "S", "D"]);
    // A unit not in force on the date: itself only.
    expect(chainOf(tree, "gone")).toEqual(["gone"]);
  });

  it("counts a thing in its units, every unit above, once each, and in the council", () => {
    const items = [
      { name: "in T1", units: ["T1"] },
      { name: "in T1 and T2", units: ["T1", "T2"] },
      { name: "in T1 and T3", units: ["T1", "T3"] },
      { name: "nowhere", units: [] },
    ];
    const groups = groupUp(tree, items, (i) => i.units);
    const names = (unit: string | null) => (groups.get(unit) ?? []).map((i) => i.name);
    expect(names("T1")).toEqual(["in T1", "in T1 and T2", "in T1 and T3"]);
    expect(names("T2")).toEqual(["in T1 and T2"]);
    expect(names("S")).toEqual(["in T1", "in T1 and T2", "in T1 and T3"]);
    expect(names("S2")).toEqual(["in T1 and T3"]);
    expect(names("D")).toEqual(["in T1", "in T1 and T2", "in T1 and T3"]);
    expect(names(null)).toHaveLength(4);
  });
});

describe("measure values (pure)", () => {
  it("a percentage to one decimal, half away from zero, with its parts", () => {
    // 2 / 3 = 66.666...% = 66.7%; 1 / 8 = 12.5%; 0.1 + 0.2 FTE stays 0.3
    expect(measureValue("supervision_in_date", { numerator: 2, denominator: 3, people: 9 })).toEqual({
      key: "supervision_in_date",
      source: "computed",
      value: 66.7,
      numerator: 2,
      denominator: 3,
      suppressed: false,
    });
    expect(measureValue("agency_rate", { numerator: 0.1 + 0.2, denominator: 2.4, people: 5 })).toMatchObject({
      value: 12.5,
      numerator: 0.3,
    });
  });
  it("held back when 1 to 4 people, if the measure says so; nothing to count gives null", () => {
    expect(measureValue("supervision_in_date", { numerator: 1, denominator: 4, people: 4 })).toMatchObject({
      value: null,
      numerator: null,
      denominator: null,
      suppressed: true,
    });
    // The caseloads (numbers) are held back on the people they count too.
    expect(measureValue("average_caseload", { numerator: 10, denominator: 1, people: 1 })).toMatchObject({
      value: null,
      numerator: null,
      suppressed: true,
    });
    expect(measureValue("nqsw_caseload", { numerator: 60, denominator: 5, people: 5 })).toMatchObject({
      value: 12,
      suppressed: false,
    });
    // A measure that does not (entered from elsewhere) is shown however few.
    expect(measureValue("audits_inadequate", { numerator: 1, denominator: 2, people: 2 })).toMatchObject({
      value: 50,
      suppressed: false,
    });
    expect(measureValue("supervision_in_date", { numerator: 0, denominator: 0, people: 0 })).toMatchObject({
      value: null,
      suppressed: false,
    });
  });
});
