import { z } from "zod";

/** A number field: blank allowed when `optional` (null), else a number in range with at most 2 decimals. */
function numberField(options: {
  label: string;
  enter: string;
  min: number;
  max: number;
  optional?: boolean;
  whole?: boolean;
}) {
  const range = `${options.label} must be a number from ${options.min} to ${options.max}`;
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      const text = (v ?? "").trim();
      if (text === "") {
        if (options.optional) return null;
        ctx.addIssue({ code: "custom", message: options.enter });
        return z.NEVER;
      }
      const pattern = options.whole ? /^-?\d+$/ : /^-?\d+(\.\d{1,2})?$/;
      const n = Number(text);
      if (!pattern.test(text)) {
        ctx.addIssue({
          code: "custom",
          message: options.whole
            ? `${options.label} must be a whole number`
            : `${options.label} must be a number, like 2.5`,
        });
        return z.NEVER;
      }
      if (n < options.min || n > options.max) {
        ctx.addIssue({ code: "custom", message: range });
        return z.NEVER;
      }
      return n;
    });
}

/** `/workforce/forecast/assumptions`: what the projection assumes. Blank rates come from the last 12 months. */
export const assumptionsForm = z
  .object({
    horizon_months: numberField({
      label: "Months ahead",
      enter: "Enter how many months ahead to project",
      min: 12,
      max: 24,
      whole: true,
    }),
    annual_turnover_percent: numberField({
      label: "Annual turnover",
      enter: "",
      min: 0,
      max: 100,
      optional: true,
    }),
    recruits_per_month: numberField({
      label: "Recruits a month",
      enter: "",
      min: 0,
      max: 1000,
      optional: true,
    }),
    early_career_retention_percent: numberField({
      label: "NQSWs kept",
      enter: "Enter the share of NQSWs kept when they complete the programme",
      min: 0,
      max: 100,
    }),
    agency_conversions_per_month: numberField({
      label: "Agency conversions a month",
      enter: "Enter the agency workers becoming permanent each month, or 0",
      min: 0,
      max: 1000,
    }),
    establishment_change_fte: numberField({
      label: "Change in establishment",
      enter: "Enter the change in establishment FTE, or 0",
      min: -10000,
      max: 10000,
    }),
  })
  // Required fields report a missing value as an error, so only the optional rates may be null.
  .transform((f) => ({
    horizon_months: f.horizon_months as number,
    annual_turnover_percent: f.annual_turnover_percent,
    recruits_per_month: f.recruits_per_month,
    early_career_retention_percent: f.early_career_retention_percent as number,
    agency_conversions_per_month: f.agency_conversions_per_month as number,
    establishment_change_fte: f.establishment_change_fte as number,
  }));

export type AssumptionsFormData = z.output<typeof assumptionsForm>;
