/**
 * Statuses for a set of people from their records: facts are loaded in a few set-based queries
 * (one per table, for a chunk of people) and the pure rules (applicability.ts, status.ts) do the
 * rest. The precomputed table and the live "as at" views both come from here.
 */
import { sql } from "kysely";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import "../schema.js";
import "../../people/schema.js";
import {
  type AssignmentFact,
  applies,
  mainAssignment,
  type PersonFact,
  type PersonKind,
  startedOn,
  UnitTree,
  type UnitVersionFact,
  type VersionFact,
  versionsFor,
} from "./applicability.js";
import {
  type CarerApprovalType,
  type Completion,
  type ComplianceStatus,
  complianceStatus,
  type Exemption,
  type Pause,
  type StatusResult,
  versionInForce,
} from "./status.js";

/** People per chunk of facts loaded at once. */
export const CHUNK = 500;

export interface RequirementFact {
  id: string;
  code: string;
  title: string;
  versions: VersionFact[];
}

/** What every person's computation shares: the requirements and the organisation's history. */
export interface SharedFacts {
  requirements: RequirementFact[];
  units: UnitVersionFact[];
  /** Every course any version names (only their records matter). */
  courseIds: string[];
}

export interface PersonEvidence {
  completions: Completion[];
  /** By requirement id. */
  exemptions: Map<string, Exemption[]>;
  pauses: Pause[];
}

export interface ComputedStatus {
  personId: string;
  requirementId: string;
  /** The team the person counts in on the date (null: foster carers, partners). */
  orgUnitId: string | null;
  status: ComplianceStatus;
  dueOn: IsoDate | null;
  expiresOn: IsoDate | null;
  graceEndsOn: IsoDate | null;
  metOn: IsoDate | null;
  metCourseId: string | null;
  result: StatusResult;
}

const day = (value: unknown): IsoDate =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

export async function loadShared(db: TenantDb): Promise<SharedFacts> {
  const [requirements, versions, units] = await Promise.all([
    db.selectFrom("learning_requirements").select(["id", "code", "title"]).orderBy("code").execute(),
    db.selectFrom("learning_requirement_versions").selectAll().orderBy("valid_from").execute(),
    db
      .selectFrom("org_unit_versions")
      .select(["org_unit_id", "parent_id", "valid_from", "valid_to"])
      .execute(),
  ]);
  const byRequirement = new Map<string, VersionFact[]>();
  const courseIds = new Set<string>();
  for (const v of versions) {
    for (const c of v.course_ids) courseIds.add(c);
    const fact: VersionFact = {
      id: v.id,
      requirementId: v.requirement_id,
      validFrom: day(v.valid_from),
      validTo: v.valid_to === null ? null : day(v.valid_to),
      courseIds: v.course_ids,
      dueWithinDays: v.due_within_days,
      renewEveryMonths: v.renew_every_months,
      graceDays: v.grace_days,
      dueSoonDays: v.due_soon_days,
      restartsClock: v.restarts_clock,
      personKinds: v.person_kinds,
      jobRoleIds: v.job_role_ids,
      careerLevels: v.career_levels,
      orgUnitIds: v.org_unit_ids,
      contractTypes: v.contract_types,
      carerApprovalTypes: v.carer_approval_types,
      carersFromApproval: v.carers_from_approval,
    };
    byRequirement.set(v.requirement_id, [...(byRequirement.get(v.requirement_id) ?? []), fact]);
  }
  return {
    requirements: requirements.map((r) => ({ ...r, versions: byRequirement.get(r.id) ?? [] })),
    units: units.map((u) => ({
      orgUnitId: u.org_unit_id,
      parentId: u.parent_id,
      validFrom: day(u.valid_from),
      validTo: u.valid_to === null ? null : day(u.valid_to),
    })),
    courseIds: [...courseIds],
  };
}

