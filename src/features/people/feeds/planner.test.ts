import { describe, expect, it } from "vitest";
import { defaultMapping } from "./mapping.js";
import {
  type AssignmentState,
  type PersonState,
  type PlanRow,
  planImport,
  type Snapshot,
} from "./planner.js";
import type { RowData } from "./schema.js";

/** The feed's rules on a hand-made snapshot: no database. */

const E = "2026-11-23";
const TEAM_A = "unit-a";
const TEAM_B = "unit-b";
const SW = "role-sw";

function person(id: string, fields: Partial<PersonState> = {}): PersonState {
  return {
    id,
    given_name: "Alex",
    family_name: "Morgan",
    email: null,
    employee_number: null,
    swe_number: null,
    started_on: null,
    ...fields,
  };
}

function assignment(personId: string, fields: Partial<AssignmentState> = {}): AssignmentState {
  return {
    id: `a-${personId}`,
    person_id: personId,
    org_unit_id: TEAM_A,
    job_role_id: SW,
    post_id: null,
    career_level: null,
    contract_type: "permanent",
    fte: 1,
    line_manager_person_id: null,
    valid_from: "2020-01-01",
    valid_to: null,
    ...fields,
  };
}

function snapshot(
  people: PersonState[],
  links: [string, string][] = [],
  assignments: AssignmentState[] = [],
): Snapshot {
  return {
    effectiveOn: E,
    people: new Map(people.map((p) => [p.id, p])),
    bySourceId: new Map(links),
    sourceIdOf: new Map(links.map(([ext, id]) => [id, ext])),
    byEmployeeNumber: new Map(people.flatMap((p) => (p.employee_number ? [[p.employee_number, p.id]] : []))),
    bySwe: new Map(people.flatMap((p) => (p.swe_number ? [[p.swe_number, p.id]] : []))),
    teams: new Map([
      ["A", TEAM_A],
      ["B", TEAM_B],
    ]),
    roles: new Map([["SW", SW]]),
    posts: new Map([
      ["PA1", { id: "post-a1", orgUnitId: TEAM_A }],
      ["PB1", { id: "post-b1", orgUnitId: TEAM_B }],
    ]),
    assignments: new Map(
      people.map((p) => [p.id, assignments.filter((a) => a.person_id === p.id && a.valid_to === null)]),
    ),
    openPossibleLeavers: new Set(),
    leftOn: new Map(),
  };
}

let nextRow = 2;
function row(data: RowData): PlanRow {
  return { row: nextRow++, externalId: String(data.employee_id), data, errors: null };
}

const base = (id: string, extra: RowData = {}): RowData => ({
  employee_id: id,
  given_name: "Alex",
  family_name: "Morgan",
  team_code: "A",
  job_role_code: "SW",
  contract_type: "permanent",
  fte: 1,
  ...extra,
});

const mapping = defaultMapping();
const options = { mapping, createNewPeople: true, fullExtract: false };

