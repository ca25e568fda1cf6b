import { addDays, type IsoDate } from "../../../platform/dates.js";
import { formatDate } from "../../../platform/views/render.js";
import type { ContractType } from "../reference/domain.js";
import { assignmentCoreFields, type ColumnMappingInput, type FeedFieldKey } from "./mapping.js";
import type { RowAction, RowData, RowError } from "./schema.js";

/**
 * The feed's rules, as a pure function: given what is stored (a snapshot taken in the import's
 * transaction) and the checked rows of a file, what happens to each row and exactly which writes
 * that takes. Only what differs is written, so importing the same rows again writes nothing.
 */

export interface PersonState {
  id: string;
  given_name: string;
  family_name: string;
  email: string | null;
  employee_number: string | null;
  swe_number: string | null;
  started_on: IsoDate | null;
}

export interface AssignmentState {
  id: string;
  person_id: string;
  org_unit_id: string;
  job_role_id: string;
  post_id: string | null;
  career_level: string | null;
  contract_type: ContractType;
  fte: number;
  line_manager_person_id: string | null;
  valid_from: IsoDate;
  valid_to: IsoDate | null;
}

export interface Snapshot {
  effectiveOn: IsoDate;
  people: Map<string, PersonState>;
  /** External id (in the source's system) -> person id, and back. */
  bySourceId: Map<string, string>;
  sourceIdOf: Map<string, string>;
  byEmployeeNumber: Map<string, string>;
  bySwe: Map<string, string>;
  /** Codes and references as they stand on the effective date. */
  teams: Map<string, string>;
  roles: Map<string, string>;
  posts: Map<string, { id: string; orgUnitId: string }>;
  /** Each person's assignments held on the effective date. */
  assignments: Map<string, AssignmentState[]>;
  /** People already listed as possible leavers, awaiting HR. */
  openPossibleLeavers: Set<string>;
  /** The latest recorded leaving date of each person who has left. */
  leftOn: Map<string, IsoDate>;
}

/** A checked row of the file: its data, or the errors that reject it. */
export interface PlanRow {
  row: number;
  externalId: string | null;
  data: RowData | null;
  errors: RowError[] | null;
}

export interface PlanOptions {
  mapping: ColumnMappingInput;
  createNewPeople: boolean;
  fullExtract: boolean;
  /** Employee ids to create as new people although unmatched (a match-queue decision). */
  forceCreate?: ReadonlySet<string>;
}

export interface RowOutcome {
  row: number;
  externalId: string | null;
  action: RowAction;
  personId: string | null;
  changes: string[];
  errors: RowError[] | null;
}

/** A person: one already stored, or one this import creates (by employee id). */
export type PersonRef = { id: string } | { ext: string };

export type PersonChanges = Partial<
  Pick<PersonState, "given_name" | "family_name" | "email" | "employee_number" | "swe_number" | "started_on">
>;

export interface AssignmentValues {
  org_unit_id: string;
  job_role_id: string;
  post_id: string | null;
  career_level: string | null;
  contract_type: ContractType;
  fte: number;
  valid_from: IsoDate;
  valid_to: IsoDate | null;
}

export type AssignmentChanges = Partial<
  Pick<
    AssignmentState,
    "org_unit_id" | "job_role_id" | "post_id" | "contract_type" | "fte" | "line_manager_person_id"
  >
>;

export interface WritePlan {
  creates: {
    ext: string;
    person: Required<PersonChanges> & Pick<PersonState, "given_name" | "family_name">;
  }[];
  links: { personId: string; ext: string }[];
  personUpdates: { personId: string; set: PersonChanges }[];
  /** Assignments that end the day before the effective date. */
  closes: { id: string; validTo: IsoDate }[];
  /** Assignments that started on the effective date, changed in place. */
  assignmentUpdates: { id: string; set: AssignmentChanges; manager?: PersonRef | null }[];
  assignmentInserts: { person: PersonRef; values: AssignmentValues; manager: PersonRef | null }[];
  possibleLeavers: { personId: string; ext: string }[];
  reappeared: string[];
}

