import { addDays, type IsoDate } from "../../../../platform/dates.js";
import { addYears } from "../../../early-career/dashboard/retention.js";

/** The first day of the 12 months to a date: 31 October 2026 gives 1 November 2025. */
export function yearBefore(asAt: IsoDate): IsoDate {
  return addDays(addYears(asAt, -1), 1);
}

/** The first day of the 24 months to a date. */
export function twoYearsBefore(asAt: IsoDate): IsoDate {
  return addDays(addYears(asAt, -2), 1);
}
