import { z } from "zod";
import { dateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { optionalId, requiredId, text } from "../shared.js";

/** A new cohort: its programme, a name such as "September 2026", the intake date and co-ordinator. */
export const cohortForm = withDateInputs(
  z.object({
    programme_id: requiredId("Select the programme"),
    name: text.pipe(
      z
        .string()
        .min(1, "Enter a name for the cohort, like September 2026")
        .max(120, "Name must be 120 characters or fewer"),
    ),
    intake_on: dateInput({ label: "Intake date" }),
    coordinator_person_id: optionalId("Select the co-ordinator from the list"),
  }),
);
export type CohortForm = z.output<typeof cohortForm>;