export interface Plan {
  outcomes: RowOutcome[];
  writes: WritePlan;
  counts: { create: number; update: number; unchanged: number; reject: number; unmatched: number };
}

const personFieldLabels = {
  given_name: "First name",
  family_name: "Last name",
  email: "Email",
  started_on: "Start date",
  employee_number: "Employee number",
  swe_number: "SWE number",
} as const;

const assignmentLabels = {
  org_unit_id: "Team",
  job_role_id: "Job role",
  contract_type: "Contract type",
  fte: "FTE",
  post_id: "Post",
  line_manager_person_id: "Line manager",
} as const;

interface Working {
  row: PlanRow;
  data: RowData;
  ext: string;
  action: RowAction;
  personId: string | null;
  link: boolean;
  changes: string[];
  errors: RowError[];
  /** The line manager, when they are created by this same import. */
  newManager: string | null;
  personSet: PersonChanges;
  /** The assignment fields that change (labels for the preview). */
  assignmentChangedKeys: (keyof typeof assignmentLabels)[];
  assignment:
    | { kind: "none" }
    | { kind: "insert"; values: AssignmentValues; manager: PersonRef | null }
    | { kind: "update"; id: string; set: AssignmentChanges; manager?: PersonRef | null }
    | {
        kind: "replace";
        closeId: string;
        validTo: IsoDate;
        values: AssignmentValues;
        manager: PersonRef | null;
      };
}

const str = (v: RowData[FeedFieldKey]): string | null => (v === null || v === undefined ? null : String(v));

function nameOf(s: Snapshot, personId: string): string {
  const p = s.people.get(personId);
  return p ? `${p.given_name} ${p.family_name}` : "another person";
}

