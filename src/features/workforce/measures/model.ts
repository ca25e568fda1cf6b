/**
 * One social worker's census record for a collection year (as at its reference date, 30
 * September), worked out from assignments, leavings, job roles' DfE mapping, caseload snapshots,
 * sickness absence and the census details. The measures area builds these (one per person after
 * de-duplication, the more senior role kept; agency records are not de-duplicated); the census
 * area writes them as XML and checks them; the measures sum them into CensusComponents.
 */
export interface CensusWorker {
  personId: string;
  /** For the pre-submission report only: never written to the XML. */
  displayName: string;
  /** The unit of the assignment the record describes (at the reference date, or when they left). */
  orgUnitId: string;
  agency: boolean;
  sweNumber: string | null;
  /** FTE of the role the record describes (at the reference date; when they left, for a leaver). */
  fte: number | null;
  /** DfE OrgRole 1-6 from the job role's mapping; null if the role is not mapped. */
  orgRole: number | null;
  /** The job role maps to a case-holding role (configuration). */
  caseHolderRole: boolean;
  /** Start of the continuous role in this authority (the assignment chain's first day). */
  roleStartDate: string | null;
  /** Started within the collection year (1 October to 30 September). */
  starter: boolean;
  /** In post (permanent or other non-agency contract) or on placement (agency) at the reference date. */
  inPost: boolean;
  /** Left within the collection year: the last day, reason (1-10) and destination (1-9). */
  roleEndDate: string | null;
  reasonLeave: number | null;
  leaverDestination: number | null;
  /** Cases held at the reference date (the caseload snapshot nearest on or before it); null if none. */
  cases30: number | null;
  /** Working days lost to sickness in the collection year; null if no absence figure. */
  workingDaysLost: number | null;
  /** Equality fields, HR only: written to the XML, never shown on the measures pages. */
  birthDate: string | null;
  gender: string | null;
  ethnicity: string | null;
  /** The census details HR keeps (null when none recorded). */
  qualificationInstitution: string | null;
  qualificationLevel: number | null;
  stepUpGrad: boolean | null;
  frontlineGrad: boolean | null;
  startOrigin: number | null;
  cfkssStatus: number | null;
}

/** The authority-level figures of a return (LALevelVacancies) and the measures' components. */
export interface CensusDataset {
  year: number;
  referenceDate: string;
  /** null: the whole authority; else the unit and everything below it. */
  orgUnitId: string | null;
  workers: CensusWorker[];
  vacancies: { vacancyFte: number; agencyCoverFte: number; agencyHeadcount: number };
}
