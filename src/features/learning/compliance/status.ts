/**
 * Mandatory training: the status of one person against one requirement, as at a date.
 *
 * Pure functions only: no database, no clock, no I/O. Every date is an ISO calendar date
 * ("YYYY-MM-DD"), and "as at" is always passed in, so a report for "compliance as at 31 March"
 * gives the same answer whenever it is run, as long as the records it is given are the same.
 *
 * Who a requirement applies to (role, career level, team, contract type, external learner type)
 * is decided elsewhere. These functions start from "this person has this requirement".
 *
 * The rules, in plain English
 *
 * 1. Rule version. A requirement's rules are versioned. The version used is the one in force on
 *    the "as at" date: validFrom on or before it, and validTo (the last day in force, inclusive)
 *    on or after it, or open. Asking "as at 31 March" after an April rule change uses the March
 *    rules. If no version is in force, the requirement did not apply then: the answer is null.
 *    Two versions in force on the same day is a data error and throws.
 *
 * 2. What counts. A completion counts only if its course is one of the version's courses (any one
 *    of them meets the requirement) and it was completed on or before the "as at" date. Prior
 *    learning accepted from a previous employer counts like any other completion, on its date.
 *    A completion from before a rule change still counts if its course is in the new version.
 *    The latest counting completion decides everything else ("metBy").
 *
 * 3. Never met. The first due date is dueWithinDays after the person's start date (for foster
 *    carers, their approval date). If the requirement first came in after the person started,
 *    the clock starts on the day it came in (the earliest validFrom of all the versions given, so
 *    pass the requirement's whole version history). A later rule change does not restart the
 *    clock unless that version says restartsClock (see "Clock restarts" below).
 *    - before the due-soon window: "not yet due" (a new starter who still has time)
 *    - on or after dueOn minus dueSoonDays, up to and including dueOn: "due soon"
 *    - after dueOn: "overdue". There is no grace period for a first due date: grace is only for
 *      renewals ("expired = met once, past renewal plus grace").
 *
 * 4. Met, once only (renewEveryMonths is null): "complete", for good.
 *
 * 5. Met, renewable. expiresOn is the completion date plus renewEveryMonths calendar months
 *    (31 January + 1 month = 28 or 29 February: the day is clamped to the month's end). The
 *    renewal is due on expiresOn (moved by pauses and exemptions, below), and the grace period
 *    runs for graceDays after that.
 *    - before the due-soon window, and the completion not yet past expiresOn: "complete"
 *    - on or after dueOn minus dueSoonDays, up to and including dueOn: "due soon". Also "due
 *      soon" after expiresOn when a pause or clock restart has moved dueOn later: the learning
 *      has lapsed, so it is never shown as "complete", but the person still has until dueOn.
 *    - after dueOn, up to and including graceEndsOn (dueOn + graceDays): still "due soon", with
 *      inGrace set. It is not "expired" yet (that needs renewal plus grace) and not "overdue"
 *      (that means never met). Screens should say "renewal was due on ..., grace ends on ...".
 *    - after graceEndsOn: "expired"
 *
 * 6. Exemption. An exemption covering the "as at" date (from on or before it, to on or after it,
 *    or open) makes the status "exempt". This wins over everything else. When an exemption ends,
 *    the normal rules apply again, but the clock restarts on the day after it ends (see below), so
 *    nobody is overdue the day after an exemption ends. (To give less time, approve a shorter
 *    exemption.)
 *
 * 7. Pause (maternity leave, long sickness). A pause covering the "as at" date makes the status
 *    "paused" (an exemption still wins). A pause stops the clock: each paused day between the
 *    clock starting and the due date moves the due date back a day, for first due dates and for
 *    renewals alike (expiresOn itself does not move; dueOn does). A pause counts in full once it
 *    has started on or before the "as at" date (an open-ended pause counts up to the "as at"
 *    date); pauses that start later are ignored.
 *
 * 8. Clock restarts. Two things give everyone a fresh dueWithinDays: the day after an exemption
 *    ends (for an exemption that has started by the "as at" date and has an end date), and the
 *    validFrom of a rule version marked restartsClock (use it when a change, such as a new course
 *    replacing the old one, would otherwise make people overdue on the day it comes in). The due
 *    date, first or renewal, is then no earlier than the restart date plus dueWithinDays, moved
 *    back by pauses after the restart. A restart on or before the day the clock started (the
 *    start date, or the latest counting completion) makes no difference.
 *
 * While exempt or paused, dueOn, expiresOn and metBy are still worked out, so a screen can say
 * what will be due when the person comes back.
 */
