import { describe, expect, it } from "vitest";
import type { MeasureValue } from "../api.js";
import type { MeasureKey } from "../definitions.js";
import { treeOf } from "./rollup.js";
import { suppressSiblings } from "./secondary.js";
import { countValue, measureValue } from "./values.js";

const KEY = "supervision_in_date" as const;

/** Supervision in date for a unit: `met` of `people` in date. */
const inDate = (met: number, people: number) =>
  new Map<MeasureKey, MeasureValue>([
    [KEY, measureValue(KEY, { numerator: met, denominator: people, people })],
    ["students_per_year", countValue("students_per_year", 2)],
  ]);

const shown = (values: Map<string | null, Map<MeasureKey, MeasureValue>>) =>
  [...values].filter(([, v]) => !v.get(KEY)?.suppressed).map(([id]) => id);

describe("secondary suppression down the tree (pure)", () => {
  //   D
  //   ├─ S ── T1 (3 people), T2 (8), T3 (20)
  //   └─ S2 ─ T4 (12)
  const tree = treeOf([
    { orgUnitId: "D", parentId: null },
    { orgUnitId: "S", parentId: "D" },
    { orgUnitId: "S2", parentId: "D" },
    { orgUnitId: "T1", parentId: "S" },
    { orgUnitId: "T2", parentId: "S" },
    { orgUnitId: "T3", parentId: "S" },
    { orgUnitId: "T4", parentId: "S2" },
  ]);

  it("holds back the sibling counting fewest beside a team of fewer than 5, so the team cannot be worked out", () => {
    const values = new Map([
      [null, inDate(33, 43)],
      ["D", inDate(33, 43)],
      ["S", inDate(25, 31)],
      ["S2", inDate(8, 12)],
      ["T1", inDate(2, 3)],
      ["T2", inDate(6, 8)],
      ["T3", inDate(17, 20)],
      ["T4", inDate(8, 12)],
    ]);
    expect(values.get("T1")?.get(KEY)?.suppressed).toBe(true); // primary: 3 people
    suppressSiblings(tree, values);
    expect(shown(values)).toEqual([null, "D", "S", "S2", "T3", "T4"]);
    expect(values.get("T2")?.get(KEY)).toMatchObject({
      value: null,
      numerator: null,
      denominator: null,
      suppressed: true,
    });
    // Counts without the small-numbers rule are left as they are.
    expect(values.get("T2")?.get("students_per_year")?.value).toBe(2);
  });

  it("goes up the tree: a service held back beside one other brings in a second at the level above", () => {
    const values = new Map([
      [null, inDate(13, 17)],
      ["D", inDate(13, 17)],
      ["S", inDate(3, 4)], // primary
      ["S2", inDate(10, 13)],
      ["T1", inDate(1, 1)],
      ["T2", inDate(2, 3)],
      ["T3", inDate(0, 0)],
      ["T4", inDate(10, 13)],
    ]);
    suppressSiblings(tree, values);
    // S is held back, so S2 is too (D's other unit), and then T4 (S2's only unit would give S2
    // away). T3 counts nobody: known anyway.
    expect(shown(values)).toEqual([null, "D", "T3"]);
  });

  it("holds back a unit below a parent held back for a sibling's sake, since it would add up to the parent", () => {
    const values = new Map([
      [null, inDate(33, 43)],
      ["D", inDate(33, 43)],
      ["S", inDate(25, 40)],
      ["S2", inDate(2, 3)], // primary
      ["T1", inDate(10, 12)],
      ["T2", inDate(6, 8)],
      ["T3", inDate(9, 20)],
      ["T4", inDate(2, 3)], // primary
    ]);
    suppressSiblings(tree, values);
    // D's line: S2 held back, so S too; S's line: S held back, so T2 (fewest) too.
    expect(shown(values)).toEqual([null, "D", "T1", "T3"]);
  });

  it("holds back the parent when the held-back unit is the only one below it that counts anyone", () => {
    const single = treeOf([
      { orgUnitId: "D", parentId: null },
      { orgUnitId: "S", parentId: "D" },
      { orgUnitId: "S2", parentId: "D" },
      { orgUnitId: "T1", parentId: "S" },
      { orgUnitId: "T2", parentId: "S" },
    ]);
    const values = new Map([
      [null, inDate(20, 30)],
      ["D", inDate(20, 30)],
      ["S", inDate(3, 7)],
      ["S2", inDate(17, 23)],
      ["T1", inDate(2, 4)], // primary
      ["T2", inDate(0, 0)],
    ]);
    suppressSiblings(single, values);
    // S's line: T1 held back and T2 counts nobody, so S goes; D's line then takes S2 as well.
    expect(shown(values)).toEqual([null, "D", "T2"]);
  });

  it("leaves alone a parent already held back, two held back, or siblings that count nobody", () => {
    const values = new Map([
      [null, inDate(30, 40)],
      ["D", inDate(30, 40)],
      ["S", inDate(20, 28)],
      ["S2", inDate(10, 12)],
      ["T1", inDate(2, 3)], // held back
      ["T2", inDate(1, 4)], // held back
      ["T3", inDate(17, 21)],
      ["T4", inDate(0, 0)],
    ]);
    suppressSiblings(tree, values);
    expect(shown(values)).toEqual([null, "D", "S", "S2", "T3", "T4"]);
  });
});
