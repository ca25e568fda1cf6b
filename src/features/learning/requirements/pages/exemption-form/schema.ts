import { z } from "zod";
import { dateInput, optionalDateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { isUuid, requiredText, text } from "../shared.js";

export const exemptionForm = withDateInputs(
  z.object({
    requirement_id: text.refine((v) => isUuid(v), "Select the requirement"),
    reason: requiredText(500, "Enter why they are exempt", "Reason"),
    approved_by: requiredText(200, "Enter who approved the exemption", "Approved by"),
    from_on: dateInput({ label: "Start date", enter: "Enter the date the exemption starts" }),
    to_on: optionalDateInput({ label: "End date" }),
  }),
);
export type ExemptionForm = z.output<typeof exemptionForm>;
