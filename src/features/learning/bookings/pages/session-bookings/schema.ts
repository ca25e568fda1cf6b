import { z } from "zod";
import { isUuid } from "../shared.js";

/** Booking a cohort: a team (everyone assigned to it today) or employee numbers, one a line. */
export const cohortForm = z
  .object({
    unitId: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || isUuid(v), "Select a team from the list"),
    employee_numbers: z
      .string()
      .max(20000, "The list must be 20,000 characters or fewer")
      .optional()
      .transform((v) =>
        (v ?? "")
          .split(/[\r\n,]+/)
          .map((n) => n.trim())
          .filter(Boolean),
      ),
  })
  .superRefine((v, ctx) => {
    if (!v.unitId && v.employee_numbers.length === 0) {
      ctx.addIssue({ code: "custom", path: ["unitId"], message: "Select a team or enter employee numbers" });
    } else if (v.unitId && v.employee_numbers.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["unitId"],
        message: "Select a team or enter employee numbers, not both",
      });
    }
  });
export type CohortForm = z.output<typeof cohortForm>;
