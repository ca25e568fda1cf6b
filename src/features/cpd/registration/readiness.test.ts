import { describe, expect, it } from "vitest";
import {
  type CpdPiece,
  inRenewalWindow,
  type Registration,
  readiness,
  registrationYearEnding,
  registrationYearOn,
} from "./readiness.js";

/** Hand-worked cases for the registration year 1 December 2025 to 30 November 2026. */
const year = registrationYearEnding(2026);
const registered: Registration = {
  sweNumber: "SW1001",
  sweStatus: "registered",
  firstRegisteredOn: "2019-07-01",
};
let n = 0;
const entry = (on: string, title: string, more: Partial<CpdPiece> = {}): CpdPiece => ({
  id: `e${++n}`,
  title,
  entryOn: on,
  status: "final",
  peerReflection: false,
  ...more,
});
const peer = { peerReflection: true };

describe("the registration year", () => {
  it("runs 1 December to 30 November and is named by both years", () => {
    expect(year).toEqual({
      endYear: 2026,
      startsOn: "2025-12-01",
      endsOn: "2026-11-30",
      name: "2025 to 2026",
      windowOpensOn: "2026-09-01",
    });
    expect(registrationYearOn("2026-11-30").endYear).toBe(2026);
    expect(registrationYearOn("2026-12-01").endYear).toBe(2027);
    expect(registrationYearOn("2026-01-01").endYear).toBe(2026);
  });

  it("has its renewal window from 1 September to 30 November", () => {
    expect(inRenewalWindow("2026-08-31")).toBe(false);
    expect(inRenewalWindow("2026-09-01")).toBe(true);
    expect(inRenewalWindow("2026-11-30")).toBe(true);
    expect(inRenewalWindow("2026-12-01")).toBe(false);
  });
});

describe("readiness", () => {
  it("counts an entry on 30 November in the year ending then, and one on 1 December in the next", () => {
    const entries = [entry("2026-11-30", "Court skills", peer), entry("2026-12-01", "Reading on neglect")];
    const r = readiness(registered, entries, year);
    expect(r).toMatchObject({ state: "not_met", pieces: 1, peerReflection: true });
    expect(r.missing).toEqual(["1 more piece of CPD"]);
    expect(r.entries.map((e) => e.count)).toEqual(["counted", "outside_year"]);
    const next = readiness(registered, entries, registrationYearEnding(2027));
    expect(next).toMatchObject({ state: "not_met", pieces: 1, peerReflection: false });
    expect(next.missing).toEqual(["1 more piece of CPD", "a peer reflection"]);
  });

  it("counts an entry on 1 December 2025 as the first day of the year", () => {
    const r = readiness(
      registered,
      [entry("2025-12-01", "Signs of Safety refresher", peer), entry("2025-11-30", "Older piece")],
      year,
    );
    expect(r.pieces).toBe(1);
  });

  it("does not count drafts", () => {
    const r = readiness(
      registered,
      [
        entry("2026-03-01", "Draft one", { status: "draft", peerReflection: true }),
        entry("2026-04-01", "Draft two", { status: "draft" }),
      ],
      year,
    );
    expect(r).toMatchObject({ state: "not_met", pieces: 0, peerReflection: false });
    expect(r.missing).toEqual(["2 more pieces of CPD", "a peer reflection"]);
    expect(r.entries.map((e) => e.count)).toEqual(["draft", "draft"]);
  });

  it("counts the same piece recorded twice once, whatever the dates and case", () => {
    const r = readiness(
      registered,
      [entry("2026-02-01", "Court skills", peer), entry("2026-06-10", "  court SKILLS ")],
      year,
    );
    expect(r).toMatchObject({ state: "not_met", pieces: 1, peerReflection: true });
    expect(r.missing).toEqual(["1 more piece of CPD"]);
    expect(r.entries.map((e) => e.count)).toEqual(["counted", "same_piece"]);
  });

  it("gives a piece the peer reflection recorded on its second entry", () => {
    const r = readiness(
      registered,
      [
        entry("2026-02-01", "Court skills"),
        entry("2026-06-10", "Court skills", peer),
        entry("2026-07-01", "Reading"),
      ],
      year,
    );
    expect(r.state).toBe("met");
  });

  it("is met with exactly two different final pieces, one with a peer reflection", () => {
    const r = readiness(
      registered,
      [entry("2026-01-10", "Court skills", peer), entry("2026-05-10", "Reading")],
      year,
    );
    expect(r).toMatchObject({ state: "met", pieces: 2, peerReflection: true, missing: [] });
  });

  it("is not met with two pieces and no peer reflection", () => {
    const r = readiness(
      registered,
      [entry("2026-01-10", "Court skills"), entry("2026-05-10", "Reading")],
      year,
    );
    expect(r).toMatchObject({ state: "not_met", pieces: 2 });
    expect(r.missing).toEqual(["a peer reflection"]);
  });

  it("does not require CPD of someone first registered on 2 September", () => {
    const r = readiness({ ...registered, firstRegisteredOn: "2026-09-02" }, [], year);
    expect(r.state).toBe("not_required");
    expect(r.missing).toEqual([]);
    expect(readiness({ ...registered, firstRegisteredOn: "2026-09-01" }, [], year).state).toBe(
      "not_required",
    );
  });

  it("requires CPD of someone first registered on 31 August", () => {
    const r = readiness({ ...registered, firstRegisteredOn: "2026-08-31" }, [], year);
    expect(r.state).toBe("not_met");
    expect(r.missing).toEqual(["2 more pieces of CPD", "a peer reflection"]);
  });

  it("shows a suspended or removed registration, never as not met", () => {
    const suspended = readiness({ ...registered, sweStatus: "suspended" }, [], year);
    expect(suspended).toMatchObject({ state: "suspended", sweStatus: "suspended", missing: [] });
    expect(readiness({ ...registered, sweStatus: "removed" }, [], year).state).toBe("suspended");
  });

  it("counts registered with conditions like registered", () => {
    const r = readiness(
      { ...registered, sweStatus: "registered_with_conditions" },
      [entry("2026-01-10", "A", peer), entry("2026-01-11", "B")],
      year,
    );
    expect(r.state).toBe("met");
  });

  it("does not apply to someone without a registration, or registered after the year", () => {
    expect(readiness({ sweNumber: null, sweStatus: null, firstRegisteredOn: null }, [], year).state).toBe(
      "not_registered",
    );
    expect(readiness({ ...registered, firstRegisteredOn: "2026-12-05" }, [], year).state).toBe(
      "not_registered",
    );
  });
});
