import type { IsoDate } from "../../../platform/dates.js";

/**
 * The forecast's projection of the social work workforce, month by month: a pure function of
 * today's figures, the assumptions and the early career pipeline, so it can be worked by hand.
 *
 * Each month m (1 = the month after today's):
 *   leavers     = established FTE at the start of the month x annual turnover / 100 / 12
 *   established = established - leavers + recruits + agency conversions
 *                 + FTE of NQSWs completing the programme that month x retention / 100
 *   NQSW FTE    = NQSW FTE + NQSWs starting that month - NQSWs completing that month
 *   permanent   = established + NQSW FTE
 *   establishment = today's establishment + the change assumed (from month 1)
 *   agency need = max(0, establishment - permanent)
 * NQSWs on the programme are kept out of the turnover: whether they stay is decided when they
 * complete (the retention rate). Today's permanent FTE includes NQSWs already in post.
 */
export interface ProjectionInput {
  today: IsoDate;
  horizonMonths: number;
  establishmentFte: number;
  establishmentChangeFte: number;
  permanentFte: number;
  annualTurnoverPercent: number;
  recruitsPerMonth: number;
  earlyCareerRetentionPercent: number;
  agencyConversionsPerMonth: number;
  /** Active NQSWs on the early career programme: start (today or before: in post now) and end. */
  enrolments: readonly { startOn: IsoDate; endOn: IsoDate; fte: number }[];
}

export interface ProjectedMonth {
  /** yyyy-mm */
  month: string;
  index: number;
  establishment: number;
  leavers: number;
  recruits: number;
  conversions: number;
  nqswStarting: number;
  nqswCompleting: number;
  nqswRetained: number;
  permanent: number;
  agencyNeed: number;
}

export interface Projection {
  start: { establishment: number; permanent: number; agencyNeed: number; nqswInPost: number };
  months: ProjectedMonth[];
}

/** Months from the month of `from` to the month of `to` (same month: 0). */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

/** The yyyy-mm of the month `n` months after the month of `date`. */
export function monthAfter(date: IsoDate, n: number): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}

export function project(input: ProjectionInput): Projection {
  const { today } = input;
  const inPost = input.enrolments.filter((e) => e.startOn <= today && e.endOn > today);
  const future = input.enrolments.filter((e) => e.startOn > today);
  // A date this month but after today falls in month 1 (the first month projected).
  const monthOf = (date: IsoDate) => Math.max(1, monthsBetween(today, date));
  let nqsw = inPost.reduce((s, e) => s + e.fte, 0);
  let established = Math.max(0, input.permanentFte - nqsw);
  const establishment = Math.max(0, input.establishmentFte + input.establishmentChangeFte);
  const months: ProjectedMonth[] = [];
  for (let index = 1; index <= input.horizonMonths; index += 1) {
    const leavers = (established * input.annualTurnoverPercent) / 100 / 12;
    const nqswStarting = future.filter((e) => monthOf(e.startOn) === index).reduce((s, e) => s + e.fte, 0);
    const nqswCompleting = [...inPost, ...future]
      .filter((e) => monthOf(e.endOn) === index)
      .reduce((s, e) => s + e.fte, 0);
    const nqswRetained = (nqswCompleting * input.earlyCareerRetentionPercent) / 100;
    established =
      established - leavers + input.recruitsPerMonth + input.agencyConversionsPerMonth + nqswRetained;
    nqsw = nqsw + nqswStarting - nqswCompleting;
    const permanent = established + nqsw;
    months.push({
      month: monthAfter(today, index),
      index,
      establishment,
      leavers,
      recruits: input.recruitsPerMonth,
      conversions: input.agencyConversionsPerMonth,
      nqswStarting,
      nqswCompleting,
      nqswRetained,
      permanent,
      agencyNeed: Math.max(0, establishment - permanent),
    });
  }
  return {
    start: {
      establishment: input.establishmentFte,
      permanent: input.permanentFte,
      agencyNeed: Math.max(0, input.establishmentFte - input.permanentFte),
      nqswInPost: inPost.reduce((s, e) => s + e.fte, 0),
    },
    months,
  };
}

/** Turnover over the last 12 months as a percentage: leavers FTE / average in-post FTE x 100. */
export function turnoverPercent(leaversFte: number, averageInPostFte: number): number {
  return averageInPostFte > 0 ? (leaversFte / averageInPostFte) * 100 : 0;
}
