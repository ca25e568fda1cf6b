import { z } from "zod";
import { dateInput, withDateInputs } from "../../../../people/pages/date-input.js";

/** Ending a rule: its last day in force. */
export const endForm = withDateInputs(
  z.object({ end_on: dateInput({ label: "Last day", enter: "Enter the last day the rule is in force" }) }),
);
export type EndForm = z.output<typeof endForm>;