/** Every person who may have a requirement (not anonymised), in a stable order. */
export async function allPersonIds(db: TenantDb): Promise<string[]> {
  const rows = await db
    .selectFrom("people")
    .select("id")
    .where("anonymised_on", "is", null)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** The people (with household and assignments) and their evidence, for one chunk of ids. */
export async function loadPeople(
  db: TenantDb,
  personIds: string[],
  courseIds: string[],
): Promise<{ people: PersonFact[]; evidence: Map<string, PersonEvidence> }> {
  if (personIds.length === 0) return { people: [], evidence: new Map() };
  const [people, assignments, records, exemptions, pauses] = await Promise.all([
    db
      .selectFrom("people")
      .leftJoin("foster_households", "foster_households.id", "people.foster_household_id")
      .select([
        "people.id",
        "people.kind",
        "people.started_on",
        "people.created_at",
        "people.anonymised_on",
        "foster_households.approval_type",
        "foster_households.approved_on",
        "foster_households.deregistered_on",
      ])
      .where("people.id", "in", personIds)
      .execute(),
    db
      .selectFrom("assignments")
      .select([
        "id",
        "person_id",
        "org_unit_id",
        "job_role_id",
        "career_level",
        "contract_type",
        "fte",
        "line_manager_person_id",
        "valid_from",
        "valid_to",
      ])
      .where("person_id", "in", personIds)
      .execute(),
    courseIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("learning_records")
          .select(["person_id", "course_id", "completed_on", "source"])
          .where("person_id", "in", personIds)
          .where("verification", "=", "verified")
          .where(sql<boolean>`course_id = any(${sql.val(courseIds)}::uuid[])`)
          .execute(),
    db
      .selectFrom("learning_exemptions")
      .select(["person_id", "requirement_id", "from_on", "to_on", "reason", "approved_by"])
      .where("person_id", "in", personIds)
      .execute(),
    db
      .selectFrom("learning_pauses")
      .select(["person_id", "from_on", "to_on", "reason"])
      .where("person_id", "in", personIds)
      .execute(),
  ]);
  const assignmentsOf = new Map<string, AssignmentFact[]>();
  for (const a of assignments) {
    const fact: AssignmentFact = {
      id: a.id,
      personId: a.person_id,
      orgUnitId: a.org_unit_id,
      jobRoleId: a.job_role_id,
      careerLevel: a.career_level,
      contractType: a.contract_type,
      fte: Number(a.fte),
      lineManagerPersonId: a.line_manager_person_id,
      validFrom: day(a.valid_from),
      validTo: a.valid_to === null ? null : day(a.valid_to),
    };
    assignmentsOf.set(a.person_id, [...(assignmentsOf.get(a.person_id) ?? []), fact]);
  }
  const evidence = new Map<string, PersonEvidence>();
  const evidenceOf = (personId: string): PersonEvidence => {
    let e = evidence.get(personId);
    if (!e) {
      e = { completions: [], exemptions: new Map(), pauses: [] };
      evidence.set(personId, e);
    }
    return e;
  };
  for (const r of records) {
    if (r.course_id === null) continue;
    evidenceOf(r.person_id).completions.push({
      courseId: r.course_id,
      completedOn: day(r.completed_on),
      source: r.source,
    });
  }
  for (const x of exemptions) {
    const map = evidenceOf(x.person_id).exemptions;
    const list = map.get(x.requirement_id) ?? [];
    list.push({
      from: day(x.from_on),
      to: x.to_on === null ? null : day(x.to_on),
      reason: x.reason,
      approvedBy: x.approved_by,
    });
    map.set(x.requirement_id, list);
  }
  for (const p of pauses) {
    evidenceOf(p.person_id).pauses.push({
      from: day(p.from_on),
      to: p.to_on === null ? null : day(p.to_on),
      reason: p.reason,
    });
  }
  return {
    people: people.map((p) => ({
      id: p.id,
      kind: p.kind as PersonKind,
      startedOn: p.started_on === null ? null : day(p.started_on),
      createdOn: dateInLondon(p.created_at),
      anonymisedOn: p.anonymised_on === null ? null : day(p.anonymised_on),
      household:
        p.approval_type && p.approved_on
          ? {
              approvalType: p.approval_type as CarerApprovalType,
              approvedOn: day(p.approved_on),
              deregisteredOn: p.deregistered_on === null ? null : day(p.deregistered_on),
            }
          : null,
      assignments: assignmentsOf.get(p.id) ?? [],
    })),
    evidence,
  };
}

const noEvidence: PersonEvidence = { completions: [], exemptions: new Map(), pauses: [] };

/** The status of each person against each requirement that applies to them on the date. */
export function computeStatuses(
  shared: SharedFacts,
  people: PersonFact[],
  evidence: Map<string, PersonEvidence>,
  asAt: IsoDate,
): ComputedStatus[] {
  const units = new UnitTree(shared.units, asAt);
  const inForce = shared.requirements.flatMap((r) => {
    try {
      const version = versionInForce(r.versions, asAt);
      const courseIds = [...new Set(r.versions.flatMap((v) => v.courseIds))];
      return version ? [{ requirement: r, version: version as VersionFact, courseIds }] : [];
    } catch {
      return []; // overlapping versions: a data error the requirements pages prevent
    }
  });
  const out: ComputedStatus[] = [];
  for (const person of people) {
    const start = startedOn(person);
    if (start === null || person.anonymisedOn !== null) continue;
    const e = evidence.get(person.id) ?? noEvidence;
    const orgUnitId = person.kind === "staff" ? (mainAssignment(person, asAt)?.orgUnitId ?? null) : null;
    const byCourse = completionsByCourse(e.completions);
    for (const { requirement, version, courseIds } of inForce) {
      if (!applies(version, person, asAt, units)) continue;
      const result = complianceStatus({
        asAt,
        versions: versionsFor(requirement.versions, person),
        person: { startedOn: start },
        // Only the completions of this requirement's courses: the rules ignore the rest, and a
        // person with hundreds of records would otherwise have each one checked per requirement.
        completions: courseIds.flatMap((id) => byCourse.get(id) ?? []),
        exemptions: e.exemptions.get(requirement.id) ?? [],
        pauses: e.pauses,
      });
      if (!result) continue;
      out.push({
        personId: person.id,
        requirementId: requirement.id,
        orgUnitId,
        status: result.status,
        dueOn: result.dueOn,
        expiresOn: result.expiresOn,
        graceEndsOn: result.graceEndsOn,
        metOn: result.metBy?.completedOn ?? null,
        metCourseId: result.metBy?.courseId ?? null,
        result,
      });
    }
  }
  return out;
}

function completionsByCourse(completions: Completion[]): Map<string, Completion[]> {
  const out = new Map<string, Completion[]>();
  for (const c of completions) {
    const list = out.get(c.courseId);
    if (list) list.push(c);
    else out.set(c.courseId, [c]);
  }
  return out;
}

/** Loads and computes in chunks; calls `each` with every chunk's statuses. */
export async function computeInChunks(
  db: TenantDb,
  shared: SharedFacts,
  personIds: string[],
  asAt: IsoDate,
  each: (statuses: ComputedStatus[], done: number, chunk: string[]) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const chunk = personIds.slice(i, i + CHUNK);
    const { people, evidence } = await loadPeople(db, chunk, shared.courseIds);
    await each(computeStatuses(shared, people, evidence, asAt), Math.min(personIds.length, i + CHUNK), chunk);
  }
}
