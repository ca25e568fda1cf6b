import { type ContractType, coverContractTypes } from "../../people/reference/domain.js";
import { type CensusComponents, censusYearDates } from "./formulas.js";
import type { CensusDataset, CensusWorker } from "./model.js";

/**
 * The census worker records of a collection year from plain inputs (no database): the DfE's
 * definitions as the CSWW census applies them, with these choices (see README.md in this folder):
 * - social workers only: assignments whose job role is social work qualified;
 * - in post: a non-agency assignment in force on the reference date (30 September); someone who
 *   leaves ON 30 September is a leaver and not in post;
 * - one in-post record per person: the most senior role (lowest OrgRole; unmapped last; ties the
 *   higher FTE) with the FTE summed over all their in-post social work roles;
 * - agency (agency or locum contract): one record per assignment in force on 30 September,
 *   never de-duplicated, never starters or leavers;
 * - a spell of continuous employment runs over back-to-back non-agency social work assignments
 *   and is broken by a leaving: starters are spells starting in the year (a returner starts again);
 * - leavers: each leavings row in the year with a social work assignment in force on its last day,
 *   with the FTE and the most senior role held that day; a leaver who returns within the year has
 *   a leaver record and an in-post record;
 * - cases at 30 September: the caseload entry on or nearest before it, at most 31 days before;
 * - working days lost: sickness periods within the year, pro rata by calendar days for periods
 *   crossing the year's start or end.
 */

export interface PersonInput {
  id: string;
  displayName: string;
  sweNumber: string | null;
}
export interface JobRoleInput {
  id: string;
  socialWorkQualified: boolean;
  caseHolder: boolean;
  dfeOrgRole: number | null;
}
export interface AssignmentInput {
  id: string;
  personId: string;
  postId: string | null;
  orgUnitId: string;
  jobRoleId: string;
  contractType: ContractType;
  fte: number;
  validFrom: string;
  validTo: string | null;
}
export interface PostInput {
  id: string;
  orgUnitId: string;
  jobRoleId: string;
  fte: number;
  socialWorkQualified: boolean;
  validFrom: string;
  validTo: string | null;
}
export interface LeavingInput {
  personId: string;
  leftOn: string;
  reasonCode: number;
  destinationCode: number | null;
}
export interface CaseloadEntryInput {
  personId: string;
  asAt: string;
  children: number;
}
export interface AbsenceInput {
  personId: string;
  periodFrom: string;
  periodTo: string;
  workingDaysLost: number;
}
export interface EqualityInput {
  personId: string;
  dateOfBirth: string | null;
  gender: string | null;
  ethnicity: string | null;
}
export interface CensusDetailsInput {
  personId: string;
  qualificationInstitution: string | null;
  qualificationLevel: number | null;
  stepUpGrad: boolean | null;
  frontlineGrad: boolean | null;
  startOrigin: number | null;
  cfkssStatus: number | null;
}

export interface CensusInputs {
  people: PersonInput[];
  jobRoles: JobRoleInput[];
  assignments: AssignmentInput[];
  posts?: PostInput[];
  leavings?: LeavingInput[];
  caseloadEntries?: CaseloadEntryInput[];
  absences?: AbsenceInput[];
  equality?: EqualityInput[];
  details?: CensusDetailsInput[];
}

/** How many days before 30 September a caseload snapshot may be and still count. */
export const CASELOAD_WINDOW_DAYS = 31;

const DAY = 86_400_000;
const toDay = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
const fromDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
export const addDays = (iso: string, days: number): string => fromDay(toDay(iso) + days);

const isCover = (t: ContractType): boolean => coverContractTypes.includes(t);
const covers = (a: { validFrom: string; validTo: string | null }, day: string): boolean =>
  a.validFrom <= day && (a.validTo === null || a.validTo >= day);
