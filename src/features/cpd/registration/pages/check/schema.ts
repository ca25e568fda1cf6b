import { z } from "zod";
import { dateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { optionalText, textField } from "../../../../people/pages/shared.js";
import { SWE_NUMBER, type SweStatus, sweStatuses } from "../../../../people/reference/domain.js";

/** `/cpd/registration/people/:personId/check`: what the Social Work England register says. */
export const checkForm = withDateInputs(
  z.object({
    swe_number: textField((s) =>
      s
        .min(1, "Enter the registration number")
        .transform((v) => v.toUpperCase().replace(/\s+/g, ""))
        .refine((v) => SWE_NUMBER.test(v), "Enter a registration number like SW123456"),
    ),
    status: textField((s) =>
      s
        .refine((v) => (sweStatuses as readonly string[]).includes(v), "Select the status on the register")
        .transform((v) => v as SweStatus),
    ),
    checked_on: dateInput({ label: "Date checked", enter: "Enter the date you checked the register" }),
    note: optionalText(500, "Note must be 500 characters or fewer"),
  }),
);

export type CheckForm = z.output<typeof checkForm>;
