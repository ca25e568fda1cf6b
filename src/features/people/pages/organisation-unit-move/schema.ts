import { z } from "zod";
import { dateInput, withDateInputs } from "../date-input.js";
import { isUuid, textField } from "../shared.js";

/** Where a team moves to ("top" for the top of the organisation) and from when. */
export const moveUnitForm = withDateInputs(
  z.object({
    parent_id: textField((s) => s.refine((v) => v === "top" || isUuid(v), "Select where the team moves to")),
    moved_on: dateInput({ label: "Date of the move", enter: "Enter the date of the move" }),
  }),
);

export type MoveUnitForm = z.output<typeof moveUnitForm>;
