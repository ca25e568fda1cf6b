import { addDays, type IsoDate } from "../../../platform/dates.js";
import { fullTimeDays, proRataDays } from "../../early-career/enrolments/schedule.js";
import type { SupervisionStage } from "../../early-career/schema.js";
import type {
  ComplianceStatus,
  EveryUnit,
  PartTimeTreatment,
  RuleTarget,
  SupervisionKind,
} from "../schema.js";

/**
 * The supervision due-date rules (pure: no database, no clock).
 *
 * - The rule in force for a person on a date: an active early career enrolment's rhythm (when an
 *   `early_career` rule is in force), else a rule for their career level, else for their job
 *   role, else the default; none: no supervision is expected of them and they are not counted.
 * - The next supervision is due one interval after the last HELD supervision of a kind the rule
 *   counts; with none yet, one interval after the anchor (when their rule began for them: the
 *   enrolment's start or the assignment's start). A cancelled supervision changes nothing: the
 *   due date stays, and its rearranged date is only the next one planned. A change of supervisor
 *   changes nothing either: supervision is the person's, whoever holds it.
 * - Part-time: with `pro_rata`, the interval in days is divided by the FTE and rounded up (every
 *   4 weeks at 0.5 FTE is every 56 days); with `same`, part-time staff are supervised as often.
 * - The NQSW rhythm: the stage is the one the last supervision (or the start) falls in, counted
 *   in calendar time from the enrolment's start (weekly while under 6 weeks in, fortnightly
 *   while under 6 months, then monthly).
 * - Status on a date: overdue after the due date; due from `dueSoonDays` before it; else in date.
 *   "In date" in the measures counts everyone not overdue.
 */

export interface PolicyRule {
  id: string;
  appliesTo: RuleTarget;
  jobRoleId: string | null;
  careerLevel: string | null;
  everyValue: number | null;
  everyUnit: EveryUnit | null;
  partTime: PartTimeTreatment;
  countingKinds: SupervisionKind[];
  expectedMinutes: number | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

/** What the rules need to know of a person on a date. */
export interface PersonOnDate {
  jobRoleId: string | null;
  careerLevel: string | null;
  /** Total FTE across their assignments on the date (capped at 1 for the rules). */
  fte: number;
  /** Their active early career enrolment, if any: its start and its template's rhythm. */
  earlyCareer: { startOn: IsoDate; rhythm: SupervisionStage[] } | null;
}

export function ruleInForce(rule: PolicyRule, asAt: IsoDate): boolean {
  return rule.validFrom <= asAt && (rule.validTo === null || asAt <= rule.validTo);
}

/** The rule that applies to the person on the date, or null (no supervision expected). */
export function resolveRule(
  rules: readonly PolicyRule[],
  person: PersonOnDate,
  asAt: IsoDate,
): PolicyRule | null {
  const live = rules.filter((r) => ruleInForce(r, asAt));
  const pick = (test: (r: PolicyRule) => boolean) => live.find(test) ?? null;
  return (
    (person.earlyCareer && person.earlyCareer.rhythm.length > 0
      ? pick((r) => r.appliesTo === "early_career")
      : null) ??
    (person.careerLevel
      ? pick((r) => r.appliesTo === "career_level" && r.careerLevel === person.careerLevel)
      : null) ??
    (person.jobRoleId ? pick((r) => r.appliesTo === "job_role" && r.jobRoleId === person.jobRoleId) : null) ??
    pick((r) => r.appliesTo === "default")
  );
}

/** Calendar days from `from` to the next supervision under the rule, before any part-time rule. */
function fullTimeInterval(rule: PolicyRule, person: PersonOnDate, from: IsoDate): number {
  if (rule.appliesTo === "early_career" && person.earlyCareer) {
    const { startOn, rhythm } = person.earlyCareer;
    const stage =
      rhythm.find((s) => s.until === null || from < addDays(startOn, fullTimeDays(startOn, s.until))) ??
      rhythm[rhythm.length - 1];
    if (!stage) throw new Error("An early career rhythm has no stages");
    return fullTimeDays(from, stage.every);
  }
  if (rule.everyValue === null || rule.everyUnit === null) throw new Error(`Rule ${rule.id} has no interval`);
  return fullTimeDays(
    from,
    rule.everyUnit === "weeks" ? { weeks: rule.everyValue } : { months: rule.everyValue },
  );
}

/** Calendar days between supervisions from `from` under the rule, part-time treatment applied. */
export function intervalDays(rule: PolicyRule, person: PersonOnDate, from: IsoDate): number {
  const days = fullTimeInterval(rule, person, from);
  const fte = Math.min(1, person.fte);
  if (rule.partTime === "pro_rata" && fte > 0 && fte < 1) return proRataDays(days, fte);
  return days;
}

/** The date the next supervision is due: one interval after the last held one, or after the anchor. */
export function nextDueOn(
  rule: PolicyRule,
  person: PersonOnDate,
  lastHeldOn: IsoDate | null,
  anchorOn: IsoDate,
): IsoDate {
  const from = lastHeldOn !== null && lastHeldOn >= anchorOn ? lastHeldOn : anchorOn;
  return addDays(from, intervalDays(rule, person, from));
}

export function complianceStatus(dueOn: IsoDate, asAt: IsoDate, dueSoonDays: number): ComplianceStatus {
  if (asAt > dueOn) return "overdue";
  if (addDays(asAt, dueSoonDays) >= dueOn) return "due";
  return "in_date";
}

/** The latest held supervision of a counting kind on or before the date (records in any order). */
export function lastCountingHeldOn(
  supervisions: ReadonlyArray<{ heldOn: IsoDate; status: "held" | "cancelled"; kind: SupervisionKind }>,
  countingKinds: readonly SupervisionKind[],
  asAt: IsoDate,
): IsoDate | null {
  let last: IsoDate | null = null;
  for (const s of supervisions) {
    if (s.status !== "held" || s.heldOn > asAt || !countingKinds.includes(s.kind)) continue;
    if (last === null || s.heldOn > last) last = s.heldOn;
  }
  return last;
}
