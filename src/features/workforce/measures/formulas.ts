/**
 * The DfE's headline workforce measures, as the children's social work workforce statistics
 * define them (as at 30 September; FTE = contracted hours / full-time hours). Pure: the census
 * area works out the components from worker records; benchmarking reads them from the published
 * file. Each measure carries its formula in words and its inputs, so a page can show them beside
 * the figure.
 */
export interface CensusComponents {
  /** FTE of social workers in post (not agency) at 30 September. */
  inpostFte: number;
  inpostHeadcount: number;
  /** FTE and headcount of social workers who started in the year to 30 September. */
  startersFte: number;
  startersHeadcount: number;
  /** FTE and headcount of social workers who left in the year to 30 September. */
  leaversFte: number;
  leaversHeadcount: number;
  /** Agency social workers at 30 September (not de-duplicated). */
  agencyFte: number;
  agencyHeadcount: number;
  /** FTE of agency workers covering a vacancy. */
  agencyCoverFte: number;
  /** FTE of vacant social worker posts at 30 September (covered by agency or not). */
  vacancyFte: number;
  /** FTE of social workers (agency included) holding at least one case at 30 September. */
  caseHoldersFte: number;
  /** Cases held at 30 September by those case holders. */
  cases: number;
  /** Working days lost to sickness in the year by social workers in post. */
  workingDaysLost: number;
}

export const measureKeys = [
  "turnover_rate_fte",
  "turnover_rate_headcount",
  "vacancy_rate_fte",
  "agency_rate_fte",
  "agency_rate_headcount",
  "agency_cover_rate_fte",
  "vacancy_agency_cover_rate_fte",
  "caseload_fte",
  "absence_rate_fte",
] as const;
export type MeasureKey = (typeof measureKeys)[number];

export interface MeasureInput {
  label: string;
  value: number;
}

export interface Measure {
  key: MeasureKey;
  name: string;
  /** Percent, or children per FTE for the average caseload; null when the denominator is 0. */
  value: number | null;
  unit: "percent" | "cases";
  formula: string;
  inputs: MeasureInput[];
}

/** Rounded to one decimal place, half away from zero, as the DfE publishes. */
export function oneDecimal(value: number): number {
  const sign = value < 0 ? -1 : 1;
  return (sign * Math.round(Math.abs(value) * 10 + 1e-9)) / 10;
}

const ratio = (top: number, bottom: number, scale: number): number | null =>
  bottom > 0 ? oneDecimal((top / bottom) * scale) : null;

/** The working days in a year the absence rate's denominator uses (see workforce_settings). */
export const DEFAULT_WORKING_DAYS = 253;

/**
 * Each measure from its components. Absence rate = working days lost / (FTE in post x working
 * days in the year): the DfE does not publish its denominator; 253 working days reproduces 1,395
 * of the 1,444 published rates of 2017 to 2025 (the rest differ by rounding of the published FTE).
 */
export function dfeMeasures(c: CensusComponents, workingDays = DEFAULT_WORKING_DAYS): Measure[] {
  const fte = (label: string, value: number): MeasureInput => ({ label, value });
  return [
    {
      key: "turnover_rate_fte",
      name: "Turnover rate (FTE)",
      value: ratio(c.leaversFte, c.inpostFte, 100),
      unit: "percent",
      formula: "Leavers in the year (FTE) ÷ social workers in post at 30 September (FTE) × 100",
      inputs: [fte("Leavers (FTE)", c.leaversFte), fte("In post (FTE)", c.inpostFte)],
    },
    {
      key: "turnover_rate_headcount",
      name: "Turnover rate (headcount)",
      value: ratio(c.leaversHeadcount, c.inpostHeadcount, 100),
      unit: "percent",
      formula: "Leavers in the year ÷ social workers in post at 30 September × 100 (headcount)",
      inputs: [fte("Leavers", c.leaversHeadcount), fte("In post", c.inpostHeadcount)],
    },
    {
      key: "vacancy_rate_fte",
      name: "Vacancy rate (FTE)",
      value: ratio(c.vacancyFte, c.vacancyFte + c.inpostFte, 100),
      unit: "percent",
      formula: "Vacancies (FTE) ÷ (vacancies (FTE) + social workers in post (FTE)) × 100",
      inputs: [fte("Vacancies (FTE)", c.vacancyFte), fte("In post (FTE)", c.inpostFte)],
    },
    {
      key: "agency_rate_fte",
      name: "Agency worker rate (FTE)",
      value: ratio(c.agencyFte, c.agencyFte + c.inpostFte, 100),
      unit: "percent",
      formula: "Agency workers (FTE) ÷ (agency workers (FTE) + social workers in post (FTE)) × 100",
      inputs: [fte("Agency workers (FTE)", c.agencyFte), fte("In post (FTE)", c.inpostFte)],
    },
    {
      key: "agency_rate_headcount",
      name: "Agency worker rate (headcount)",
      value: ratio(c.agencyHeadcount, c.agencyHeadcount + c.inpostHeadcount, 100),
      unit: "percent",
      formula: "Agency workers ÷ (agency workers + social workers in post) × 100 (headcount)",
      inputs: [fte("Agency workers", c.agencyHeadcount), fte("In post", c.inpostHeadcount)],
    },
    {
      key: "agency_cover_rate_fte",
      name: "Agency cover rate (FTE)",
      value: ratio(c.agencyCoverFte, c.agencyFte, 100),
      unit: "percent",
      formula: "Agency workers covering vacancies (FTE) ÷ agency workers (FTE) × 100",
      inputs: [
        fte("Agency covering vacancies (FTE)", c.agencyCoverFte),
        fte("Agency workers (FTE)", c.agencyFte),
      ],
    },
    {
      key: "vacancy_agency_cover_rate_fte",
      name: "Vacancies covered by agency (FTE)",
      value: ratio(c.agencyCoverFte, c.vacancyFte, 100),
      unit: "percent",
      formula: "Agency workers covering vacancies (FTE) ÷ vacancies (FTE) × 100",
      inputs: [
        fte("Agency covering vacancies (FTE)", c.agencyCoverFte),
        fte("Vacancies (FTE)", c.vacancyFte),
      ],
    },
    {
      key: "caseload_fte",
      name: "Average caseload (FTE)",
      value: ratio(c.cases, c.caseHoldersFte, 1),
      unit: "cases",
      formula:
        "Cases held at 30 September ÷ FTE of social workers (agency included) holding at least one case",
      inputs: [fte("Cases", c.cases), fte("Case holders (FTE)", c.caseHoldersFte)],
    },
    {
      key: "absence_rate_fte",
      name: "Sickness absence rate",
      value: ratio(c.workingDaysLost, c.inpostFte * workingDays, 100),
      unit: "percent",
      formula: `Working days lost to sickness ÷ (social workers in post (FTE) × ${workingDays} working days) × 100`,
      inputs: [
        fte("Working days lost", c.workingDaysLost),
        fte("In post (FTE)", c.inpostFte),
        fte("Working days in the year", workingDays),
      ],
    },
  ];
}

/** The census year a date falls in: the year to 30 September (1 October 2025 to 30 September 2026 is 2026). */
export function censusYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return isoDate.slice(5) > "09-30" ? year + 1 : year;
}

/** The census year's reference date and the first day of its year. */
export function censusYearDates(year: number): { from: string; referenceDate: string } {
  return { from: `${year - 1}-10-01`, referenceDate: `${year}-09-30` };
}
