import { z } from "zod";
import { dateInput, optionalDateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { isUuid, optionalText, text } from "../shared.js";

/** Prior learning or external learning for a person's record. `source` is asked of L&D only. */
export const recordForm = withDateInputs(
  z.object({
    source: text.pipe(
      z.enum(["", "prior_learning", "external"], { error: "Select where the learning was done" }),
    ),
    course_id: text
      .refine((v) => v === "" || isUuid(v), "Select a course from the list")
      .transform((v) => v || null),
    title: optionalText(200, "Title"),
    completed_on: dateInput({ label: "Date completed", enter: "Enter the date it was completed" }),
    hours: text.transform((v, ctx): number | null => {
      if (v === "") return null;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0 || n > 2000 || Math.round(n * 100) !== n * 100) {
        ctx.addIssue({ code: "custom", message: "Hours must be a number, like 6 or 3.5" });
        return z.NEVER;
      }
      return n;
    }),
    provider: optionalText(200, "Provider"),
    evidence_note: optionalText(2000, "Evidence"),
    expires_on: optionalDateInput({ label: "Expiry date" }),
  }),
);
export type RecordForm = z.output<typeof recordForm>;
