import { z } from "zod";
import { SWE_NUMBER } from "../../people/reference/domain.js";
import { type FeedColumn, feedDate } from "./csv.js";

/** The managed service provider's placements file. */
export const agencyColumns = [
  { key: "placement_ref", heading: "Placement reference", names: ["placement_reference", "placement_ref"] },
  { key: "agency", heading: "Agency", names: ["agency", "agency_name"] },
  { key: "worker_id", heading: "Worker ID", names: ["worker_id", "worker_reference"] },
  { key: "given_name", heading: "First name", names: ["first_name", "given_name", "forename"] },
  { key: "family_name", heading: "Last name", names: ["last_name", "family_name", "surname"] },
  { key: "swe_number", heading: "SWE number", names: ["swe_number", "swe_registration_number", "swe_no"] },
  { key: "team_code", heading: "Team code", names: ["team_code"] },
  { key: "job_role_code", heading: "Job role code", names: ["job_role_code", "role_code"] },
  { key: "post_reference", heading: "Post reference", names: ["post_reference", "post_ref"], optional: true },
  { key: "fte", heading: "FTE", names: ["fte"] },
  { key: "start_date", heading: "Start date", names: ["start_date", "starts_on", "placement_start"] },
  { key: "end_date", heading: "End date", names: ["end_date", "ends_on", "placement_end"], optional: true },
  {
    key: "effective_date",
    heading: "Effective date",
    names: ["effective_date", "change_date", "effective_from"],
    optional: true,
  },
] as const satisfies readonly FeedColumn[];

/** HR's sickness absence file. */
export const absenceColumns = [
  { key: "employee_id", heading: "Employee ID", names: ["employee_id", "employee_number", "staff_id"] },
  { key: "period_start", heading: "Period start", names: ["period_start", "from", "start_date"] },
  { key: "period_end", heading: "Period end", names: ["period_end", "to", "end_date"] },
  {
    key: "days_lost",
    heading: "Working days lost",
    names: ["working_days_lost", "days_lost", "working_days_lost_to_sickness"],
  },
] as const satisfies readonly FeedColumn[];

/** The case management system's stability file. */
export const stabilityColumns = [
  { key: "census_year", heading: "Census year", names: ["census_year", "year"] },
  { key: "team_code", heading: "Team code", names: ["team_code"] },
  { key: "children", heading: "Children", names: ["children"] },
  {
    key: "three_plus",
    heading: "Children with 3 or more social workers",
    names: ["children_with_3_or_more_social_workers", "children_three_plus", "three_or_more_social_workers"],
  },
] as const satisfies readonly FeedColumn[];

const required = (label: string, max: number) =>
  z
    .string()
    .min(1, `Enter the ${label}`)
    .max(max, `${label[0]?.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`);

const date = (label: string) =>
  z.string().transform((v, ctx) => {
    const d = feedDate(v);
    if (d) return d;
    ctx.addIssue({
      code: "custom",
      message:
        v === ""
          ? `Enter the ${label}`
          : `${label[0]?.toUpperCase()}${label.slice(1)} must be a real date, like 2026-10-31 or 31/10/2026`,
    });
    return z.NEVER;
  });

const optionalDate = (label: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return null;
      const d = feedDate(v);
      if (d) return d;
      ctx.addIssue({
        code: "custom",
        message: `${label[0]?.toUpperCase()}${label.slice(1)} must be a real date, like 2026-10-31 or 31/10/2026`,
      });
      return z.NEVER;
    });

const wholeNumber = (label: string, max: number) =>
  z.string().transform((v, ctx) => {
    if (/^\d{1,9}$/.test(v) && Number(v) <= max) return Number(v);
    ctx.addIssue({
      code: "custom",
      message:
        v === ""
          ? `Enter the ${label}`
          : `${label[0]?.toUpperCase()}${label.slice(1)} must be a whole number from 0 to ${max}`,
    });
    return z.NEVER;
  });