import { addDays, type IsoDate, isIsoDate } from "../../../platform/dates.js";

export type ComplianceStatus =
  | "complete"
  | "due_soon"
  | "overdue"
  | "expired"
  | "not_yet_due"
  | "exempt"
  | "paused";

/** One version of a requirement's rules, in force from validFrom to validTo (inclusive), or open. */
export interface RequirementVersion {
  requirementId: string;
  validFrom: IsoDate;
  /** The last day this version is in force, or null while it is current. */
  validTo: IsoDate | null;
  /** The requirement is met by any one of these courses. */
  courseIds: string[];
  /** Days from the start date (staff) or approval date (foster carers) to the first due date. */
  dueWithinDays: number;
  /** Calendar months a completion lasts; null = once only. */
  renewEveryMonths: number | null;
  /** Days after a renewal falls due before the requirement counts as expired. */
  graceDays: number;
  /** How many days before a due date it becomes "due soon". */
  dueSoonDays: number;
  /**
   * True when this version gives everyone a fresh dueWithinDays from its validFrom (rule 8).
   * Leave it out for changes that should not move anyone's due date.
   */
  restartsClock?: boolean;
}

export interface PersonFacts {
  /** Staff: the start date. Foster carers: the approval date. */
  startedOn: IsoDate;
}

export interface Completion {
  courseId: string;
  completedOn: IsoDate;
  source: "attendance" | "e_learning" | "external" | "prior_learning";
}

export interface Exemption {
  from: IsoDate;
  /** The last day of the exemption, or null for open-ended. */
  to: IsoDate | null;
  reason: string;
  approvedBy: string;
}

export interface Pause {
  from: IsoDate;
  /** The last day of the pause, or null while it continues. */
  to: IsoDate | null;
  reason: string;
}

export interface ComplianceInput {
  asAt: IsoDate;
  /** The requirement's version history (all versions, so the date it first came in is known). */
  versions: RequirementVersion[];
  person: PersonFacts;
  completions: Completion[];
  exemptions: Exemption[];
  pauses: Pause[];
}

export interface StatusResult {
  status: ComplianceStatus;
  /** The rule version used: the one in force on the "as at" date. */
  version: RequirementVersion;
  /** When it must be done by: the first due date, or the renewal due date. Null when met once only. */
  dueOn: IsoDate | null;
  /** The latest counting completion plus renewEveryMonths. Null when never met or once only. */
  expiresOn: IsoDate | null;
  /** The last day of grace (dueOn + graceDays) for a renewal; null otherwise. */
  graceEndsOn: IsoDate | null;
  /** True when a renewal is past its due date but still within grace (status "due_soon"). */
  inGrace: boolean;
  /** The latest counting completion, or null. */
  metBy: Completion | null;
  /** The exemption covering the "as at" date, if any. */
  exemption: Exemption | null;
  /** The pause covering the "as at" date, if any (reported even when an exemption wins). */
  pause: Pause | null;
}

export type CarerApprovalType = "mainstream" | "short_breaks" | "connected_person";

