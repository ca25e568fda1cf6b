import type { IsoDate } from "../../../platform/dates.js";
import { type Cell, suppressCount } from "../../../platform/privacy/suppression.js";
import type { RecruitmentStage } from "../schema.js";
import { pipelineStages, type Reason, reasons } from "./codes.js";

/**
 * Recruitment's measures, pure, from each applicant's stage history:
 *
 * - time to hire: days from the advert opening to the offer being accepted, and from the
 *   application to the start date;
 * - offer to DBS clearance: days from the offer to DBS clearance;
 * - conversion: of those who reached a stage, the share who reached the next (an applicant who
 *   skipped a stage, or withdrew later, still reached it: the furthest stage counts);
 * - applicants by source, and why new starters applied (groups under 5 suppressed).
 *
 * Each measure takes the people whose deciding event falls in the period: applications for the
 * sources and conversion, the acceptance (advert to acceptance), the start (application to start),
 * the DBS clearance (offer to DBS), the start (starters' reasons).
 */
export interface StageEvent {
  stage: RecruitmentStage;
  on: IsoDate;
}

export interface ApplicantHistory {
  id: string;
  campaignId: string;
  advertOpensOn: IsoDate;
  source: string;
  reasons: string[];
  stage: RecruitmentStage;
  events: StageEvent[];
}

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export interface Summary {
  count: number;
  average: number | null;
  median: number | null;
}

export const inPeriod = (date: IsoDate | null, p: Period) => date !== null && date >= p.from && date <= p.to;

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const oneDecimal = (n: number) => Math.round(n * 10 + Number.EPSILON) / 10;

export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, average: null, median: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return {
    count: values.length,
    average: oneDecimal(values.reduce((a, b) => a + b, 0) / values.length),
    median: oneDecimal(median),
  };
}

/** The date the applicant reached a stage (the latest event at it), or null. */
export function reachedOn(a: ApplicantHistory, stage: RecruitmentStage): IsoDate | null {
  let on: IsoDate | null = null;
  for (const e of a.events) if (e.stage === stage && (on === null || e.on > on)) on = e.on;
  return on;
}

/** The date they applied: the applied event, else their earliest event. */
export function appliedOn(a: ApplicantHistory): IsoDate | null {
  return (
    reachedOn(a, "applied") ??
    a.events.reduce<IsoDate | null>((m, e) => (m === null || e.on < m ? e.on : m), null)
  );
}

/** The furthest stage in the pipeline they reached (withdrawn aside); everyone applied. */
export function furthest(a: ApplicantHistory): number {
  return Math.max(
    0,
    ...a.events.filter((e) => e.stage !== "withdrawn").map((e) => pipelineStages.indexOf(e.stage as never)),
  );
}

function spans(
  applicants: readonly ApplicantHistory[],
  period: Period,
  start: (a: ApplicantHistory) => IsoDate | null,
  end: (a: ApplicantHistory) => IsoDate | null,
): number[] {
  const out: number[] = [];
  for (const a of applicants) {
    const s = start(a);
    const e = end(a);
    if (s !== null && e !== null && inPeriod(e, period)) out.push(daysBetween(s, e));
  }
  return out;
}

/** Days from the advert opening to the offer accepted, for acceptances in the period. */
export function advertToAcceptance(applicants: readonly ApplicantHistory[], period: Period): Summary {
  return summarise(
    spans(
      applicants,
      period,
      (a) => a.advertOpensOn,
      (a) => reachedOn(a, "accepted"),
    ),
  );
}

/** Days from the application to the start, for starts in the period. */
export function applicationToStart(applicants: readonly ApplicantHistory[], period: Period): Summary {
  return summarise(spans(applicants, period, appliedOn, (a) => reachedOn(a, "started")));
}

/** Days from the offer to DBS clearance, for clearances in the period. */
export function offerToDbs(applicants: readonly ApplicantHistory[], period: Period): Summary {
  return summarise(
    spans(
      applicants,
      period,
      (a) => reachedOn(a, "offered"),
      (a) => reachedOn(a, "dbs_cleared"),
    ),
  );
}

export interface ConversionStep {
  stage: RecruitmentStage;
  reached: number;
  /** To the next stage: the share of those who reached this stage who reached the next, as a percentage. */
  next: RecruitmentStage | null;
  nextReached: number | null;
  percent: number | null;
}

/** Stage to stage conversion for the applications made in the period. */
export function conversion(applicants: readonly ApplicantHistory[], period: Period): ConversionStep[] {
  const cohort = applicants.filter((a) => inPeriod(appliedOn(a), period)).map(furthest);
  const reached = pipelineStages.map((_, i) => cohort.filter((f) => f >= i).length);
  return pipelineStages.map((stage, i) => {
    const next = pipelineStages[i + 1] ?? null;
    const here = reached[i] as number;
    const there = next ? (reached[i + 1] as number) : null;
    return {
      stage,
      reached: here,
      next,
      nextReached: there,
      percent: there === null || here === 0 ? null : oneDecimal((there / here) * 100),
    };
  });
}

/** Applications in the period by source, every channel given (zeros included), most first. */
export function bySource(
  applicants: readonly ApplicantHistory[],
  period: Period,
  sources: readonly string[],
) {
  const counts = new Map(sources.map((s) => [s, 0]));
  for (const a of applicants)
    if (inPeriod(appliedOn(a), period)) counts.set(a.source, (counts.get(a.source) ?? 0) + 1);
  return [...counts].map(([source, count]) => ({ source, count })).sort((a, b) => b.count - a.count);
}

/**
 * Why the people who started in the period applied: for each reason, how many gave it (one
 * starter may give several). Counts of 1 to 4 are suppressed, since they sit beside who started.
 */
export function starterReasons(applicants: readonly ApplicantHistory[], period: Period) {
  const starters = applicants.filter((a) => inPeriod(reachedOn(a, "started"), period));
  return {
    starters: starters.length,
    reasons: reasons.map((reason: Reason) => {
      const count = starters.filter((a) => a.reasons.includes(reason)).length;
      return { reason, count, cell: suppressCount(count) as Cell };
    }),
  };
}
