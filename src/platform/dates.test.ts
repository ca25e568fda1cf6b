import { describe, expect, it } from "vitest";
import { addDays, daysInMonth, isIsoDate } from "./dates.js";

describe("isIsoDate", () => {
  it.each([
    ["2026-12-31", true],
    ["2024-02-29", true],
    ["2000-02-29", true],
    ["2026-01-01", true],
    ["2023-02-29", false],
    ["1900-02-29", false],
    ["2026-02-30", false],
    ["2026-04-31", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-01-00", false],
    ["2026-4-01", false],
    ["2026-04-01T00:00", false],
    ["", false],
  ])("%s is %s", (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it("agrees with the calendar on every day of a leap year and a common year", () => {
    for (const start of ["2024-01-01", "2026-01-01"]) {
      for (let d = start, i = 0; i < 366; i += 1, d = addDays(d, 1)) expect(isIsoDate(d)).toBe(true);
    }
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 9)).toBe(30);
  });
});
