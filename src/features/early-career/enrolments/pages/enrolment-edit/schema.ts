import { z } from "zod";
import { optionalDateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { requiredFte } from "../enrol/schema.js";
import { optionalId } from "../shared.js";

/** Changing an enrolment: the people around the NQSW, their team, FTE and registration date. */
export const enrolmentEditForm = withDateInputs(
  z.object({
    registered_on: optionalDateInput({ label: "Registration date" }),
    fte: requiredFte,
    org_unit_id: optionalId("Select the team from the list"),
    line_manager_person_id: optionalId("Select the line manager from the list"),
    assessor_person_id: optionalId("Select the assessor from the list"),
    mentor_person_id: optionalId("Select the mentor from the list"),
  }),
);
export type EnrolmentEditForm = z.output<typeof enrolmentEditForm>;

/** Withdrawing an NQSW from the programme. */
export const withdrawForm = z.object({
  withdrawn_reason: z
    .preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string())
    .pipe(
      z
        .string()
        .min(1, "Enter why they are leaving the programme")
        .max(2000, "Reason must be 2000 characters or fewer"),
    ),
});
export type WithdrawForm = z.output<typeof withdrawForm>;
