import { z } from "zod";
import type { Place } from "../../places.js";

export const MAX_COMPARATORS = 10;

const text = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === "string" ? v.trim() : Array.isArray(v) ? String(v[0] ?? "").trim() : ""));
const list = z
  .unknown()
  .optional()
  .transform((v) => (Array.isArray(v) ? v.map(String) : typeof v === "string" && v !== "" ? [v] : []));

/** What a POST may hold at all (the page checks the choices against the loaded files). */
export const settingsShape = z.object({}).passthrough();

/**
 * `/workforce/settings`: the authority in the DfE's files (or, for one not in them, its LEA number
 * and region), up to 10 comparator authorities and the working days per year for the absence rate.
 */
export function settingsForm(las: Place[], regionList: Place[]) {
  const laCodes = new Set(las.map((l) => l.code));
  const regionCodes = new Set(regionList.map((r) => r.code));
  return z
    .object({
      la_code: text,
      lea_number: text,
      region_code: text,
      comparator_codes: list,
      working_days_per_year: text,
    })
    .superRefine((f, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      if (f.la_code !== "") {
        if (!laCodes.has(f.la_code)) issue("la_code", "Select your authority from the list");
      } else {
        if (f.lea_number === "")
          issue("lea_number", "Enter your authority's LEA number, or select your authority from the list");
        else if (!/^\d{3}$/.test(f.lea_number)) issue("lea_number", "LEA number must be 3 digits, like 881");
        if (f.region_code === "") issue("region_code", "Select your authority's region");
        else if (!regionCodes.has(f.region_code))
          issue("region_code", "Select your authority's region from the list");
      }
      if (f.comparator_codes.some((c) => !laCodes.has(c)))
        issue("comparator_codes", "Select comparator authorities from the list");
      else if (f.comparator_codes.length > MAX_COMPARATORS)
        issue("comparator_codes", `Select up to ${MAX_COMPARATORS} comparator authorities`);
      else if (f.la_code !== "" && f.comparator_codes.includes(f.la_code))
        issue("comparator_codes", "Your own authority cannot be one of its comparators");
      const days = f.working_days_per_year;
      if (days === "") issue("working_days_per_year", "Enter the working days in a year");
      else if (!/^\d+$/.test(days) || Number(days) < 200 || Number(days) > 366)
        issue("working_days_per_year", "Working days in a year must be a whole number from 200 to 366");
    })
    .transform((f) => {
      const la = las.find((l) => l.code === f.la_code) ?? null;
      return {
        laCode: la?.code ?? null,
        leaNumber: la ? leaNumberOf(la, f.lea_number) : f.lea_number,
        regionCode: la ? la.regionCode : f.region_code,
        comparatorCodes: [...new Set(f.comparator_codes)],
        workingDaysPerYear: Number(f.working_days_per_year),
      };
    });
}

/**
 * The LEA number of a chosen authority. Two authorities reporting together ("940 / 941"): the one
 * typed if it is one of them, else the first.
 */
function leaNumberOf(la: Place, typed: string): string | null {
  const numbers = (la.oldLaCode ?? "").split(" / ").filter((n) => /^\d{3}$/.test(n));
  return numbers.includes(typed) ? typed : (numbers[0] ?? null);
}
