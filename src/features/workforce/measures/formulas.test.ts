import { describe, expect, it } from "vitest";
import { type CensusComponents, censusYearOf, dfeMeasures, oneDecimal } from "./formulas.js";

/** England, 2025, as published in csww_indicators_2017_to_2025.csv (components and rates). */
const england2025: CensusComponents = {
  inpostFte: 36186.3,
  inpostHeadcount: 38292,
  startersFte: 5837.8,
  startersHeadcount: 6043,
  leaversFte: 4276.3,
  leaversHeadcount: 4611,
  agencyFte: 5415.9,
  agencyHeadcount: 5566,
  agencyCoverFte: 4390.8,
  vacancyFte: 5965.4,
  caseHoldersFte: 21105.4,
  cases: 321661,
  workingDaysLost: 322786.3,
};

describe("the DfE's headline measures", () => {
  it("reproduce England's published 2025 rates from its published components", () => {
    const byKey = Object.fromEntries(dfeMeasures(england2025).map((m) => [m.key, m.value]));
    expect(byKey).toEqual({
      turnover_rate_fte: 11.8,
      turnover_rate_headcount: 12,
      vacancy_rate_fte: 14.2,
      agency_rate_fte: 13,
      agency_rate_headcount: 12.7,
      agency_cover_rate_fte: 81.1,
      vacancy_agency_cover_rate_fte: 73.6,
      caseload_fte: 15.2,
      absence_rate_fte: 3.5,
    });
  });

  it("shows each measure's inputs and answers null, not a division by zero, for an empty unit", () => {
    const zero = Object.fromEntries(
      Object.keys(england2025).map((k) => [k, 0]),
    ) as unknown as CensusComponents;
    const measures = dfeMeasures(zero);
    expect(measures.every((m) => m.value === null)).toBe(true);
    const turnover = dfeMeasures(england2025).find((m) => m.key === "turnover_rate_fte");
    expect(turnover?.inputs).toEqual([
      { label: "Leavers (FTE)", value: 4276.3 },
      { label: "In post (FTE)", value: 36186.3 },
    ]);
  });

  it("rounds half away from zero, as published", () => {
    expect(oneDecimal(12.25)).toBe(12.3);
    expect(oneDecimal(0.05)).toBe(0.1);
    expect(oneDecimal(14.149)).toBe(14.1);
  });

  it("puts 30 September in its own census year and 1 October in the next", () => {
    expect(censusYearOf("2026-09-30")).toBe(2026);
    expect(censusYearOf("2026-10-01")).toBe(2027);
    expect(censusYearOf("2026-01-15")).toBe(2026);
  });
});
