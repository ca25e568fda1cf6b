import type { Direction } from "../schema.js";

/**
 * The measure library: every measure the scorecard, targets, snapshots and board report know,
 * defined once. `computed` measures are worked out from the platform's data for any unit and
 * date (library/compute.ts); `entered` ones are held elsewhere (case management, quality
 * assurance) and entered or imported per month, and are marked as such wherever shown.
 */
export const measureKeys = [
  // Who the workforce is
  "permanent_social_workers",
  "agency_rate",
  "vacancy_rate",
  "turnover_rate",
  // The conditions for practice
  "average_caseload",
  "nqsw_caseload",
  "nqsw_protected_time",
  "supervision_in_date",
  "appraisal_completion",
  // Learning and development
  "mandatory_training",
  "cpd_readiness",
  "asye_completion",
  "asye_retention",
  "students_per_year",
  // Held elsewhere: entered or imported per month
  "assessments_in_45_days",
  "visits_in_time",
  "children_max_three_social_workers",
  "audits_good_or_better",
  "audits_inadequate",
] as const;
export type MeasureKey = (typeof measureKeys)[number];

export type MeasureFormat = "percent" | "number" | "count";
export type MeasureSource = "computed" | "entered";
export type MeasureGroup = "workforce" | "practice" | "development" | "quality";

export interface MeasureDefinition {
  key: MeasureKey;
  title: string;
  /** What it counts, in the words a board paper would use, with the formula. */
  definition: string;
  format: MeasureFormat;
  source: MeasureSource;
  /** Which way is better, the default for a new target. */
  direction: Direction;
  group: MeasureGroup;
  /** Words for the numerator and denominator in tables ("in date", "people due"). */
  numerator: string;
  denominator: string;
  /**
   * A value counting 1 to 4 people is held back, its numerator and denominator with it: the people
   * behind the denominator, each once, whatever its unit (FTE, requirements, the case holders
   * whose FTE an average caseload divides by). Every computed percentage, and the two caseloads.
   */
  suppressSmall: boolean;
}

export const groupTitles: Record<MeasureGroup, string> = {
  workforce: "Who the workforce is",
  practice: "The conditions for practice",
  development: "Learning and development",
  quality: "Practice and its quality (entered)",
};

const d = (definition: Omit<MeasureDefinition, "suppressSmall"> & { suppressSmall?: boolean }) => ({
  suppressSmall: definition.format === "percent" && definition.source === "computed",
  ...definition,
});

