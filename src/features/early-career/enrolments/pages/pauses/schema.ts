import { z } from "zod";
import { dateInput, optionalDateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { type PauseReason, pauseReasons } from "../../../schema.js";
import { requiredId, text } from "../shared.js";

/** Both forms on the pauses page post here; `action` says which (validated by the handler). */
export const pausesPost = z.record(z.string(), z.unknown());

export const addPauseForm = withDateInputs(
  z.object({
    reason: text.pipe(
      z
        .string()
        .refine((v) => (pauseReasons as readonly string[]).includes(v), "Select the reason for the pause")
        .transform((v) => v as PauseReason),
    ),
    from_on: dateInput({ label: "Start of the pause" }),
    to_on: optionalDateInput({ label: "End of the pause" }),
    notes: text.pipe(
      z
        .string()
        .max(2000, "Notes must be 2000 characters or fewer")
        .transform((v) => v || null),
    ),
  }),
);
export type AddPauseForm = z.output<typeof addPauseForm>;

export const endPauseForm = withDateInputs(
  z.object({
    pause_id: requiredId("Choose the pause to end"),
    ended_on: dateInput({ label: "Last day of the pause", enter: "Enter the last day of the pause" }),
  }),
);
export type EndPauseForm = z.output<typeof endPauseForm>;