/** The current assignment a row speaks for: the one in its post, else in its team and role, else the largest. */
function currentAssignment(
  list: AssignmentState[] | undefined,
  want: { postId: string | null | undefined; unitId: string; roleId: string },
): AssignmentState | undefined {
  if (!list || list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  return (
    (want.postId ? list.find((a) => a.post_id === want.postId) : undefined) ??
    list.find((a) => a.org_unit_id === want.unitId && a.job_role_id === want.roleId) ??
    [...list].sort((a, b) => b.fte - a.fte || a.valid_from.localeCompare(b.valid_from))[0]
  );
}

export function planImport(s: Snapshot, rows: PlanRow[], options: PlanOptions): Plan {
  const { mapping } = options;
  const header = (key: FeedFieldKey) => mapping[key] ?? key;
  const outcomes = new Map<number, RowOutcome>();
  const working: Working[] = [];
  /** Every employee id in the file, rejected rows included: all are present in a full extract. */
  const present = new Set<string>();

  // Rows that failed their checks, and employee ids that appear more than once.
  const rowsByExt = new Map<string, number[]>();
  for (const r of rows) {
    if (r.externalId) present.add(r.externalId);
    if (r.data && r.externalId) rowsByExt.set(r.externalId, [...(rowsByExt.get(r.externalId) ?? []), r.row]);
  }
  for (const r of rows) {
    if (!r.data || !r.externalId) {
      outcomes.set(r.row, {
        row: r.row,
        externalId: r.externalId,
        action: "reject",
        personId: null,
        changes: [],
        errors: r.errors ?? [],
      });
      continue;
    }
    const same = rowsByExt.get(r.externalId) ?? [];
    const errors: RowError[] = [];
    if (same.length > 1) {
      errors.push({
        column: header("employee_id"),
        message: `Employee ID ${r.externalId} is in more than one row (rows ${same.join(", ")}): give each person one row`,
      });
    }
    working.push({
      row: r,
      data: r.data,
      ext: r.externalId,
      action: errors.length ? "reject" : "unchanged",
      personId: null,
      link: false,
      changes: [],
      errors,
      newManager: null,
      personSet: {},
      assignmentChangedKeys: [],
      assignment: { kind: "none" },
    });
  }

  // Pass 1: who each row is.
  const claimedBy = new Map<string, number>();
  for (const w of working) {
    if (w.action === "reject") continue;
    const swe = str(w.data.swe_number);
    let personId = s.bySourceId.get(w.ext) ?? null;
    if (!personId) {
      const byNumber = s.byEmployeeNumber.get(w.ext);
      const bySwe = swe ? s.bySwe.get(swe) : undefined;
      if (byNumber && bySwe && byNumber !== bySwe) {
        w.errors.push({
          column: header("swe_number"),
          message: `Employee ID ${w.ext} is recorded for ${nameOf(s, byNumber)} but SWE number ${swe} is recorded for ${nameOf(s, bySwe)}`,
        });
      } else if (byNumber ?? bySwe) {
        const candidate = (byNumber ?? bySwe) as string;
        const linkedTo = s.sourceIdOf.get(candidate);
        if (linkedTo) {
          w.errors.push(
            byNumber
              ? {
                  column: header("employee_id"),
                  message: `${nameOf(s, candidate)} has employee number ${w.ext} but is linked to employee ID ${linkedTo}`,
                }
              : {
                  column: header("swe_number"),
                  message: `SWE number ${swe} is already recorded for ${nameOf(s, candidate)} (employee ID ${linkedTo})`,
                },
          );
        } else {
          personId = candidate;
          w.link = true;
        }
      }
    }
    if (w.errors.length) {
      w.action = "reject";
      continue;
    }
    if (personId) {
      const other = claimedBy.get(personId);
      if (other !== undefined) {
        w.errors.push({
          column: header("employee_id"),
          message: `This row and row ${other} are both ${nameOf(s, personId)}`,
        });
        w.action = "reject";
        continue;
      }
      claimedBy.set(personId, w.row.row);
      w.personId = personId;
    } else if (options.createNewPeople || options.forceCreate?.has(w.ext)) {
      w.action = "create";
    } else {
      w.action = "unmatched";
    }
  }

  const creating = new Set(working.filter((w) => w.action === "create").map((w) => w.ext));
  const sweClaims = new Map<string, number>();

  // Pass 2: what changes for each row.
  for (const w of working) {
    if (w.action === "reject" || w.action === "unmatched") continue;
    const person = w.personId ? s.people.get(w.personId) : undefined;
    const fail = (key: FeedFieldKey, message: string) => w.errors.push({ column: header(key), message });

    // Person fields: those mapped, plus the employee number (the employee id itself).
    for (const key of ["given_name", "family_name", "email", "started_on"] as const) {
      if (!(key in w.data)) continue;
      const value = str(w.data[key]);
      if (!person || person[key] !== value) w.personSet[key] = value as never;
    }
    if (!person || person.employee_number !== w.ext) {
      const holder = s.byEmployeeNumber.get(w.ext);
      if (holder && holder !== w.personId) {
        fail("employee_id", `Employee number ${w.ext} is already recorded for ${nameOf(s, holder)}`);
      } else {
        w.personSet.employee_number = w.ext;
      }
    }
    // The SWE number fills a blank: Social Work England's register, not HR, is its owner.
    const swe = str(w.data.swe_number);
    if (swe && (!person || person.swe_number === null)) {
      const holder = s.bySwe.get(swe);
      const otherRow = sweClaims.get(swe);
      if (holder && holder !== w.personId) {
        fail("swe_number", `SWE number ${swe} is already recorded for ${nameOf(s, holder)}`);
      } else if (otherRow !== undefined) {
        fail("swe_number", `SWE number ${swe} is also in row ${otherRow}`);
      } else {
        w.personSet.swe_number = swe;
        sweClaims.set(swe, w.row.row);
      }
    }

    // The row's own fields say whether it carries an assignment (the mapping may have changed since).
    if (assignmentCoreFields.every((key) => key in w.data)) planAssignment(s, w, person, creating, fail);

    if (w.errors.length) {
      w.action = "reject";
      continue;
    }
    if (w.action === "create") {
      w.changes = [];
      continue;
    }
    if (w.link) w.changes.push("Linked to the HR record");
    for (const key of Object.keys(w.personSet) as (keyof PersonChanges)[]) {
      w.changes.push(personFieldLabels[key]);
    }
    if (w.assignment.kind === "insert") w.changes.push("New assignment");
    for (const key of w.assignmentChangedKeys) w.changes.push(assignmentLabels[key]);
    w.action = w.changes.length ? "update" : "unchanged";
  }

  // A row whose line manager is created by this import waits on that manager's own row.
  const byExt = new Map(working.map((w) => [w.ext, w]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of working) {
      if (!w.newManager || w.action === "reject" || w.action === "unmatched") continue;
      const manager = byExt.get(w.newManager);
      if (manager?.action === "create") continue;
      w.errors.push({
        column: header("line_manager_employee_id"),
        message: `The line manager (employee ID ${w.newManager}) is not in this import: their own row needs ${
          manager?.action === "unmatched" ? "matching" : "fixing"
        } first`,
      });
      w.action = "reject";
      changed = true;
    }
  }

  const writes: WritePlan = {
    creates: [],
    links: [],
    personUpdates: [],
    closes: [],
    assignmentUpdates: [],
    assignmentInserts: [],
    possibleLeavers: [],
    reappeared: [],
  };
  const matched = new Set<string>();
  for (const w of working) {
    if (w.personId) matched.add(w.personId);
    if (w.action === "reject" || w.action === "unmatched") {
      outcomes.set(w.row.row, {
        row: w.row.row,
        externalId: w.ext,
        action: w.action,
        personId: w.action === "reject" ? w.personId : null,
        changes: [],
        errors: w.errors.length ? w.errors : null,
      });
      continue;
    }
    outcomes.set(w.row.row, {
      row: w.row.row,
      externalId: w.ext,
      action: w.action,
      personId: w.personId,
      changes: w.changes,
      errors: null,
    });
    if (w.action === "unchanged") continue;
    const ref: PersonRef = w.personId ? { id: w.personId } : { ext: w.ext };
    if (w.action === "create") {
      writes.creates.push({
        ext: w.ext,
        person: {
          given_name: String(w.data.given_name),
          family_name: String(w.data.family_name),
          email: w.personSet.email ?? null,
          employee_number: w.ext,
          swe_number: w.personSet.swe_number ?? null,
          started_on: w.personSet.started_on ?? null,
        },
      });
    } else {
      if (w.link && w.personId) writes.links.push({ personId: w.personId, ext: w.ext });
      if (Object.keys(w.personSet).length && w.personId) {
        writes.personUpdates.push({ personId: w.personId, set: w.personSet });
      }
    }
    const a = w.assignment;
    if (a.kind === "insert")
      writes.assignmentInserts.push({ person: ref, values: a.values, manager: a.manager });
    if (a.kind === "update") {
      writes.assignmentUpdates.push({
        id: a.id,
        set: a.set,
        ...(a.manager !== undefined ? { manager: a.manager } : {}),
      });
    }
    if (a.kind === "replace") {
      writes.closes.push({ id: a.closeId, validTo: a.validTo });
      writes.assignmentInserts.push({ person: ref, values: a.values, manager: a.manager });
    }
  }

  if (options.fullExtract) {
    for (const [ext, personId] of s.bySourceId) {
      if (present.has(ext) || matched.has(personId)) continue;
      if (!(s.assignments.get(personId)?.length ?? 0)) continue;
      writes.possibleLeavers.push({ personId, ext });
    }
  }
  writes.reappeared = [...s.openPossibleLeavers].filter((id) => matched.has(id));

  const list = rows.map((r) => outcomes.get(r.row) as RowOutcome);
  const counts = { create: 0, update: 0, unchanged: 0, reject: 0, unmatched: 0 };
  for (const o of list) counts[o.action] += 1;
  return { outcomes: list, writes, counts };
}

function planAssignment(
  s: Snapshot,
  w: Working,
  person: PersonState | undefined,
  creating: ReadonlySet<string>,
  fail: (key: FeedFieldKey, message: string) => void,
): void {
  const E = s.effectiveOn;
  const teamCode = String(w.data.team_code);
  const roleCode = String(w.data.job_role_code);
  const unitId = s.teams.get(teamCode);
  const roleId = s.roles.get(roleCode);
  if (!unitId) fail("team_code", `No team has the code ${teamCode}`);
  if (!roleId) fail("job_role_code", `No job role has the code ${roleCode}`);

  let postId: string | null | undefined;
  if ("post_reference" in w.data) {
    const reference = str(w.data.post_reference);
    postId = null;
    if (reference) {
      const post = s.posts.get(reference);
      if (!post) fail("post_reference", `No post has the reference ${reference}`);
      else if (unitId && post.orgUnitId !== unitId) {
        fail("post_reference", `Post ${reference} is in another team: the post must be in the same team`);
      } else postId = post.id;
    }
  }

  // The line manager: undefined when not mapped (left as it is).
  let manager: PersonRef | null | undefined;
  if ("line_manager_employee_id" in w.data) {
    const managerExt = str(w.data.line_manager_employee_id);
    manager = null;
    if (managerExt === w.ext) {
      fail("line_manager_employee_id", "A person cannot be their own line manager");
    } else if (managerExt) {
      const existing = s.bySourceId.get(managerExt) ?? s.byEmployeeNumber.get(managerExt);
      if (existing) manager = { id: existing };
      else if (creating.has(managerExt)) {
        manager = { ext: managerExt };
        w.newManager = managerExt;
      } else fail("line_manager_employee_id", `No one has the employee ID ${managerExt}`);
    }
  }
  if (!unitId || !roleId || w.errors.length) return;

  const contract = w.data.contract_type as ContractType;
  const fte = Number(w.data.fte);
  const managerId = manager && "id" in manager ? manager.id : null;
  const current = person
    ? currentAssignment(s.assignments.get(person.id), { postId, unitId, roleId })
    : undefined;

  if (!current) {
    const left = person ? s.leftOn.get(person.id) : undefined;
    if (left && left <= E) {
      // HR may still list someone the service has recorded as a leaver: never quietly re-hire them.
      fail(
        "employee_id",
        `${person?.given_name} ${person?.family_name} is recorded as having left on ${formatDate(left, false)}: if they have come back, record their new start on their profile first`,
      );
      return;
    }
    const started = str(w.data.started_on) ?? person?.started_on ?? null;
    const validFrom = person ? (started && started > E ? started : E) : (started ?? E);
    w.assignment = {
      kind: "insert",
      values: {
        org_unit_id: unitId,
        job_role_id: roleId,
        post_id: postId ?? null,
        career_level: null,
        contract_type: contract,
        fte,
        valid_from: validFrom,
        valid_to: null,
      },
      manager: manager ?? null,
    };
    return;
  }

  const set: AssignmentChanges = {};
  if (current.org_unit_id !== unitId) set.org_unit_id = unitId;
  if (current.job_role_id !== roleId) set.job_role_id = roleId;
  if (current.contract_type !== contract) set.contract_type = contract;
  if (Math.round(current.fte * 1000) !== Math.round(fte * 1000)) set.fte = fte;
  if (postId !== undefined && current.post_id !== postId) set.post_id = postId;
  const managerChanged =
    manager !== undefined &&
    (manager === null
      ? current.line_manager_person_id !== null
      : managerId !== current.line_manager_person_id);
  if (managerChanged && (manager === null || managerId)) set.line_manager_person_id = managerId;
  const newManagerRef = manager && "ext" in manager ? manager : undefined;
  if (Object.keys(set).length === 0 && !newManagerRef) return;
  w.assignmentChangedKeys = Object.keys(set) as (keyof typeof assignmentLabels)[];
  if (newManagerRef) w.assignmentChangedKeys.push("line_manager_person_id");

  if (current.valid_from >= E) {
    w.assignment = {
      kind: "update",
      id: current.id,
      set,
      ...(newManagerRef ? { manager: newManagerRef } : {}),
    };
    return;
  }
  w.assignment = {
    kind: "replace",
    closeId: current.id,
    validTo: addDays(E, -1),
    values: {
      org_unit_id: unitId,
      job_role_id: roleId,
      post_id: postId !== undefined ? postId : current.post_id,
      career_level: current.career_level,
      contract_type: contract,
      fte,
      valid_from: E,
      valid_to: current.valid_to,
    },
    manager:
      manager === undefined
        ? current.line_manager_person_id
          ? { id: current.line_manager_person_id }
          : null
        : manager,
  };
}
