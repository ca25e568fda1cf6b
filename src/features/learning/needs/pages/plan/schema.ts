import { z } from "zod";
import { isUuid, text } from "../shared.js";

/** Places planned on a course in a plan year, with a note (for example, "two cohorts of 12"). */
export const planForm = z.object({
  plan_year: text.refine((v) => /^\d{4}$/.test(v), "Select the plan year").transform(Number),
  course_id: text.refine((v) => isUuid(v), "Select the course"),
  places: text
    .refine((v) => v !== "", "Enter the number of places planned")
    .refine(
      (v) => v === "" || (/^\d{1,6}$/.test(v) && Number(v) <= 100000),
      "Places must be a whole number from 0 to 100000",
    )
    .transform(Number),
  note: text.pipe(
    z
      .string()
      .max(500, "The note must be 500 characters or fewer")
      .transform((v) => v || null),
  ),
});
export type PlanForm = z.output<typeof planForm>;
