import { describe, expect, it } from "vitest";
import { foldLine, writeCalendar } from "./ics.js";
import { londonInstant, parseTime, partText, timeText } from "./times.js";

describe("session times", () => {
  it("reads times as people type them", () => {
    expect(parseTime("9:30am")).toBe(570);
    expect(parseTime("09:30")).toBe(570);
    expect(parseTime("9.30")).toBe(570);
    expect(parseTime("2pm")).toBe(840);
    expect(parseTime("12pm")).toBe(720);
    expect(parseTime("12:15am")).toBe(15);
    expect(parseTime("16:30")).toBe(990);
    for (const bad of ["9", "25:00", "9:75", "13pm", "noon", ""]) expect(parseTime(bad)).toBeNull();
  });

  it("turns UK wall-clock times into instants either side of the clocks changing", () => {
    expect(londonInstant("2027-03-02", 570).toISOString()).toBe("2027-03-02T09:30:00.000Z");
    expect(londonInstant("2027-04-06", 570).toISOString()).toBe("2027-04-06T08:30:00.000Z");
    expect(londonInstant("2026-10-25", 570).toISOString()).toBe("2026-10-25T09:30:00.000Z");
    expect(londonInstant("2027-03-28", 600).toISOString()).toBe("2027-03-28T09:00:00.000Z");
  });

  it("writes times the GOV.UK way", () => {
    expect(timeText(570)).toBe("9:30am");
    expect(timeText(600)).toBe("10am");
    expect(timeText(720)).toBe("midday");
    expect(partText(new Date("2027-03-02T09:30:00Z"), new Date("2027-03-02T16:30:00Z"))).toBe(
      "Tuesday 2 March 2027, 9:30am to 4:30pm",
    );
  });
});

describe("calendar files", () => {
  it("folds long lines at 75 octets without splitting a character, and escapes text", () => {
    const long = `SUMMARY:${"é".repeat(80)}`;
    const folded = foldLine(long);
    expect(folded.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(long);
    const ics = writeCalendar({
      method: "REQUEST",
      sequence: 3,
      stamp: new Date("2026-11-23T09:00:00Z"),
      status: "CONFIRMED",
      organizer: null,
      attendee: null,
      events: [
        {
          uid: "a@host",
          startsAt: new Date("2027-03-02T09:30:00Z"),
          endsAt: new Date("2027-03-02T16:30:00Z"),
          summary: "Court skills; part 1, with notes",
          location: null,
          description: "Line one\nLine two",
          url: null,
        },
      ],
    });
    expect(ics).toContain("SUMMARY:Court skills\\; part 1\\, with notes\r\n");
    expect(ics).toContain("DESCRIPTION:Line one\\nLine two\r\n");
    expect(ics).toContain("SEQUENCE:3\r\n");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });
});
