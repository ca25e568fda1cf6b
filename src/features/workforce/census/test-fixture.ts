import type { CensusDataset, CensusWorker } from "../measures/model.js";

let n = 0;

/** A complete, valid census record (a permanent case holder in post at 30 September 2026). */
export function censusWorker(overrides: Partial<CensusWorker> = {}): CensusWorker {
  n += 1;
  return {
    personId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    displayName: `Worker ${n}`,
    orgUnitId: "00000000-0000-4000-8000-aaaaaaaaaaaa",
    agency: false,
    sweNumber: `SW${10000 + n}`,
    fte: 1,
    orgRole: 5,
    caseHolderRole: true,
    roleStartDate: "2020-04-01",
    starter: false,
    inPost: true,
    roleEndDate: null,
    reasonLeave: null,
    leaverDestination: null,
    cases30: 15,
    workingDaysLost: 2.5,
    birthDate: "1985-06-01",
    gender: "2",
    ethnicity: "WBRI",
    qualificationInstitution: "University of Sussex",
    qualificationLevel: 2,
    stepUpGrad: false,
    frontlineGrad: false,
    startOrigin: 2,
    cfkssStatus: null,
    ...overrides,
  };
}

/** A census dataset for 2026 of these workers. */
export function censusDataset(workers: CensusWorker[]): CensusDataset {
  return {
    year: 2026,
    referenceDate: "2026-09-30",
    orgUnitId: null,
    workers,
    vacancies: { vacancyFte: 3.5, agencyCoverFte: 2, agencyHeadcount: 2 },
  };
}