const seniority = (orgRole: number | null): number => orgRole ?? 99;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** The more senior of the assignments (lowest OrgRole, unmapped last; ties: higher FTE, then id). */
function mostSenior(list: AssignmentInput[], roles: Map<string, JobRoleInput>): AssignmentInput {
  return [...list].sort(
    (a, b) =>
      seniority(roles.get(a.jobRoleId)?.dfeOrgRole ?? null) -
        seniority(roles.get(b.jobRoleId)?.dfeOrgRole ?? null) ||
      b.fte - a.fte ||
      a.id.localeCompare(b.id),
  )[0] as AssignmentInput;
}

const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;

/** Spells of continuous employment: back-to-back assignments, broken by a leaving. */
export function spellsOf(
  assignments: AssignmentInput[],
  leavings: LeavingInput[],
): { from: string; to: string | null }[] {
  const sorted = [...assignments].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const leftOn = leavings.map((l) => l.leftOn);
  const spells: { from: string; to: string | null }[] = [];
  for (const a of sorted) {
    const last = spells[spells.length - 1];
    const joins =
      last !== undefined &&
      (last.to === null || addDays(last.to, 1) >= a.validFrom) &&
      !leftOn.some((d) => last.to !== null && d >= last.to && d < a.validFrom);
    if (last && joins) {
      if (last.to !== null && (a.validTo === null || a.validTo > last.to)) last.to = a.validTo;
    } else spells.push({ from: a.validFrom, to: a.validTo });
  }
  return spells;
}

/** Working days lost within [from, to], pro rata by calendar days for periods crossing either end. */
export function daysLostWithin(absences: AbsenceInput[], from: string, to: string): number | null {
  let total = 0;
  let any = false;
  for (const a of absences) {
    const start = a.periodFrom > from ? a.periodFrom : from;
    const end = a.periodTo < to ? a.periodTo : to;
    if (start > end) continue;
    any = true;
    const periodDays = toDay(a.periodTo) - toDay(a.periodFrom) + 1;
    const inside = toDay(end) - toDay(start) + 1;
    total += periodDays > 0 ? (a.workingDaysLost * inside) / periodDays : a.workingDaysLost;
  }
  return any ? round4(total) : null;
}

/** Children held at the reference date: the entry on or nearest before it within the window. */
export function casesAt(
  entries: CaseloadEntryInput[],
  referenceDate: string,
  earliest = addDays(referenceDate, -CASELOAD_WINDOW_DAYS),
): number | null {
  let best: CaseloadEntryInput | null = null;
  for (const e of entries) {
    if (e.asAt > referenceDate || e.asAt < earliest) continue;
    if (!best || e.asAt > best.asAt) best = e;
  }
  return best ? best.children : null;
}

