import { describe, expect, it } from "vitest";
import {
  addYears,
  employedOn,
  programmeYear,
  programmeYearLabel,
  retentionByIntake,
  retentionPointView,
} from "./retention.js";

describe("retention rules", () => {
  it("puts an intake in its programme year, September to August", () => {
    expect(programmeYear("2024-09-01")).toBe(2024);
    expect(programmeYear("2025-03-01")).toBe(2024);
    expect(programmeYear("2025-08-31")).toBe(2024);
    expect(programmeYearLabel(2024)).toBe("2024 to 2025");
  });

  it("counts anniversaries in whole years, 29 February becoming 28 February", () => {
    expect(addYears("2023-09-01", 3)).toBe("2026-09-01");
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
  });

  it("reads an assignment as in force from its first to its last day", () => {
    const spells = [{ validFrom: "2022-09-05", validTo: "2025-03-31" }];
    expect(employedOn(spells, "2025-03-31")).toBe(true);
    expect(employedOn(spells, "2025-04-01")).toBe(false);
    expect(employedOn(spells, "2022-09-04")).toBe(false);
    expect(employedOn([{ validFrom: "2022-09-05", validTo: null }], "2099-01-01")).toBe(true);
  });

  it("counts a leaver as still with us at 1 year, gone at 2 and 3; one who came back as with us", () => {
    const completers = [
      { personId: "stayer", intakeOn: "2022-09-05", outcomeOn: "2023-09-01" },
      { personId: "leaver", intakeOn: "2022-09-05", outcomeOn: "2023-09-01" },
      { personId: "returner", intakeOn: "2023-03-06", outcomeOn: "2024-03-01" },
      { personId: "recent", intakeOn: "2025-09-01", outcomeOn: "2026-09-01" },
    ];
    const spells = new Map([
      ["stayer", [{ validFrom: "2022-09-05", validTo: null }]],
      ["leaver", [{ validFrom: "2022-09-05", validTo: "2025-03-31" }]],
      [
        "returner",
        [
          { validFrom: "2023-03-06", validTo: "2025-01-31" },
          { validFrom: "2026-01-05", validTo: null },
        ],
      ],
    ]);
    expect(retentionByIntake(completers, spells, "2026-11-23")).toEqual([
      {
        year: 2025,
        label: "2025 to 2026",
        completed: 1,
        after: [
          { years: 1, reached: 0, stillEmployed: 0 },
          { years: 2, reached: 0, stillEmployed: 0 },
          { years: 3, reached: 0, stillEmployed: 0 },
        ],
      },
      {
        // The 2023 intake: the returner's 2023-03-06 cohort falls in 2022 to 2023 too.
        year: 2022,
        label: "2022 to 2023",
        completed: 3,
        after: [
          // 1 Sep 2024 and 1 Mar 2025 (returner, between spells: gone).
          { years: 1, reached: 3, stillEmployed: 2 },
          // 1 Sep 2025 (leaver gone) and 1 Mar 2026 (returner back).
          { years: 2, reached: 3, stillEmployed: 2 },
          // 1 Sep 2026 reached for two; the returner's 1 Mar 2027 not yet.
          { years: 3, reached: 2, stillEmployed: 1 },
        ],
      },
      {
        // Every intake together: the recent one has reached no anniversary.
        year: 0,
        label: "All intakes",
        completed: 4,
        after: [
          { years: 1, reached: 3, stillEmployed: 2 },
          { years: 2, reached: 3, stillEmployed: 2 },
          { years: 3, reached: 2, stillEmployed: 1 },
        ],
      },
    ]);
  });

  it("shows '69 of 71 still with us', 'not yet', and hides counts under 5", () => {
    expect(retentionPointView({ years: 1, reached: 71, stillEmployed: 69 }, 71)).toMatchObject({
      text: "69 of 71 still with us",
      percent: 97,
    });
    expect(retentionPointView({ years: 3, reached: 0, stillEmployed: 0 }, 71).text).toBe("not yet");
    expect(retentionPointView({ years: 1, reached: 3, stillEmployed: 3 }, 3)).toMatchObject({
      text: "fewer than 5 reached this point",
      percent: null,
    });
    expect(retentionPointView({ years: 2, reached: 12, stillEmployed: 3 }, 12)).toMatchObject({
      text: "fewer than 5 of 12 still with us",
      percent: null,
    });
    expect(retentionPointView({ years: 2, reached: 6, stillEmployed: 0 }, 6).text).toBe(
      "0 of 6 still with us",
    );
    expect(retentionPointView({ years: 3, reached: 6, stillEmployed: 5 }, 8).text).toBe(
      "5 of 6 still with us (the rest not yet)",
    );
  });
});
