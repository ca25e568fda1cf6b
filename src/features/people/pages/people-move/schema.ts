import { z } from "zod";
import { dateInput, withDateInputs } from "../date-input.js";
import { checkboxField, everyTime, isUuid, textField } from "../shared.js";

/** `/people/move`: some of a team's people move to another team from a date. */
export const movePeopleForm = withDateInputs(
  z
    .object({
      from: textField((s) => s.refine(isUuid, "Select the team they are moving from")),
      person_ids: checkboxField((a) =>
        a
          .min(1, "Select the people who are moving")
          .refine((ids) => ids.every(isUuid), "Select the people who are moving"),
      ),
      to_unit_id: textField((s) => s.refine(isUuid, "Select the team they are moving to")),
      moved_on: dateInput({ label: "Date of the move", enter: "Enter the date of the move" }),
    })
    .superRefine((v, ctx) => {
      if (isUuid(v.to_unit_id) && v.to_unit_id === v.from) {
        ctx.addIssue({
          code: "custom",
          path: ["to_unit_id"],
          message: "Select a different team from the one they are moving from",
        });
      }
    }, everyTime),
);

export type MovePeopleForm = z.output<typeof movePeopleForm>;
