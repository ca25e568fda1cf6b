import { z } from "zod";
import { type ContractType, contractTypes } from "../../reference/domain.js";
import { dateInput, withDateInputs } from "../date-input.js";
import { checkRegistration, personFields } from "../person-edit/schema.js";
import { everyTime, isUuid, textField } from "../shared.js";

const FTE = /^(\d+(\.\d{1,3})?|\.\d{1,3})$/;

/** `/people/new`: a person and their first assignment. */
export const personNewForm = withDateInputs(
  z
    .object({
      given_name: personFields.given_name,
      family_name: personFields.family_name,
      email: personFields.email,
      employee_number: personFields.employee_number,
      swe_number: personFields.swe_number,
      swe_status: personFields.swe_status,
      org_unit_id: textField((s) => s.refine(isUuid, "Select their team")),
      job_role_id: textField((s) => s.refine(isUuid, "Select their role")),
      contract_type: textField((s) =>
        s
          .refine((v) => (contractTypes as readonly string[]).includes(v), "Select their contract type")
          .transform((v) => v as ContractType),
      ),
      fte: textField((s) =>
        s
          .min(1, "Enter their full-time equivalent (FTE), like 1 or 0.5")
          .regex(FTE, "FTE must be a number, like 1 or 0.5")
          .transform(Number)
          .refine((n) => n > 0 && n <= 1.5, "FTE must be more than 0 and no more than 1.5"),
      ),
      started_on: dateInput({ label: "Start date", enter: "Enter their start date" }),
    })
    .superRefine(checkRegistration, everyTime),
);

export type PersonNewForm = z.output<typeof personNewForm>;
