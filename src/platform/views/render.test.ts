import { describe, expect, it } from "vitest";
import { formatDate } from "./render.js";

const intl = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

describe("formatDate", () => {
  it("writes a calendar date as GOV.UK does, the same as the London calendar for every day of four years", () => {
    expect(formatDate("2026-11-03", false)).toBe("3 November 2026");
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      expect(formatDate(iso, false)).toBe(intl.format(new Date(iso)));
    }
  });

  it("writes times in London time, and leaves empty and unreadable values alone", () => {
    expect(formatDate(new Date("2026-07-01T13:05:00Z"), true)).toBe("1 July 2026 at 2:05pm");
    expect(formatDate("2026-01-01T09:30:00Z", true)).toBe("1 January 2026 at 9:30am");
    // Just after midnight is 12:19am on a 12-hour clock, not 0:19am.
    expect(formatDate("2026-01-01T00:19:00Z", true)).toBe("1 January 2026 at 12:19am");
    expect(formatDate(null, false)).toBe("");
    expect(formatDate("not a date", false)).toBe("not a date");
  });
});