export const agencyRow = z
  .object({
    placement_ref: required("placement reference", 60),
    agency: required("agency", 120),
    worker_id: required("worker ID", 50),
    given_name: required("first name", 100),
    family_name: required("last name", 100),
    swe_number: z
      .string()
      .transform((v) => v.replace(/\s+/g, "").toUpperCase())
      .refine(
        (v) => v === "" || SWE_NUMBER.test(v),
        "SWE number must be SW followed by up to 6 numbers, like SW12345",
      )
      .transform((v) => (v === "" ? null : v)),
    team_code: required("team code", 50),
    job_role_code: required("job role code", 50),
    post_reference: z
      .string()
      .max(50, "Post reference must be 50 characters or fewer")
      .optional()
      .transform((v) => (v ? v : null)),
    fte: z.string().transform((v, ctx) => {
      const n = /^\d*\.?\d+$/.test(v) ? Number(v) : Number.NaN;
      if (n > 0 && n <= 1.5) return Math.round(n * 100) / 100;
      ctx.addIssue({
        code: "custom",
        message:
          v === "" ? "Enter the FTE" : "FTE must be a number more than 0 and no more than 1.5, like 0.8",
      });
      return z.NEVER;
    }),
    start_date: date("start date"),
    end_date: optionalDate("end date"),
    effective_date: optionalDate("effective date"),
  })
  .refine((r) => r.end_date === null || r.end_date >= r.start_date, {
    message: "End date must be the same as or after the start date",
    path: ["end_date"],
  });
export type AgencyRow = z.output<typeof agencyRow>;

export const absenceRow = z
  .object({
    employee_id: required("employee ID", 50),
    period_start: date("period start"),
    period_end: date("period end"),
    days_lost: z.string().transform((v, ctx) => {
      const n = /^\d{1,3}(\.\d{1,2})?$/.test(v) ? Number(v) : Number.NaN;
      if (n >= 0 && n <= 366) return n;
      ctx.addIssue({
        code: "custom",
        message:
          v === ""
            ? "Enter the working days lost"
            : "Working days lost must be a number from 0 to 366 with at most 2 decimal places, like 2.5",
      });
      return z.NEVER;
    }),
  })
  .refine((r) => r.period_end >= r.period_start, {
    message: "Period end must be the same as or after the period start",
    path: ["period_end"],
  })
  .refine(
    (r) => r.period_end < r.period_start || r.days_lost <= daysBetween(r.period_start, r.period_end) + 1,
    {
      message: "Working days lost cannot be more than the days in the period",
      path: ["days_lost"],
    },
  );
export type AbsenceRow = z.output<typeof absenceRow>;

export const stabilityRow = z
  .object({
    census_year: z.string().transform((v, ctx) => {
      if (/^\d{4}$/.test(v) && Number(v) >= 2000 && Number(v) <= 2100) return Number(v);
      ctx.addIssue({
        code: "custom",
        message: v === "" ? "Enter the census year" : "Census year must be a year like 2026",
      });
      return z.NEVER;
    }),
    team_code: z
      .string()
      .max(50, "Team code must be 50 characters or fewer")
      .transform((v) => (v === "" ? null : v)),
    children: wholeNumber("children", 1_000_000),
    three_plus: wholeNumber("children with 3 or more social workers", 1_000_000),
  })
  .refine((r) => r.three_plus <= r.children, {
    message: "Children with 3 or more social workers cannot be more than the children",
    path: ["three_plus"],
  });
export type StabilityRow = z.output<typeof stabilityRow>;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Checks a row's cells: the data, or every distinct message (in column order) joined. */
export function checkRow<S extends z.ZodType>(
  schema: S,
  cells: Record<string, string>,
): { ok: true; data: z.output<S> } | { ok: false; message: string } {
  const result = schema.safeParse(cells);
  if (result.success) return { ok: true, data: result.data as z.output<S> };
  const messages = [...new Set(result.error.issues.map((i) => i.message))];
  return { ok: false, message: messages.join(". ") };
}