/** Every social worker's census records for the collection year. */
export function censusWorkers(year: number, inputs: CensusInputs): CensusWorker[] {
  const { from, referenceDate } = censusYearDates(year);
  const roles = new Map(inputs.jobRoles.map((r) => [r.id, r]));
  const isSw = (a: AssignmentInput): boolean => roles.get(a.jobRoleId)?.socialWorkQualified === true;
  const swAssignments = groupBy(inputs.assignments.filter(isSw), (a) => a.personId);
  const leavings = groupBy(inputs.leavings ?? [], (l) => l.personId);
  const entries = groupBy(inputs.caseloadEntries ?? [], (e) => e.personId);
  const absences = groupBy(inputs.absences ?? [], (a) => a.personId);
  const equality = new Map((inputs.equality ?? []).map((e) => [e.personId, e]));
  const details = new Map((inputs.details ?? []).map((d) => [d.personId, d]));
  const workers: CensusWorker[] = [];
  const earliestCases = addDays(referenceDate, -CASELOAD_WINDOW_DAYS);

  for (const person of inputs.people) {
    const mine = swAssignments.get(person.id);
    if (!mine) continue;
    const myLeavings = leavings.get(person.id) ?? [];
    const leftOnReference = myLeavings.some((l) => l.leftOn === referenceDate);
    const employed = mine.filter((a) => !isCover(a.contractType));
    const spells =
      employed.length === 1 && myLeavings.length === 0
        ? [{ from: employed[0]?.validFrom as string, to: employed[0]?.validTo ?? null }]
        : spellsOf(employed, myLeavings);
    const spellStart = (day: string): string | null =>
      spells.find((s) => covers({ validFrom: s.from, validTo: s.to }, day))?.from ?? null;
    const myEntries = entries.get(person.id);
    const cases = myEntries ? casesAt(myEntries, referenceDate, earliestCases) : null;
    const eq = equality.get(person.id);
    const det = details.get(person.id);
    const base = (a: AssignmentInput, fte: number) => {
      const role = roles.get(a.jobRoleId);
      return {
        personId: person.id,
        displayName: person.displayName,
        orgUnitId: a.orgUnitId,
        sweNumber: person.sweNumber,
        fte: round4(fte),
        orgRole: role?.dfeOrgRole ?? null,
        caseHolderRole: role?.caseHolder ?? false,
        birthDate: eq?.dateOfBirth ?? null,
        gender: eq?.gender ?? null,
        ethnicity: eq?.ethnicity ?? null,
        qualificationInstitution: det?.qualificationInstitution ?? null,
        qualificationLevel: det?.qualificationLevel ?? null,
        stepUpGrad: det?.stepUpGrad ?? null,
        frontlineGrad: det?.frontlineGrad ?? null,
        startOrigin: det?.startOrigin ?? null,
        cfkssStatus: det?.cfkssStatus ?? null,
      };
    };

    // Leavers: each leaving in the year, described by the roles held on the last day.
    for (const leaving of myLeavings) {
      if (leaving.leftOn < from || leaving.leftOn > referenceDate) continue;
      const held = employed.filter((a) => covers(a, leaving.leftOn));
      if (held.length === 0) continue;
      const start = spellStart(leaving.leftOn);
      const fte = Math.min(
        1,
        held.reduce((sum, a) => sum + a.fte, 0),
      );
      workers.push({
        ...base(mostSenior(held, roles), fte),
        agency: false,
        roleStartDate: start,
        starter: start !== null && start >= from,
        inPost: false,
        roleEndDate: leaving.leftOn,
        reasonLeave: leaving.reasonCode,
        leaverDestination: leaving.destinationCode,
        cases30: null,
        workingDaysLost: daysLostWithin(absences.get(person.id) ?? [], from, leaving.leftOn),
      });
    }

    // In post at the reference date: one record, the most senior role kept, FTE summed and at
    // most 1 (contracted hours over full-time hours: the census's FTE cannot exceed 1, and the
    // starters and leavers page counts a person the same way).
    const inPost = leftOnReference ? [] : employed.filter((a) => covers(a, referenceDate));
    if (inPost.length > 0) {
      const start = spellStart(referenceDate);
      const fte = Math.min(
        1,
        inPost.reduce((sum, a) => sum + a.fte, 0),
      );
      workers.push({
        ...base(mostSenior(inPost, roles), fte),
        agency: false,
        roleStartDate: start,
        starter: start !== null && start >= from,
        inPost: true,
        roleEndDate: null,
        reasonLeave: null,
        leaverDestination: null,
        cases30: cases,
        workingDaysLost: daysLostWithin(absences.get(person.id) ?? [], from, referenceDate),
      });
    }

    // Agency workers at the reference date: one record per assignment, not de-duplicated. Cases
    // go on the first record only, so that a person's children are counted once.
    const agency = mine
      .filter((a) => isCover(a.contractType) && covers(a, referenceDate))
      .sort((a, b) => b.fte - a.fte || a.id.localeCompare(b.id));
    agency.forEach((a, i) => {
      workers.push({
        // At most 1, as the census's FTE allows (a placement may be sent at up to 1.5).
        ...base(a, Math.min(1, a.fte)),
        agency: true,
        roleStartDate: a.validFrom,
        starter: false,
        inPost: true,
        roleEndDate: null,
        reasonLeave: null,
        leaverDestination: null,
        cases30: i === 0 && inPost.length === 0 ? cases : null,
        workingDaysLost: null,
      });
    });
  }
  return workers;
}

/**
 * Vacancies at the reference date: for each social work post in force, its FTE less the FTE of
 * the non-agency holders (never below 0); agency cover is the agency or locum holders' FTE, at
 * most the vacancy. Holders who leave on the reference date are not holding the post.
 */