export const measureDefinitions: Record<MeasureKey, MeasureDefinition> = {
  permanent_social_workers: d({
    key: "permanent_social_workers",
    title: "Permanent social workers",
    definition:
      "Social work qualified FTE employed by the council (any contract but agency or locum: permanent, fixed term, secondee, apprentice; each person at most 1 FTE) as a percentage of all social work qualified FTE in post, employed and agency, on the date.",
    format: "percent",
    source: "computed",
    direction: "higher",
    group: "workforce",
    numerator: "Employed FTE",
    denominator: "All social worker FTE",
  }),
  agency_rate: d({
    key: "agency_rate",
    title: "Agency rate",
    definition:
      "Agency and locum social worker FTE as a percentage of all social work qualified FTE in post (agency and locum plus employed) on the date, as the DfE's census defines it.",
    format: "percent",
    source: "computed",
    direction: "lower",
    group: "workforce",
    numerator: "Agency FTE",
    denominator: "All social worker FTE",
  }),
  vacancy_rate: d({
    key: "vacancy_rate",
    title: "Vacancy rate",
    definition:
      "Social worker posts' FTE with no employed holder on the date (post FTE less its employed holders' FTE) as a percentage of vacant FTE plus employed social worker FTE in post (the DfE's vacancy rate).",
    format: "percent",
    source: "computed",
    direction: "lower",
    group: "workforce",
    numerator: "Vacant FTE",
    denominator: "Establishment FTE",
  }),
  turnover_rate: d({
    key: "turnover_rate",
    title: "Turnover rate",
    definition:
      "FTE of employed social workers who left in the 12 months to the date as a percentage of employed social worker FTE in post on the date (the DfE's turnover rate over a rolling year).",
    format: "percent",
    source: "computed",
    direction: "lower",
    group: "workforce",
    numerator: "Leavers' FTE (12 months)",
    denominator: "Employed FTE",
  }),
  average_caseload: d({
    key: "average_caseload",
    title: "Average caseload",
    definition:
      "Children allocated to case-holding social workers (agency included) in the latest caseload snapshot on or before the date, divided by those social workers' FTE. Not shown where fewer than 5 social workers are counted.",
    format: "number",
    source: "computed",
    direction: "lower",
    group: "practice",
    numerator: "Children",
    denominator: "Case holders' FTE",
    suppressSmall: true,
  }),
  nqsw_caseload: d({
    key: "nqsw_caseload",
    title: "NQSW average caseload",
    definition:
      "Children allocated to newly qualified social workers in their ASYE (latest caseload snapshot on or before the date) divided by the number of those NQSWs with an entry in that snapshot: the caseload their protection caps. Not shown where fewer than 5 NQSWs are counted.",
    format: "number",
    source: "computed",
    direction: "lower",
    group: "practice",
    numerator: "Children",
    denominator: "NQSWs with a caseload",
    suppressSmall: true,
  }),
  nqsw_protected_time: d({
    key: "nqsw_protected_time",
    title: "NQSW protected development time",
    definition:
      "The development time NQSWs in their ASYE last recorded on or before the date (each protection check's percentage of their time), weighted by their FTE: development FTE as a percentage of their contracted FTE.",
    format: "percent",
    source: "computed",
    direction: "higher",
    group: "practice",
    numerator: "Development FTE",
    denominator: "NQSWs' FTE",
  }),
  supervision_in_date: d({
    key: "supervision_in_date",
    title: "Supervision in date",
    definition:
      "People whose supervision is in date (the last one within the frequency their policy sets; due soon counts as in date) as a percentage of the people due supervision on the date.",
    format: "percent",
    source: "computed",
    direction: "higher",
    group: "practice",
    numerator: "In date",
    denominator: "People due supervision",
  }),
  appraisal_completion: d({
    key: "appraisal_completion",
    title: "Appraisal completion",
    definition:
      "People in post at the start of the latest appraisal cycle whose completion was due by the date (the last round that can be judged; a round under way is not counted until it is due) who completed their appraisal, as a percentage of them.",
    format: "percent",
    source: "computed",
    direction: "higher",
    group: "practice",
    numerator: "Completed",
    denominator: "People in the cycle",
  }),
  mandatory_training: d({
    key: "mandatory_training",
    title: "Mandatory training compliance",
    definition:
      "Mandatory training requirements that staff in post on the date meet or are not yet due for (complete and in date, due soon or in a renewal's grace period, not yet due, exempt or paused) as a percentage of the requirements that apply to them.",
    format: "percent",
    source: "computed",
    direction: "higher",
    group: "development",
    numerator: "Requirements met",
    denominator: "Requirements that apply",
  }),
  cpd_readiness: d({
    key: "cpd_readiness",
    title: "CPD ready for renewal",
    definition:
      "Registered social workers working on the date whose CPD log, dated from the registration year's start to the date, meets Social Work England's requirement (at least two different final pieces, one with a peer reflection), as a percentage of those who must record CPD that year (not those first registered in the renewal window; suspended or removed registrations left out).",
    format: "percent",
    source: "computed",
    direction: "higher",
    group: "development",
    numerator: "Ready",
    denominator: "Registered social workers",
  }),
  asye_completion: d({
    key: "asye_completion",
    title: "ASYE completion",
    definition:
      "NQSWs whose ASYE outcome, recorded in the 12 months to the date, was a pass, as a percentage of all passes and fails in those months. Withdrawals are not dated in the records and are not counted.",
    format: "percent",
    source: "computed",
    direction: "higher",
    group: "development",
    numerator: "Passed",
    denominator: "ASYE outcomes",
  }),
  asye_retention: d({
    key: "asye_retention",
    title: "Retention after ASYE",
    definition:
      "Social workers who passed their ASYE between 24 and 12 months before the date and are still employed (holding any assignment) on the date, as a percentage of them.",
    format: "percent",
    source: "computed",
    direction: "higher",
    group: "development",
    numerator: "Still employed",
    denominator: "Passed ASYE a year before",
  }),
  students_per_year: d({
    key: "students_per_year",
    title: "Social work students",
    definition:
      "People on a student contract whose placement started in the 12 months to the date, each counted once.",
    format: "count",
    source: "computed",
    direction: "higher",
    group: "development",
    numerator: "Students",
    denominator: "",
  }),
  assessments_in_45_days: d({
    key: "assessments_in_45_days",
    title: "Assessments within 45 days",
    definition:
      "Children's social care assessments completed within 45 working days as a percentage of assessments completed in the month. From the case management system: entered or imported.",
    format: "percent",
    source: "entered",
    direction: "higher",
    group: "quality",
    numerator: "Within 45 days",
    denominator: "Assessments completed",
  }),
  visits_in_time: d({
    key: "visits_in_time",
    title: "CP and LAC visits in time",
    definition:
      "Children on a child protection plan or looked after who were visited in accordance with procedures, as a percentage of those children. From the case management system: entered or imported.",
    format: "percent",
    source: "entered",
    direction: "higher",
    group: "quality",
    numerator: "Visited in time",
    denominator: "Children due a visit",
  }),
  children_max_three_social_workers: d({
    key: "children_max_three_social_workers",
    title: "Children with at most 3 social workers",
    definition:
      "Children who have had at most 3 social workers in their pathway from assessment, as a percentage of children open to social care. From the case management system: entered or imported.",
    format: "percent",
    source: "entered",
    direction: "higher",
    group: "quality",
    numerator: "At most 3 social workers",
    denominator: "Children",
  }),
  audits_good_or_better: d({
    key: "audits_good_or_better",
    title: "Casework audits good or better",
    definition:
      "Audited cases judged good or outstanding as a percentage of cases audited in the month. From the casework audit programme: entered or imported until quality assurance is built.",
    format: "percent",
    source: "entered",
    direction: "higher",
    group: "quality",
    numerator: "Good or better",
    denominator: "Cases audited",
  }),
  audits_inadequate: d({
    key: "audits_inadequate",
    title: "Casework audits inadequate",
    definition:
      "Audited cases judged inadequate as a percentage of cases audited in the month. From the casework audit programme: entered or imported until quality assurance is built.",
    format: "percent",
    source: "entered",
    direction: "lower",
    group: "quality",
    numerator: "Inadequate",
    denominator: "Cases audited",
  }),
};

export function isMeasureKey(value: unknown): value is MeasureKey {
  return typeof value === "string" && (measureKeys as readonly string[]).includes(value);
}

export const computedKeys = measureKeys.filter((k) => measureDefinitions[k].source === "computed");
export const enteredKeys = measureKeys.filter((k) => measureDefinitions[k].source === "entered");

/** A numerator's or denominator's words inside a sentence: "All social worker FTE" as "all social worker FTE"; "NQSWs ..." kept. */
export function inSentence(words: string): string {
  return /^[A-Z][A-Z]/.test(words) ? words : words.charAt(0).toLowerCase() + words.slice(1);
}
