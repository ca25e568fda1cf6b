import { z } from "zod";
import { dateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { text } from "../shared.js";

/** An extension: why, who approved it and the new end date (the service checks it against the cap). */
export const extensionForm = withDateInputs(
  z
    .object({
      reason: text.pipe(
        z
          .string()
          .min(1, "Enter the reason for the extension")
          .max(2000, "The reason must be 2000 characters or fewer"),
      ),
      approved_by: text.pipe(
        z
          .string()
          .min(1, "Enter who approved the extension")
          .max(200, "Who approved it must be 200 characters or fewer"),
      ),
      new_end_on: dateInput({ label: "New end date" }),
    })
    .transform((f) => ({ reason: f.reason, approvedBy: f.approved_by, newEndOn: f.new_end_on })),
);
export type ExtensionForm = z.output<typeof extensionForm>;
