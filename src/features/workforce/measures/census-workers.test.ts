import { describe, expect, it } from "vitest";
import {
  type AssignmentInput,
  type CensusInputs,
  casesAt,
  censusComponents,
  censusDataset,
  censusWorkers,
  daysLostWithin,
  type JobRoleInput,
  type PostInput,
  vacanciesAt,
} from "./census-workers.js";
import { dfeMeasures } from "./formulas.js";
import type { CensusWorker } from "./model.js";

// Census year 2026: 1 October 2025 to 30 September 2026, reference date 30 September 2026.
const YEAR = 2026;

const roles: JobRoleInput[] = [
  { id: "sw", socialWorkQualified: true, caseHolder: true, dfeOrgRole: 5 },
  { id: "senior", socialWorkQualified: true, caseHolder: true, dfeOrgRole: 4 },
  { id: "tm", socialWorkQualified: true, caseHolder: false, dfeOrgRole: 3 },
  { id: "admin", socialWorkQualified: false, caseHolder: false, dfeOrgRole: null },
];

let seq = 0;
const assignment = (
  personId: string,
  a: Partial<AssignmentInput> & Pick<AssignmentInput, "validFrom">,
): AssignmentInput => ({
  id: `a${++seq}`,
  personId,
  postId: null,
  orgUnitId: "team-1",
  jobRoleId: "sw",
  contractType: "permanent",
  fte: 1,
  validTo: null,
  ...a,
});
const post = (id: string, fte = 1): PostInput => ({
  id,
  orgUnitId: "team-1",
  jobRoleId: "sw",
  fte,
  socialWorkQualified: true,
  validFrom: "2015-01-01",
  validTo: null,
});
const person = (id: string) => ({ id, displayName: id, sweNumber: `SW${id.length}00` });

const byPerson = (workers: CensusWorker[], id: string) => workers.filter((w) => w.personId === id);

// Amy: starts 1 November 2025 (1.0 FTE), resigns 31 March 2026.
const amy: CensusInputs = {
  people: [person("amy")],
  jobRoles: roles,
  assignments: [assignment("amy", { validFrom: "2025-11-01", validTo: "2026-03-31" })],
  leavings: [{ personId: "amy", leftOn: "2026-03-31", reasonCode: 1, destinationCode: 2 }],
  absences: [{ personId: "amy", periodFrom: "2026-02-02", periodTo: "2026-02-03", workingDaysLost: 2 }],
};
// Ben: in post since 2020 at 0.8, leaves 15 January 2026, returns 1 April 2026 at 1.0.
const ben: CensusInputs = {
  people: [person("ben")],
  jobRoles: roles,
  assignments: [
    assignment("ben", { validFrom: "2020-01-01", validTo: "2026-01-15", fte: 0.8 }),
    assignment("ben", { validFrom: "2026-04-01", fte: 1 }),
  ],
  leavings: [{ personId: "ben", leftOn: "2026-01-15", reasonCode: 1, destinationCode: 1 }],
  caseloadEntries: [{ personId: "ben", asAt: "2026-09-30", children: 0 }],
};
// Cat: team manager 0.5 (OrgRole 3) in team-2 and social worker 0.5 (OrgRole 5) in team-1.
const cat: CensusInputs = {
  people: [person("cat")],
  jobRoles: roles,
  assignments: [
    assignment("cat", { validFrom: "2019-05-01", jobRoleId: "sw", fte: 0.5 }),
    assignment("cat", { validFrom: "2019-05-01", jobRoleId: "tm", fte: 0.5, orgUnitId: "team-2" }),
  ],
  caseloadEntries: [{ personId: "cat", asAt: "2026-09-30", children: 5 }],
};
// Post P1 (1.0) has no employee: Dan (agency, 1.0) covers it. Post P2 (1.0): Eve permanent 0.6
// and Fay locum 0.6.
const cover: CensusInputs = {
  people: [person("dan"), person("eve"), person("fay")],
  jobRoles: roles,
  posts: [post("P1"), post("P2")],
  assignments: [
    assignment("dan", { validFrom: "2026-06-01", contractType: "agency", postId: "P1" }),
    assignment("eve", { validFrom: "2017-01-01", postId: "P2", fte: 0.6 }),
    assignment("fay", { validFrom: "2026-02-01", contractType: "locum", postId: "P2", fte: 0.6 }),
  ],
  caseloadEntries: [{ personId: "dan", asAt: "2026-09-30", children: 20 }],
  absences: [{ personId: "eve", periodFrom: "2026-05-11", periodTo: "2026-05-13", workingDaysLost: 3 }],
};
// Gus: in post since 2018 in post P3, leaves on 30 September 2026 itself.
const gus: CensusInputs = {
  people: [person("gus")],
  jobRoles: roles,
  posts: [post("P3")],
  assignments: [assignment("gus", { validFrom: "2018-03-01", validTo: "2026-09-30", postId: "P3" })],
  leavings: [{ personId: "gus", leftOn: "2026-09-30", reasonCode: 5, destinationCode: 8 }],
};
// Hal: part-time (0.6) case holder: 15 children at 31 August, 12 at 30 September 2026. Absence
// 22 September to 5 October 2025 (14 days, 10 working days lost) and 2 to 6 February 2026 (5).
const hal: CensusInputs = {
  people: [person("hal")],
  jobRoles: roles,
  assignments: [assignment("hal", { validFrom: "2021-09-01", fte: 0.6 })],
  caseloadEntries: [
    { personId: "hal", asAt: "2026-08-31", children: 15 },
    { personId: "hal", asAt: "2026-09-30", children: 12 },
  ],
  absences: [
    { personId: "hal", periodFrom: "2025-09-22", periodTo: "2025-10-05", workingDaysLost: 10 },
    { personId: "hal", periodFrom: "2026-02-02", periodTo: "2026-02-06", workingDaysLost: 5 },
  ],
};
// Ivy: an administrator (not social work qualified): never a census worker.
const ivy: CensusInputs = {
  people: [person("ivy")],
  jobRoles: roles,
  assignments: [assignment("ivy", { validFrom: "2015-01-01", jobRoleId: "admin" })],
};