describe("planning an import", () => {
  it("writes nothing for a row that matches what is stored", () => {
    const s = snapshot([person("p1", { employee_number: "E1" })], [["E1", "p1"]], [assignment("p1")]);
    const plan = planImport(s, [row(base("E1"))], options);
    expect(plan.counts).toMatchObject({ unchanged: 1 });
    expect(plan.writes).toMatchObject({
      creates: [],
      personUpdates: [],
      closes: [],
      assignmentInserts: [],
      links: [],
    });
  });

  it("changes only the fields that differ", () => {
    const s = snapshot([person("p1", { employee_number: "E1" })], [["E1", "p1"]], [assignment("p1")]);
    const plan = planImport(s, [row(base("E1", { family_name: "Morgan-Lee" }))], options);
    expect(plan.outcomes[0]).toMatchObject({ action: "update", changes: ["Last name"] });
    expect(plan.writes.personUpdates).toEqual([{ personId: "p1", set: { family_name: "Morgan-Lee" } }]);
  });

  it("ends a changed assignment the day before the effective date and starts a new one", () => {
    const s = snapshot([person("p1", { employee_number: "E1" })], [["E1", "p1"]], [assignment("p1")]);
    const plan = planImport(s, [row(base("E1", { team_code: "B", fte: 0.8 }))], options);
    expect(plan.outcomes[0]?.changes).toEqual(["Team", "FTE"]);
    expect(plan.writes.closes).toEqual([{ id: "a-p1", validTo: "2026-11-22" }]);
    expect(plan.writes.assignmentInserts).toEqual([
      {
        person: { id: "p1" },
        manager: null,
        values: {
          org_unit_id: TEAM_B,
          job_role_id: SW,
          post_id: null,
          career_level: null,
          contract_type: "permanent",
          fte: 0.8,
          valid_from: E,
          valid_to: null,
        },
      },
    ]);
  });

  it("changes an assignment that starts on the effective date in place", () => {
    const s = snapshot(
      [person("p1", { employee_number: "E1" })],
      [["E1", "p1"]],
      [assignment("p1", { valid_from: E })],
    );
    const plan = planImport(s, [row(base("E1", { contract_type: "fixed_term" }))], options);
    expect(plan.writes.closes).toEqual([]);
    expect(plan.writes.assignmentUpdates).toEqual([{ id: "a-p1", set: { contract_type: "fixed_term" } }]);
  });

  it("links a person found by employee number or SWE number, and remembers them", () => {
    const s = snapshot([
      person("p1", { employee_number: "E1" }),
      person("p2", { swe_number: "SW123", given_name: "Sam" }),
    ]);
    const plan = planImport(
      s,
      [row(base("E1")), row(base("E2", { given_name: "Sam", swe_number: "SW123" }))],
      { ...options, mapping: { ...mapping, team_code: undefined } },
    );
    expect(plan.writes.links).toEqual([
      { personId: "p1", ext: "E1" },
      { personId: "p2", ext: "E2" },
    ]);
    expect(plan.outcomes.map((o) => o.changes[0])).toEqual([
      "Linked to the HR record",
      "Linked to the HR record",
    ]);
  });

  it("sends a row that matches no one to the match queue unless the source adds new people", () => {
    const s = snapshot([]);
    expect(planImport(s, [row(base("E9"))], { ...options, createNewPeople: false }).counts).toMatchObject({
      unmatched: 1,
    });
    expect(planImport(s, [row(base("E9"))], options).writes.creates).toHaveLength(1);
  });

  it("rejects an employee id that appears twice, both rows", () => {
    const plan = planImport(snapshot([]), [row(base("E1")), row(base("E1"))], options);
    expect(plan.outcomes.map((o) => o.action)).toEqual(["reject", "reject"]);
    expect(plan.outcomes[0]?.errors?.[0]?.column).toBe("Employee ID");
  });

  it("rejects unknown codes, a post in another team and a manager no one has, naming the column", () => {
    const plan = planImport(
      snapshot([]),
      [
        row(base("E1", { team_code: "Z" })),
        row(base("E2", { post_reference: "PB1" })),
        row(base("E3", { line_manager_employee_id: "E404" })),
      ],
      options,
    );
    expect(plan.outcomes.map((o) => o.errors?.map((e) => [e.column, e.message]))).toEqual([
      [["Team code", "No team has the code Z"]],
      [["Post reference", "Post PB1 is in another team: the post must be in the same team"]],
      [["Line manager employee ID", "No one has the employee ID E404"]],
    ]);
  });

  it("resolves a line manager created by the same file, and rejects a row whose manager is rejected", () => {
    const plan = planImport(
      snapshot([]),
      [
        row(base("M1")),
        row(base("E1", { line_manager_employee_id: "M1" })),
        row(base("M2", { team_code: "Z" })),
        row(base("E2", { line_manager_employee_id: "M2" })),
      ],
      options,
    );
    expect(plan.outcomes.map((o) => o.action)).toEqual(["create", "create", "reject", "reject"]);
    expect(plan.writes.assignmentInserts.map((a) => a.manager)).toEqual([null, { ext: "M1" }]);
  });

  it("fills a blank SWE number but never overwrites one", () => {
    const s = snapshot(
      [person("p1", { employee_number: "E1" }), person("p2", { employee_number: "E2", swe_number: "SW1" })],
      [
        ["E1", "p1"],
        ["E2", "p2"],
      ],
    );
    const plan = planImport(
      s,
      [row({ ...base("E1"), swe_number: "SW5" }), row({ ...base("E2"), swe_number: "SW6" })],
      { ...options, mapping: { ...mapping, team_code: undefined } },
    );
    expect(plan.writes.personUpdates).toEqual([{ personId: "p1", set: { swe_number: "SW5" } }]);
  });

  it("never gives someone recorded as a leaver a new assignment", () => {
    const s = snapshot([person("p1", { employee_number: "E1" })], [["E1", "p1"]]);
    s.leftOn.set("p1", "2026-10-31");
    const plan = planImport(s, [row(base("E1"))], options);
    expect(plan.outcomes[0]?.errors).toEqual([
      {
        column: "Employee ID",
        message:
          "Alex Morgan is recorded as having left on 31 October 2026: if they have come back, record their new start on their profile first",
      },
    ]);
  });

  it("lists linked people with an assignment who are missing from a full extract", () => {
    const s = snapshot(
      [person("p1", { employee_number: "E1" }), person("p2", { employee_number: "E2" })],
      [
        ["E1", "p1"],
        ["E2", "p2"],
      ],
      [assignment("p1"), assignment("p2")],
    );
    const plan = planImport(s, [row(base("E1"))], { ...options, fullExtract: true });
    expect(plan.writes.possibleLeavers).toEqual([{ personId: "p2", ext: "E2" }]);
    expect(planImport(s, [row(base("E1"))], options).writes.possibleLeavers).toEqual([]);
  });
});