/**
 * Days a foster carer has from approval to evidence the Training, Support and Development
 * Standards (Fostering Services National Minimum Standards 2011, standard 20): 12 months (365
 * days), or 18 months (548 days) for connected persons (family and friends) foster carers. Short
 * break carers have their own workbook but the same 12 months.
 */
export function carerDueWithinDays(approvalType: CarerApprovalType): number {
  return approvalType === "connected_person" ? 548 : 365;
}

/** A date plus whole calendar months, the day clamped to the month's end (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

function covers(period: { from: IsoDate; to: IsoDate | null }, date: IsoDate): boolean {
  return period.from <= date && (period.to === null || date <= period.to);
}

function checkDate(value: IsoDate, what: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${what} is not a calendar date (YYYY-MM-DD): ${value}`);
}

function checkPeriod(period: { from: IsoDate; to: IsoDate | null }, what: string): void {
  checkDate(period.from, `${what} start`);
  if (period.to !== null) {
    checkDate(period.to, `${what} end`);
    if (period.to < period.from) throw new RangeError(`${what} ends before it starts: ${period.from}`);
  }
}

/** The version in force on a date (validTo inclusive), or null. Throws if two overlap on that date. */
export function versionInForce(versions: RequirementVersion[], asAt: IsoDate): RequirementVersion | null {
  const inForce = versions.filter((v) => covers({ from: v.validFrom, to: v.validTo }, asAt));
  if (inForce.length > 1) {
    throw new RangeError(`${inForce.length} versions of ${inForce[0]?.requirementId} in force on ${asAt}`);
  }
  return inForce[0] ?? null;
}

/**
 * The paused days that count as at asAt, as merged [from, to] ranges in date order: every pause
 * that has started by asAt, in full, an open-ended one up to asAt. Later pauses are left out.
 */
