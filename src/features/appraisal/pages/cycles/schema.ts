import { z } from "zod";
import { dateInput, withDateInputs } from "../../../people/pages/date-input.js";
import { text } from "../shared.js";

/** A new appraisal cycle: its name, its dates and the three due dates. */
export const cycleForm = withDateInputs(
  z
    .object({
      name: text.pipe(
        z.string().min(1, "Enter the name of the cycle").max(120, "The name must be 120 characters or fewer"),
      ),
      starts_on: dateInput({ label: "Start date" }),
      ends_on: dateInput({ label: "End date" }),
      objectives_due_on: dateInput({ label: "Objectives due", enter: "Enter the date objectives are due" }),
      mid_year_due_on: dateInput({
        label: "Mid-year review due",
        enter: "Enter the date the mid-year review is due",
      }),
      completion_due_on: dateInput({ label: "Completion due", enter: "Enter the date completion is due" }),
    })
    .transform((f) => ({
      name: f.name,
      startsOn: f.starts_on,
      endsOn: f.ends_on,
      objectivesDueOn: f.objectives_due_on,
      midYearDueOn: f.mid_year_due_on,
      completionDueOn: f.completion_due_on,
    })),
);
export type CycleForm = z.output<typeof cycleForm>;
