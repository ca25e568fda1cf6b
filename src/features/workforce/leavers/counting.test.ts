import { describe, expect, it } from "vitest";
import {
  type AssignmentFact,
  type CountFilter,
  censusMonths,
  inPost,
  type LeavingFact,
  leavers,
  spellStarts,
  starters,
  sumFte,
} from "./counting.js";

const all: CountFilter = { unitIds: null, socialWorkOnly: false };
const sw: CountFilter = { unitIds: null, socialWorkOnly: true };

function a(personId: string, validFrom: string, validTo: string | null, more: Partial<AssignmentFact> = {}) {
  return {
    personId,
    orgUnitId: "T1",
    jobRoleId: "SW",
    jobRoleName: "Social worker",
    socialWork: true,
    contractType: "permanent",
    fte: 1,
    validFrom,
    validTo,
    ...more,
  } satisfies AssignmentFact;
}
const left = (personId: string, leftOn: string, reasonCode = 1): LeavingFact => ({
  personId,
  leftOn,
  reasonCode,
  destinationCode: null,
  exitThemes: [],
});

describe("starters and leavers: hand-worked cases (census year 2026: 1 Oct 2025 to 30 Sep 2026)", () => {
  it("a leaver who returns is a leaver when they go and a starter again on return", () => {
    // Rae: started 1 Jan 2020; left 31 Jan 2026; back 1 May 2026 at 0.6.
    const as = [a("rae", "2020-01-01", "2026-01-31"), a("rae", "2026-05-01", null, { fte: 0.6 })];
    const ls = [left("rae", "2026-01-31")];
    expect(spellStarts(as, ls).map((s) => s.start)).toEqual(["2020-01-01", "2026-05-01"]);
    const st = starters(as, ls, "2025-10-01", "2026-09-30", all);
    expect(st.map((m) => [m.on, m.fte])).toEqual([["2026-05-01", 0.6]]);
    expect(leavers(as, ls, "2025-10-01", "2026-09-30", all).map((m) => m.on)).toEqual(["2026-01-31"]);
    // In post at 30 September: back, at 0.6.
    expect(inPost(as, ls, "2026-09-30", all)).toEqual({ fte: 0.6, headcount: 1 });
    // Away on 28 February.
    expect(inPost(as, ls, "2026-02-28", all)).toEqual({ fte: 0, headcount: 0 });
  });

  it("a return the day after leaving is still a new start (the leaving breaks the spell)", () => {
    const as = [a("rae", "2020-01-01", "2026-01-31"), a("rae", "2026-02-01", null)];
    const ls = [left("rae", "2026-01-31")];
    expect(starters(as, ls, "2025-10-01", "2026-09-30", all).map((m) => m.on)).toEqual(["2026-02-01"]);
  });

  it("a move between teams is neither a start nor a leaving", () => {
    const as = [a("mo", "2024-01-01", "2026-03-31"), a("mo", "2026-04-01", null, { orgUnitId: "T2" })];
    expect(starters(as, [], "2025-10-01", "2026-09-30", all)).toEqual([]);
    expect(leavers(as, [], "2025-10-01", "2026-09-30", all)).toEqual([]);
    // Nor a start for the team moved into.
    expect(
      starters(as, [], "2025-10-01", "2026-09-30", { unitIds: new Set(["T2"]), socialWorkOnly: false }),
    ).toEqual([]);
  });

  it("a starter and a leaver in the same month both count in that month", () => {
    const as = [a("sam", "2026-03-02", "2026-03-27", { fte: 0.5 }), a("lee", "2019-05-01", "2026-03-13")];
    const ls = [left("sam", "2026-03-27"), left("lee", "2026-03-13")];
    const march = censusMonths(2026)[5] as { from: string; to: string; label: string };
    expect(march).toEqual({ from: "2026-03-01", to: "2026-03-31", label: "Mar 26" });
    const st = starters(as, ls, march.from, march.to, all);
    const lv = leavers(as, ls, march.from, march.to, all);
    expect(st.map((m) => m.personId)).toEqual(["sam"]);
    expect(lv.map((m) => m.personId).sort()).toEqual(["lee", "sam"]);
    expect(sumFte(lv)).toBe(1.5);
  });

  it("a leaver on 30 September is a leaver of that year, not of the next, and not in post at its end", () => {
    const as = [a("val", "2018-01-01", "2026-09-30"), a("kim", "2018-01-01", null, { fte: 0.8 })];
    const ls = [left("val", "2026-09-30")];
    expect(leavers(as, ls, "2025-10-01", "2026-09-30", all).map((m) => m.personId)).toEqual(["val"]);
    expect(leavers(as, ls, "2026-10-01", "2027-09-30", all)).toEqual([]);
    expect(inPost(as, ls, "2026-09-30", all)).toEqual({ fte: 0.8, headcount: 1 });
    expect(censusMonths(2026)[11]).toEqual({ from: "2026-09-01", to: "2026-09-30", label: "Sep 26" });
  });

  it("agency and locum assignments are neither starters nor leavers", () => {
    const as = [
      a("agt", "2026-01-05", "2026-06-30", { contractType: "agency" }),
      a("loc", "2026-02-01", null, { contractType: "locum" }),
    ];
    const ls = [left("agt", "2026-06-30")];
    expect(starters(as, ls, "2025-10-01", "2026-09-30", all)).toEqual([]);
    expect(leavers(as, ls, "2025-10-01", "2026-09-30", all)).toEqual([]);
    expect(inPost(as, ls, "2026-09-30", all)).toEqual({ fte: 0, headcount: 0 });
  });

  it("an agency worker taken on permanently starts when the permanent contract begins", () => {
    const as = [
      a("con", "2025-06-01", "2026-01-31", { contractType: "agency" }),
      a("con", "2026-02-01", null),
    ];
    expect(starters(as, [], "2025-10-01", "2026-09-30", all).map((m) => m.on)).toEqual(["2026-02-01"]);
  });

  it("two part-time roles count once, FTE added up to at most 1; social workers only keeps the qualified role", () => {
    const as = [
      a("two", "2026-04-01", null, { fte: 0.6 }),
      a("two", "2026-04-01", null, {
        fte: 0.6,
        jobRoleId: "FSW",
        jobRoleName: "Family support worker",
        socialWork: false,
      }),
    ];
    const everyone = starters(as, [], "2025-10-01", "2026-09-30", all);
    expect(everyone.map((m) => [m.fte, m.jobRoleName])).toEqual([[1, "Family support worker"]]);
    expect(starters(as, [], "2025-10-01", "2026-09-30", sw).map((m) => [m.fte, m.jobRoleName])).toEqual([
      [0.6, "Social worker"],
    ]);
    expect(inPost(as, [], "2026-09-30", all)).toEqual({ fte: 1, headcount: 1 });
  });
});
