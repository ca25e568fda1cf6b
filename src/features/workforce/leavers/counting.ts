import { addDays, type IsoDate, monthName } from "../../../platform/dates.js";
import { coverContractTypes } from "../../people/reference/domain.js";

/**
 * Who started and who left, from assignments and leavings. Pure.
 *
 * - A spell is a person's continuous run of assignments in the authority that are not agency or
 *   locum cover: an assignment starting on or before the day after the spell's last day joins it,
 *   unless a leaving lies between (a leaver who returns starts a new spell).
 * - A starter is a spell that begins in the period; it counts for the units and roles of the
 *   assignments that begin it.
 * - A leaver is a leavings row in the period; it counts for the units and roles of the person's
 *   assignments in force on the leaving date. A leaving whose only assignments that day are agency
 *   or locum is not a leaver. A leaver on the last day of a period is in that period.
 * - In post on a date: an assignment (not cover) in force that day, unless the person left that
 *   day or before (so a leaver on 30 September is a leaver of that year, not in post at its end).
 * - FTE: a person's assignments added up, at most 1.
 */
export interface AssignmentFact {
  personId: string;
  orgUnitId: string;
  jobRoleId: string;
  jobRoleName: string;
  socialWork: boolean;
  contractType: string;
  fte: number;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export interface LeavingFact {
  personId: string;
  leftOn: IsoDate;
  reasonCode: number;
  destinationCode: number | null;
  exitThemes: string[];
}

/** Which assignments count: the chosen units (null: all) and social workers only or everyone. */
export interface CountFilter {
  unitIds: ReadonlySet<string> | null;
  socialWorkOnly: boolean;
}

export interface Movement {
  personId: string;
  on: IsoDate;
  fte: number;
  /** The role of the largest assignment that counted. */
  jobRoleName: string;
  leaving?: LeavingFact;
}

const isCover = (a: AssignmentFact) => (coverContractTypes as readonly string[]).includes(a.contractType);

export function matches(a: AssignmentFact, filter: CountFilter): boolean {
  return (!filter.unitIds || filter.unitIds.has(a.orgUnitId)) && (!filter.socialWorkOnly || a.socialWork);
}

const inForce = (a: AssignmentFact, date: IsoDate) =>
  a.validFrom <= date && (a.validTo === null || a.validTo >= date);

function byPerson<T extends { personId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.personId);
    if (list) list.push(r);
    else out.set(r.personId, [r]);
  }
  return out;
}

/** FTE added up over the assignments, at most 1, to two places. */
function fteOf(list: readonly AssignmentFact[]): number {
  return (
    Math.round(
      Math.min(
        1,
        list.reduce((s, a) => s + a.fte, 0),
      ) * 100,
    ) / 100
  );
}

function movement(personId: string, on: IsoDate, counted: AssignmentFact[]): Movement {
  const largest = [...counted].sort((a, b) => b.fte - a.fte || a.jobRoleName.localeCompare(b.jobRoleName))[0];
  return { personId, on, fte: fteOf(counted), jobRoleName: largest?.jobRoleName ?? "" };
}

/** The first day of each spell and the assignments that begin it, per person. */
export function spellStarts(
  assignments: readonly AssignmentFact[],
  leavings: readonly LeavingFact[],
): { personId: string; start: IsoDate; opening: AssignmentFact[] }[] {
  const leftBy = byPerson(leavings);
  const out: { personId: string; start: IsoDate; opening: AssignmentFact[] }[] = [];
  for (const [personId, list] of byPerson(assignments.filter((a) => !isCover(a)))) {
    const sorted = [...list].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    const left = (leftBy.get(personId) ?? []).map((l) => l.leftOn);
    let start: IsoDate | null = null;
    let end: IsoDate | null = null;
    let open = false;
    for (const a of sorted) {
      const joins =
        start !== null &&
        (open || (end !== null && a.validFrom <= addDays(end, 1))) &&
        !left.some((d) => d >= (start as IsoDate) && d < a.validFrom);
      if (joins) {
        if (a.validTo === null) open = true;
        else if (end === null || a.validTo > end) end = a.validTo;
        const current = out[out.length - 1];
        if (current && a.validFrom === current.start) current.opening.push(a);
        continue;
      }
      start = a.validFrom;
      end = a.validTo;
      open = a.validTo === null;
      out.push({ personId, start, opening: [a] });
    }
  }
  return out;
}

/** Starters in [from, to] for the filter. */
export function starters(
  assignments: readonly AssignmentFact[],
  leavings: readonly LeavingFact[],
  from: IsoDate,
  to: IsoDate,
  filter: CountFilter,
): Movement[] {
  return spellStarts(assignments, leavings)
    .filter((s) => s.start >= from && s.start <= to)
    .flatMap((s) => {
      const counted = s.opening.filter((a) => matches(a, filter));
      return counted.length ? [movement(s.personId, s.start, counted)] : [];
    });
}

/** Leavers in [from, to] for the filter. */
export function leavers(
  assignments: readonly AssignmentFact[],
  leavings: readonly LeavingFact[],
  from: IsoDate,
  to: IsoDate,
  filter: CountFilter,
): Movement[] {
  const held = byPerson(assignments);
  return leavings
    .filter((l) => l.leftOn >= from && l.leftOn <= to)
    .flatMap((l) => {
      const theirs = held.get(l.personId) ?? [];
      let onDay = theirs.filter((a) => inForce(a, l.leftOn));
      if (onDay.length === 0) {
        // Records where the assignment ended before the leaving date: the last one before it.
        const before = theirs
          .filter((a) => a.validFrom <= l.leftOn)
          .sort((a, b) => (b.validTo ?? "9999").localeCompare(a.validTo ?? "9999"));
        onDay = before.length ? [before[0] as AssignmentFact] : [];
      }
      const counted = onDay.filter((a) => !isCover(a) && matches(a, filter));
      return counted.length ? [{ ...movement(l.personId, l.leftOn, counted), leaving: l }] : [];
    });
}

/** FTE and headcount in post on a date for the filter. */
export function inPost(
  assignments: readonly AssignmentFact[],
  leavings: readonly LeavingFact[],
  date: IsoDate,
  filter: CountFilter,
): { fte: number; headcount: number } {
  const leftBy = byPerson(leavings);
  let fte = 0;
  let headcount = 0;
  for (const [personId, list] of byPerson(assignments)) {
    const counted = list.filter((a) => !isCover(a) && inForce(a, date) && matches(a, filter));
    if (counted.length === 0) continue;
    // Left on or before the date and not back since: a leaving on the date itself ends the role.
    const lastStart =
      counted
        .map((a) => a.validFrom)
        .sort()
        .at(-1) ?? "";
    const gone = (leftBy.get(personId) ?? []).some((l) => l.leftOn <= date && l.leftOn >= lastStart);
    if (gone) continue;
    headcount += 1;
    fte += fteOf(counted);
  }
  return { fte: Math.round(fte * 100) / 100, headcount };
}

/** The twelve months of a census year (October to September): first and last days. */
export function censusMonths(year: number): { from: IsoDate; to: IsoDate; label: string }[] {
  return Array.from({ length: 12 }, (_, i) => {
    const y = i < 3 ? year - 1 : year;
    const m = ((i + 9) % 12) + 1;
    const from = `${y}-${String(m).padStart(2, "0")}-01`;
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    return { from, to: last, label: `${monthName(m, true)} ${String(y).slice(2)}` };
  });
}

/** Adds up FTE to two places. */
export function sumFte(list: readonly Movement[]): number {
  return Math.round(list.reduce((s, m) => s + m.fte, 0) * 100) / 100;
}
