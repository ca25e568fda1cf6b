import { z } from "zod";
import { dateInput, optionalDateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { isUuid, text } from "../shared.js";

const optional = (max: number, label: string) =>
  text.pipe(
    z
      .string()
      .max(max, `${label} must be ${max} characters or fewer`)
      .transform((v) => v || null),
  );

/** A supervision agreement: supervisor, date agreed, review date, how often, arrangements. */
export const agreementForm = withDateInputs(
  z.object({
    supervisor_person_id: text.pipe(
      z
        .string()
        .min(1, "Select the supervisor")
        .refine((v) => isUuid(v), "Select the supervisor from the list"),
    ),
    agreed_on: dateInput({ label: "Date agreed", enter: "Enter the date it was agreed" }),
    review_on: optionalDateInput({ label: "Review date" }),
    frequency_text: optional(200, "How often"),
    arrangements: optional(4000, "Arrangements"),
  }),
);
export type AgreementForm = z.output<typeof agreementForm>;