function pausedRanges(pauses: Pause[], asAt: IsoDate): Array<[IsoDate, IsoDate]> {
  const ranges = pauses
    .filter((p) => p.from <= asAt)
    .map((p): [IsoDate, IsoDate] => [p.from, p.to ?? asAt])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: Array<[IsoDate, IsoDate]> = [];
  for (const [from, to] of ranges) {
    const last = merged[merged.length - 1];
    if (last && from <= addDays(last[1], 1)) last[1] = later(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/**
 * Moves a due date back by every paused day between the clock starting and the (moving) due
 * date: a pause that begins on or before the due date pushes it back by its whole length.
 */
function pushBackForPauses(clockStart: IsoDate, due: IsoDate, paused: Array<[IsoDate, IsoDate]>): IsoDate {
  let result = due;
  for (const [from, to] of paused) {
    if (to < clockStart) continue;
    if (from > result) break;
    result = addDays(result, daysBetween(later(from, clockStart), to) + 1);
  }
  return result;
}

/**
 * The due date for a clock that starts on clockStart with a base due date: moved back by pauses
 * (rule 7), and no earlier than dueWithinDays after the latest clock restart (rule 8).
 */
function dueDate(
  clockStart: IsoDate,
  baseDue: IsoDate,
  version: RequirementVersion,
  input: ComplianceInput,
): IsoDate {
  const paused = pausedRanges(input.pauses, input.asAt);
  const due = pushBackForPauses(clockStart, baseDue, paused);
  const restarts = [
    ...input.exemptions.flatMap((e) => (e.from <= input.asAt && e.to !== null ? [addDays(e.to, 1)] : [])),
    ...input.versions.filter((v) => v.restartsClock && v.validFrom <= input.asAt).map((v) => v.validFrom),
  ].filter((restart) => restart > clockStart);
  const latest = restarts.sort().pop();
  if (latest === undefined) return due;
  return later(due, pushBackForPauses(latest, addDays(latest, version.dueWithinDays), paused));
}

/**
 * The status of one person against one requirement as at a date (see the rules at the top of
 * this file). Null when no version of the requirement was in force on that date.
 */
export function complianceStatus(input: ComplianceInput): StatusResult | null {
  const { asAt, versions, person } = input;
  checkDate(asAt, "The as-at date");
  checkDate(person.startedOn, "The start date");
  const ids = new Set(versions.map((v) => v.requirementId));
  if (ids.size > 1) throw new RangeError(`Versions of more than one requirement: ${[...ids].join(", ")}`);
  for (const v of versions) checkPeriod({ from: v.validFrom, to: v.validTo }, `Version ${v.validFrom}`);
  for (const c of input.completions) checkDate(c.completedOn, `Completion of ${c.courseId}`);
  for (const e of input.exemptions) checkPeriod(e, "An exemption");
  for (const p of input.pauses) checkPeriod(p, "A pause");

  const version = versionInForce(versions, asAt);
  if (version === null) return null;

  // Rule 2: the latest completion of one of this version's courses, on or before asAt.
  let metBy: Completion | null = null;
  for (const c of input.completions) {
    if (!version.courseIds.includes(c.courseId) || c.completedOn > asAt) continue;
    if (metBy === null || c.completedOn > metBy.completedOn) metBy = c;
  }

  let status: ComplianceStatus;
  let dueOn: IsoDate | null = null;
  let expiresOn: IsoDate | null = null;
  let graceEndsOn: IsoDate | null = null;
  let inGrace = false;

  if (metBy === null) {
    // Rule 3: never met.
    const introducedOn = versions.map((v) => v.validFrom).sort()[0] ?? version.validFrom;
    const clockStart = later(person.startedOn, introducedOn);
    dueOn = dueDate(clockStart, addDays(clockStart, version.dueWithinDays), version, input);
    if (asAt > dueOn) status = "overdue";
    else if (asAt >= addDays(dueOn, -version.dueSoonDays)) status = "due_soon";
    else status = "not_yet_due";
  } else if (version.renewEveryMonths === null) {
    // Rule 4: met, once only.
    status = "complete";
  } else {
    // Rule 5: met, renewable.
    expiresOn = addMonths(metBy.completedOn, version.renewEveryMonths);
    dueOn = dueDate(metBy.completedOn, expiresOn, version, input);
    graceEndsOn = addDays(dueOn, version.graceDays);
    if (asAt > graceEndsOn) status = "expired";
    else if (asAt > dueOn) {
      status = "due_soon";
      inGrace = true;
    } else if (asAt >= addDays(dueOn, -version.dueSoonDays) || asAt > expiresOn) status = "due_soon";
    else status = "complete";
  }

  // Rules 6 and 7: an exemption, then a pause, covering asAt wins over the worked-out status.
  const exemption = input.exemptions.find((e) => covers(e, asAt)) ?? null;
  const pause = input.pauses.find((p) => covers(p, asAt)) ?? null;
  if (exemption) status = "exempt";
  else if (pause) status = "paused";

  return { status, version, dueOn, expiresOn, graceEndsOn, inGrace, metBy, exemption, pause };
}

export interface NextAction {
  /** Book any one of these. */
  courseIds: string[];
  /**
   * Complete by this date to stay compliant (for a renewal in grace, the last day of grace).
   * Null means as soon as possible: it is already overdue or expired.
   */
  completeBy: IsoDate | null;
}

/**
 * What to book next, from a status. Null when there is nothing to book: met once only, or
 * exempt or paused as at the date (work it out again when the exemption or pause ends).
 */
export function nextAction(result: StatusResult): NextAction | null {
  const courseIds = [...result.version.courseIds];
  switch (result.status) {
    case "exempt":
    case "paused":
      return null;
    case "overdue":
    case "expired":
      return { courseIds, completeBy: null };
    case "due_soon":
      return { courseIds, completeBy: result.inGrace ? result.graceEndsOn : result.dueOn };
    case "complete":
    case "not_yet_due":
      return result.dueOn === null ? null : { courseIds, completeBy: result.dueOn };
  }
}
