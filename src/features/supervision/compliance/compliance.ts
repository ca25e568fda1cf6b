import type { IsoDate } from "../../../platform/dates.js";
import { addDays } from "../../../platform/dates.js";
import type { SupervisionStage } from "../../early-career/schema.js";
import {
  complianceStatus,
  nextDueOn,
  type PersonOnDate,
  type PolicyRule,
  resolveRule,
} from "../policy/due.js";
import type { ComplianceStatus, SupervisionKind } from "../schema.js";

/**
 * Where each person stands on a date (pure: the service loads the facts, this decides). Only
 * people placed on the date (an assignment in force) are counted; a rule of none means no
 * supervision is expected of them.
 */

export interface AssignmentFact {
  personId: string;
  orgUnitId: string;
  jobRoleId: string;
  careerLevel: string | null;
  fte: number;
  lineManagerPersonId: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export interface EnrolmentFact {
  personId: string;
  startOn: IsoDate;
  rhythm: SupervisionStage[];
}

export interface Placement {
  /** What the rules need of the person on the date. */
  person: PersonOnDate;
  /** The start of their current continuous assignment (or their start date, when earlier). */
  anchorOn: IsoDate;
  unitIds: string[];
  lineManagerIds: string[];
}

export interface StatusOnDate {
  rule: PolicyRule | null;
  lastHeldOn: IsoDate | null;
  dueOn: IsoDate | null;
  status: ComplianceStatus | null;
}

export const noRule: StatusOnDate = { rule: null, lastHeldOn: null, dueOn: null, status: null };

function inForce(a: { validFrom: IsoDate; validTo: IsoDate | null }, on: IsoDate): boolean {
  return a.validFrom <= on && (a.validTo === null || a.validTo >= on);
}

/**
 * A person on a date from their assignments (any order, any dates): the main assignment (largest
 * FTE, then the latest start) gives the job role and career level; FTE is the total. The anchor
 * walks back through assignments that touch or overlap without a gap.
 */
export function placementOn(
  assignments: readonly AssignmentFact[],
  enrolment: EnrolmentFact | null,
  on: IsoDate,
  startedOn: IsoDate | null = null,
): Placement | null {
  const current = assignments.filter((a) => inForce(a, on));
  if (current.length === 0) return null;
  const main = [...current].sort((a, b) => b.fte - a.fte || (a.validFrom < b.validFrom ? 1 : -1))[0];
  if (!main) return null;
  let anchorOn = current.map((a) => a.validFrom).sort()[0] ?? main.validFrom;
  // Walk back through assignments that run on to the anchor without a gap (the day before it).
  let moved = true;
  while (moved) {
    moved = false;
    const dayBefore = addDays(anchorOn, -1);
    for (const a of assignments) {
      if (a.validFrom < anchorOn && (a.validTo === null || a.validTo >= dayBefore)) {
        anchorOn = a.validFrom;
        moved = true;
        break;
      }
    }
  }
  if (startedOn && startedOn > anchorOn && startedOn <= on) anchorOn = startedOn;
  const fte = Math.round(current.reduce((s, a) => s + a.fte, 0) * 1000) / 1000;
  const earlyCareer = enrolment && enrolment.startOn <= on ? enrolment : null;
  return {
    person: {
      jobRoleId: main.jobRoleId,
      careerLevel: main.careerLevel,
      fte,
      earlyCareer: earlyCareer ? { startOn: earlyCareer.startOn, rhythm: earlyCareer.rhythm } : null,
    },
    anchorOn,
    unitIds: [...new Set(current.map((a) => a.orgUnitId))],
    lineManagerIds: [
      ...new Set(current.map((a) => a.lineManagerPersonId).filter((id): id is string => id !== null)),
    ],
  };
}

/** The key of a rule's counting kinds (the repository computes the last held once per key). */
export function kindsKey(kinds: readonly SupervisionKind[]): string {
  return [...kinds].sort().join(",");
}

/**
 * The status of a placed person on a date, given the rules, the "due soon" days and their last
 * held supervision of the counting kinds on or before the date.
 */
export function statusOn(
  rules: readonly PolicyRule[],
  placement: Placement,
  on: IsoDate,
  dueSoonDays: number,
  lastHeld: (kinds: readonly SupervisionKind[]) => IsoDate | null,
): StatusOnDate {
  const rule = resolveRule(rules, placement.person, on);
  if (!rule) return noRule;
  const early = rule.appliesTo === "early_career" ? placement.person.earlyCareer : null;
  const anchorOn = early ? early.startOn : placement.anchorOn;
  const lastHeldOn = lastHeld(rule.countingKinds);
  const dueOn = nextDueOn(rule, placement.person, lastHeldOn, anchorOn);
  return { rule, lastHeldOn, dueOn, status: complianceStatus(dueOn, on, dueSoonDays) };
}

/** The last day of each of the `count` months before the month of `on`, oldest first. */
export function monthEndsBefore(on: IsoDate, count: number): IsoDate[] {
  const out: IsoDate[] = [];
  for (let back = count; back >= 1; back -= 1) {
    const d = new Date(`${on.slice(0, 7)}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - back + 1);
    out.push(addDays(d.toISOString().slice(0, 10), -1));
  }
  return out;
}