export function vacanciesAt(
  year: number,
  inputs: Pick<CensusInputs, "posts" | "assignments" | "jobRoles" | "leavings">,
): { vacancyFte: number; agencyCoverFte: number } {
  const { referenceDate } = censusYearDates(year);
  const roles = new Map(inputs.jobRoles.map((r) => [r.id, r]));
  const leftOnReference = new Set(
    (inputs.leavings ?? []).filter((l) => l.leftOn === referenceDate).map((l) => l.personId),
  );
  const holders = groupBy(
    inputs.assignments.filter(
      (a) => a.postId !== null && covers(a, referenceDate) && !leftOnReference.has(a.personId),
    ),
    (a) => a.postId as string,
  );
  let vacancyFte = 0;
  let agencyCoverFte = 0;
  for (const post of inputs.posts ?? []) {
    const swq = post.socialWorkQualified || roles.get(post.jobRoleId)?.socialWorkQualified === true;
    if (!swq || !covers(post, referenceDate)) continue;
    const held = holders.get(post.id) ?? [];
    const employedFte = held.filter((a) => !isCover(a.contractType)).reduce((s, a) => s + a.fte, 0);
    const coverFte = held.filter((a) => isCover(a.contractType)).reduce((s, a) => s + a.fte, 0);
    const vacancy = Math.max(0, post.fte - employedFte);
    vacancyFte += vacancy;
    agencyCoverFte += Math.min(vacancy, coverFte);
  }
  return { vacancyFte: round4(vacancyFte), agencyCoverFte: round4(agencyCoverFte) };
}

/** The whole dataset from plain inputs: the workers and the authority-level vacancy figures. */
export function censusDataset(
  year: number,
  inputs: CensusInputs,
  orgUnitId: string | null = null,
): CensusDataset {
  const workers = censusWorkers(year, inputs);
  const vacancies = vacanciesAt(year, inputs);
  return {
    year,
    referenceDate: censusYearDates(year).referenceDate,
    orgUnitId,
    workers,
    vacancies: { ...vacancies, agencyHeadcount: workers.filter((w) => w.agency && w.inPost).length },
  };
}

const sum = (workers: CensusWorker[], value: (w: CensusWorker) => number): number =>
  round4(workers.reduce((s, w) => s + value(w), 0));

/**
 * The components of the DfE's measures from a dataset. Case holders: any social worker in post
 * or agency at 30 September with at least one case (the DfE's definition counts cases, not the
 * role). Working days lost: in-post (non-agency) workers only, as the absence rate's denominator.
 */
export function censusComponents(dataset: CensusDataset): CensusComponents {
  const { from, referenceDate } = censusYearDates(dataset.year);
  const employed = dataset.workers.filter((w) => !w.agency);
  const inPost = employed.filter((w) => w.inPost);
  const starters = employed.filter((w) => w.starter);
  const leavers = employed.filter(
    (w) => w.roleEndDate !== null && w.roleEndDate >= from && w.roleEndDate <= referenceDate,
  );
  const agency = dataset.workers.filter((w) => w.agency && w.inPost);
  const caseHolders = dataset.workers.filter((w) => w.inPost && (w.cases30 ?? 0) > 0);
  const fte = (w: CensusWorker): number => w.fte ?? 0;
  return {
    inpostFte: sum(inPost, fte),
    inpostHeadcount: inPost.length,
    startersFte: sum(starters, fte),
    startersHeadcount: starters.length,
    leaversFte: sum(leavers, fte),
    leaversHeadcount: leavers.length,
    agencyFte: sum(agency, fte),
    agencyHeadcount: agency.length,
    agencyCoverFte: round4(dataset.vacancies.agencyCoverFte),
    vacancyFte: round4(dataset.vacancies.vacancyFte),
    caseHoldersFte: sum(caseHolders, fte),
    cases: sum(caseHolders, (w) => w.cases30 ?? 0),
    workingDaysLost: sum(inPost, (w) => w.workingDaysLost ?? 0),
  };
}
