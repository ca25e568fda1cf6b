/**
 * Who a requirement applies to on a date, and when each person's clock starts. Pure: the facts
 * are passed in (see engine.ts for loading them).
 *
 * - Person kind: the version's personKinds, when not empty, must include the person's kind.
 * - Staff: one of the assignments in force on the date must match every non-empty audience list
 *   (job role, career level, contract type, and the unit within the subtree of one of the
 *   version's units, by the organisation as at that date). No assignment in force (a leaver, or
 *   not yet started): no requirements.
 * - Foster carers: approved on or before the date and not deregistered by it; a non-empty
 *   carerApprovalTypes must include the household's approval type. Staff-only lists (job role,
 *   career level, contract type, units) never match a carer.
 * - Partner learners: only versions without staff or carer audience lists.
 * - Anonymised people: none.
 */
import type { IsoDate } from "../../../platform/dates.js";
import { type CarerApprovalType, carerDueWithinDays, type RequirementVersion } from "./status.js";

export type PersonKind = "staff" | "foster_carer" | "partner_learner";

export interface AssignmentFact {
  id: string;
  personId: string;
  orgUnitId: string;
  jobRoleId: string;
  careerLevel: string | null;
  contractType: string;
  fte: number;
  lineManagerPersonId: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export interface UnitVersionFact {
  orgUnitId: string;
  parentId: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export interface HouseholdFact {
  approvalType: CarerApprovalType;
  approvedOn: IsoDate;
  deregisteredOn: IsoDate | null;
}

export interface PersonFact {
  id: string;
  kind: PersonKind;
  startedOn: IsoDate | null;
  /** The day the record was made (partner learners without a start date). */
  createdOn: IsoDate;
  anonymisedOn: IsoDate | null;
  household: HouseholdFact | null;
  /** Every assignment the person has had, in any order. */
  assignments: AssignmentFact[];
}

/** A stored version: the status rules and the audience lists. */
export interface VersionFact extends RequirementVersion {
  id: string;
  personKinds: string[];
  jobRoleIds: string[];
  careerLevels: string[];
  orgUnitIds: string[];
  contractTypes: string[];
  carerApprovalTypes: string[];
  carersFromApproval: boolean;
}

const inForce = (p: { validFrom: IsoDate; validTo: IsoDate | null }, date: IsoDate) =>
  p.validFrom <= date && (p.validTo === null || date <= p.validTo);

/** The organisation's parent links on one date, to ask whether a unit sits under another. */
export class UnitTree {
  readonly #parent = new Map<string, string | null>();

  constructor(units: UnitVersionFact[], date: IsoDate) {
    for (const u of units) if (inForce(u, date)) this.#parent.set(u.orgUnitId, u.parentId);
  }

  /** True when the unit is one of the roots or below one of them. */
  within(unitId: string, roots: readonly string[]): boolean {
    const seen = new Set<string>();
    let current: string | null | undefined = unitId;
    while (current && !seen.has(current)) {
      if (roots.includes(current)) return true;
      seen.add(current);
      current = this.#parent.get(current);
    }
    return false;
  }
}

export function assignmentsInForce(person: PersonFact, date: IsoDate): AssignmentFact[] {
  return person.assignments.filter((a) => inForce(a, date));
}

/** The assignment that places a person in a team on a date: the largest, then the earliest. */
export function mainAssignment(person: PersonFact, date: IsoDate): AssignmentFact | null {
  const current = assignmentsInForce(person, date);
  current.sort(
    (a, b) =>
      b.fte - a.fte ||
      (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0) ||
      (a.id < b.id ? -1 : 1),
  );
  return current[0] ?? null;
}

const staffListsEmpty = (v: VersionFact) =>
  v.jobRoleIds.length === 0 &&
  v.careerLevels.length === 0 &&
  v.contractTypes.length === 0 &&
  v.orgUnitIds.length === 0;

function assignmentMatches(v: VersionFact, a: AssignmentFact, units: UnitTree): boolean {
  if (v.jobRoleIds.length > 0 && !v.jobRoleIds.includes(a.jobRoleId)) return false;
  if (v.careerLevels.length > 0 && (a.careerLevel === null || !v.careerLevels.includes(a.careerLevel))) {
    return false;
  }
  if (v.contractTypes.length > 0 && !v.contractTypes.includes(a.contractType)) return false;
  if (v.orgUnitIds.length > 0 && !units.within(a.orgUnitId, v.orgUnitIds)) return false;
  return true;
}

/** Whether a version of a requirement applies to a person on a date. */
export function applies(version: VersionFact, person: PersonFact, date: IsoDate, units: UnitTree): boolean {
  if (person.anonymisedOn !== null) return false;
  if (version.personKinds.length > 0 && !version.personKinds.includes(person.kind)) return false;
  switch (person.kind) {
    case "staff":
      if (version.carerApprovalTypes.length > 0) return false;
      return assignmentsInForce(person, date).some((a) => assignmentMatches(version, a, units));
    case "foster_carer": {
      const h = person.household;
      if (!h || h.approvedOn > date || (h.deregisteredOn !== null && h.deregisteredOn <= date)) return false;
      if (!staffListsEmpty(version)) return false;
      return version.carerApprovalTypes.length === 0 || version.carerApprovalTypes.includes(h.approvalType);
    }
    case "partner_learner":
      return staffListsEmpty(version) && version.carerApprovalTypes.length === 0;
  }
}

/** The day a person's clock starts (rule 3 in status.ts), or null when there is none. */
export function startedOn(person: PersonFact): IsoDate | null {
  switch (person.kind) {
    case "staff": {
      if (person.startedOn) return person.startedOn;
      const first = person.assignments.map((a) => a.validFrom).sort()[0];
      return first ?? null;
    }
    case "foster_carer":
      return person.household?.approvedOn ?? null;
    case "partner_learner":
      return person.startedOn ?? person.createdOn;
  }
}

/**
 * The versions as the status rules see them for this person: for a foster carer, versions marked
 * carersFromApproval give the national minimum standards' time from approval (12 or 18 months).
 */
export function versionsFor(versions: VersionFact[], person: PersonFact): VersionFact[] {
  const household = person.household;
  if (person.kind !== "foster_carer" || !household) return versions;
  return versions.map((v) =>
    v.carersFromApproval ? { ...v, dueWithinDays: carerDueWithinDays(household.approvalType) } : v,
  );
}