function merge(...parts: CensusInputs[]): CensusInputs {
  const all = <K extends keyof CensusInputs>(k: K) => parts.flatMap((p) => (p[k] ?? []) as never[]);
  return {
    people: all("people"),
    jobRoles: roles,
    assignments: all("assignments"),
    posts: all("posts"),
    leavings: all("leavings"),
    caseloadEntries: all("caseloadEntries"),
    absences: all("absences"),
  };
}

describe("census worker records (hand-worked)", () => {
  it("a starter who leaves within the year: one leaver record that is also a starter", () => {
    // Spell 2025-11-01..2026-03-31 starts on/after 2025-10-01 -> starter; leaving 2026-03-31 is in
    // the year -> leaver with reason 1, FTE at leaving 1.0; nothing in force on 30 September.
    const [w, ...rest] = censusWorkers(YEAR, amy);
    expect(rest).toEqual([]);
    expect(w).toMatchObject({
      starter: true,
      inPost: false,
      roleStartDate: "2025-11-01",
      roleEndDate: "2026-03-31",
      reasonLeave: 1,
      leaverDestination: 2,
      fte: 1,
      agency: false,
      workingDaysLost: 2,
    });
    const c = censusComponents(censusDataset(YEAR, amy));
    expect([c.startersHeadcount, c.startersFte, c.leaversHeadcount, c.leaversFte]).toEqual([1, 1, 1, 1]);
    expect([c.inpostHeadcount, c.inpostFte, c.workingDaysLost]).toEqual([0, 0, 0]);
  });

  it("a leaver who returns: a leaver record (not a starter) and an in-post record that starts again", () => {
    // Leaving 2026-01-15 breaks the spell from 2020-01-01 (not a starter, FTE 0.8 at leaving).
    // The return on 2026-04-01 is a new spell in the year: starter, in post at 1.0.
    const ws = censusWorkers(YEAR, ben);
    expect(ws).toHaveLength(2);
    expect(ws.find((w) => !w.inPost)).toMatchObject({
      starter: false,
      roleStartDate: "2020-01-01",
      roleEndDate: "2026-01-15",
      fte: 0.8,
    });
    expect(ws.find((w) => w.inPost)).toMatchObject({
      starter: true,
      roleStartDate: "2026-04-01",
      roleEndDate: null,
      fte: 1,
      cases30: 0,
    });
    const c = censusComponents(censusDataset(YEAR, ben));
    expect(c).toMatchObject({ leaversHeadcount: 1, leaversFte: 0.8, inpostHeadcount: 1, inpostFte: 1 });
    expect(c).toMatchObject({ startersHeadcount: 1, startersFte: 1, caseHoldersFte: 0, cases: 0 });
  });

  it("a person with two roles is counted once: the more senior role kept, FTE summed", () => {
    // Team manager (OrgRole 3) beats social worker (OrgRole 5): one record, role 3, team-2,
    // FTE 0.5 + 0.5 = 1.0; holding 5 cases.
    const ws = censusWorkers(YEAR, cat);
    expect(ws).toHaveLength(1);
    expect(ws[0]).toMatchObject({
      orgRole: 3,
      orgUnitId: "team-2",
      fte: 1,
      caseHolderRole: false,
      cases30: 5,
    });
    const c = censusComponents(censusDataset(YEAR, cat));
    expect(c).toMatchObject({ inpostHeadcount: 1, inpostFte: 1, caseHoldersFte: 1, cases: 5 });
  });

  it("on equal roles the one with the higher FTE is kept", () => {
    const two: CensusInputs = {
      people: [person("kit")],
      jobRoles: roles,
      assignments: [
        assignment("kit", { validFrom: "2019-01-01", fte: 0.3, orgUnitId: "team-1" }),
        assignment("kit", { validFrom: "2019-01-01", fte: 0.4, orgUnitId: "team-3" }),
      ],
    };
    expect(censusWorkers(YEAR, two)).toMatchObject([{ orgUnitId: "team-3", fte: 0.7 }]);
  });

  it("two roles adding up to more than full time count as 1 FTE, as the census's schema allows", () => {
    // 1.0 in team-1 and a 0.2 second job in team-3: one record of 1.0 (not 1.2).
    const over: CensusInputs = {
      people: [person("kit")],
      jobRoles: roles,
      assignments: [
        assignment("kit", { validFrom: "2019-01-01", fte: 1, orgUnitId: "team-1" }),
        assignment("kit", { validFrom: "2019-01-01", fte: 0.2, orgUnitId: "team-3" }),
      ],
    };
    expect(censusWorkers(YEAR, over)).toMatchObject([{ orgUnitId: "team-1", fte: 1 }]);
  });

  it("an agency placement sent at more than full time counts as 1 FTE", () => {
    const placed: CensusInputs = {
      people: [person("ash")],
      jobRoles: roles,
      assignments: [assignment("ash", { validFrom: "2026-01-01", fte: 1.2, contractType: "agency" })],
    };
    expect(censusWorkers(YEAR, placed)).toMatchObject([{ agency: true, fte: 1 }]);
  });

  it("agency workers covering vacancies: per post, cover is the smaller of vacancy and agency FTE", () => {
    // P1: 1.0 - 0 employed = 1.0 vacant, Dan covers min(1.0, 1.0) = 1.0.
    // P2: 1.0 - 0.6 (Eve) = 0.4 vacant, Fay (locum 0.6) covers min(0.4, 0.6) = 0.4.
    // Vacancy 1.4, cover 1.4; agency 1.6 FTE (2 records, never starters); cover rate 1.4/1.6 = 87.5%.
    const ds = censusDataset(YEAR, cover);
    expect(ds.vacancies).toEqual({ vacancyFte: 1.4, agencyCoverFte: 1.4, agencyHeadcount: 2 });
    const dan = byPerson(ds.workers, "dan")[0];
    expect(dan).toMatchObject({ agency: true, inPost: true, starter: false, fte: 1, cases30: 20 });
    const c = censusComponents(ds);
    expect(c).toMatchObject({ agencyFte: 1.6, agencyHeadcount: 2, inpostFte: 0.6, startersHeadcount: 0 });
    const m = dfeMeasures(c);
    expect(m.find((x) => x.key === "agency_cover_rate_fte")?.value).toBe(87.5);
  });

  it("agency records are not de-duplicated", () => {
    const twice: CensusInputs = {
      people: [person("lou")],
      jobRoles: roles,
      assignments: [
        assignment("lou", { validFrom: "2026-01-01", contractType: "agency", fte: 0.5 }),
        assignment("lou", { validFrom: "2026-01-01", contractType: "agency", fte: 0.5, jobRoleId: "tm" }),
      ],
    };
    expect(censusWorkers(YEAR, twice)).toHaveLength(2);
  });

  it("a leaver on 30 September is a leaver, not in post, and their post is vacant", () => {
    // left_on = reference date: leaver (reason 5, FTE 1.0), not in post; P3 has no holder -> 1.0 vacant.
    const ws = censusWorkers(YEAR, gus);
    expect(ws).toEqual([
      expect.objectContaining({ inPost: false, roleEndDate: "2026-09-30", reasonLeave: 5, starter: false }),
    ]);
    expect(vacanciesAt(YEAR, gus)).toEqual({ vacancyFte: 1, agencyCoverFte: 0 });
    const c = censusComponents(censusDataset(YEAR, gus));
    expect(c).toMatchObject({ leaversHeadcount: 1, leaversFte: 1, inpostHeadcount: 0, vacancyFte: 1 });
  });

  it("a leaver on 1 October 2025 is in the year; one on 30 September 2025 is the year before", () => {
    const edge: CensusInputs = {
      people: [person("max"), person("ned")],
      jobRoles: roles,
      assignments: [
        assignment("max", { validFrom: "2015-01-01", validTo: "2025-10-01" }),
        assignment("ned", { validFrom: "2015-01-01", validTo: "2025-09-30" }),
      ],
      leavings: [
        { personId: "max", leftOn: "2025-10-01", reasonCode: 1, destinationCode: null },
        { personId: "ned", leftOn: "2025-09-30", reasonCode: 1, destinationCode: null },
      ],
    };
    expect(censusWorkers(YEAR, edge).map((w) => w.personId)).toEqual(["max"]);
  });

  it("a part-time case holder: cases at 30 September, FTE 0.6, absence pro rata", () => {
    // Cases: the entry on 30 September (12), not the one on 31 August (15).
    // Absence: 22 Sep-5 Oct 2025 is 14 calendar days, 5 of them (1-5 Oct) in the year:
    // 10 x 5/14 = 3.5714; plus 5 in February = 8.5714.
    // Average caseload of this worker alone: 12 / 0.6 = 20.0.
    const [w] = censusWorkers(YEAR, hal);
    expect(w).toMatchObject({ fte: 0.6, cases30: 12, caseHolderRole: true, inPost: true, starter: false });
    expect(w?.workingDaysLost).toBeCloseTo(8.5714, 4);
    const c = censusComponents(censusDataset(YEAR, hal));
    expect(c).toMatchObject({ caseHoldersFte: 0.6, cases: 12 });
    expect(dfeMeasures(c).find((m) => m.key === "caseload_fte")?.value).toBe(20);
  });

  it("a caseload entry more than 31 days before 30 September does not count", () => {
    expect(casesAt([{ personId: "x", asAt: "2026-08-29", children: 9 }], "2026-09-30")).toBeNull();
    expect(casesAt([{ personId: "x", asAt: "2026-08-30", children: 9 }], "2026-09-30")).toBe(9);
    expect(casesAt([{ personId: "x", asAt: "2026-10-01", children: 9 }], "2026-09-30")).toBeNull();
  });

  it("absence periods outside the year count nothing; none recorded is null", () => {
    const a = { personId: "x", periodFrom: "2026-10-01", periodTo: "2026-10-10", workingDaysLost: 8 };
    expect(daysLostWithin([a], "2025-10-01", "2026-09-30")).toBeNull();
    // 25 Sep - 4 Oct 2026 (10 days, 8 lost): 6 days inside -> 4.8.
    const b = { ...a, periodFrom: "2026-09-25", periodTo: "2026-10-04" };
    expect(daysLostWithin([b], "2025-10-01", "2026-09-30")).toBe(4.8);
  });

  it("people without a social work role are not census workers", () => {
    expect(censusWorkers(YEAR, ivy)).toEqual([]);
  });

  it("components and measures of a small mixed dataset", () => {
    // In post: Ben 1.0, Cat 1.0, Eve 0.6, Hal 0.6 = 3.2 FTE, 4 people.
    // Starters: Amy 1.0 and Ben's return 1.0 = 2.0, 2. Leavers: Amy 1.0, Ben 0.8, Gus 1.0 = 2.8, 3.
    // Agency: Dan 1.0, Fay 0.6 = 1.6, 2. Vacancies: P1 1.0 + P2 0.4 + P3 1.0 (Gus left) = 2.4;
    // cover 1.0 + 0.4 = 1.4. Case holders: Cat 1.0 (5), Dan 1.0 (20), Hal 0.6 (12) = 2.6 FTE,
    // 37 cases (Ben holds 0: not a case holder). Days lost (in post): Eve 3 + Hal 8.5714 = 11.5714
    // (Amy's 2 are a leaver's).
    // Turnover 2.8/3.2 = 87.5%; vacancy 2.4/5.6 = 42.86 -> 42.9%; agency 1.6/4.8 = 33.3%;
    // cover 1.4/1.6 = 87.5%; caseload 37/2.6 = 14.23 -> 14.2; absence 11.5714/(3.2 x 253) = 1.43 -> 1.4%.
    const ds = censusDataset(YEAR, merge(amy, ben, cat, cover, gus, hal, ivy));
    const c = censusComponents(ds);
    expect(c).toMatchObject({
      inpostFte: 3.2,
      inpostHeadcount: 4,
      startersFte: 2,
      startersHeadcount: 2,
      leaversFte: 2.8,
      leaversHeadcount: 3,
      agencyFte: 1.6,
      agencyHeadcount: 2,
      agencyCoverFte: 1.4,
      vacancyFte: 2.4,
      caseHoldersFte: 2.6,
      cases: 37,
    });
    expect(c.workingDaysLost).toBeCloseTo(11.5714, 4);
    const values = Object.fromEntries(dfeMeasures(c).map((m) => [m.key, m.value]));
    expect(values).toMatchObject({
      turnover_rate_fte: 87.5,
      vacancy_rate_fte: 42.9,
      agency_rate_fte: 33.3,
      agency_cover_rate_fte: 87.5,
      caseload_fte: 14.2,
      absence_rate_fte: 1.4,
    });
  });
});
