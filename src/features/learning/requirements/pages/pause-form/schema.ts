import { z } from "zod";
import { dateInput, optionalDateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { pauseReasons } from "../../records.service.js";
import { optionalText } from "../shared.js";

export const pauseForm = withDateInputs(
  z.object({
    reason: z.enum(pauseReasons, { error: "Select why their learning is paused" }),
    from_on: dateInput({ label: "Start date", enter: "Enter the date the pause starts" }),
    to_on: optionalDateInput({ label: "End date" }),
    note: optionalText(1000, "Note"),
  }),
);
export type PauseForm = z.output<typeof pauseForm>;
