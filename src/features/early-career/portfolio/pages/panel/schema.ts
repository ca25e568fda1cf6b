import { z } from "zod";
import { dateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { text, yes } from "../shared-form.js";

const optional = (max: number, label: string) =>
  text.pipe(
    z
      .string()
      .max(max, `${label} must be ${max} characters or fewer`)
      .transform((v) => v || null),
  );

/** The internal moderation panel's decision and the regional moderation sample. */
export const panelForm = withDateInputs(
  z.object({
    panel_on: dateInput({ label: "Date of the panel" }),
    decision: text.pipe(
      z.enum(["endorsed", "not_endorsed", "deferred"], { error: "Select the panel's decision" }),
    ),
    notes: optional(5000, "Notes"),
    moderation_sampled: yes,
    moderation_outcome: optional(2000, "Regional moderation outcome"),
  }),
);
export type PanelForm = z.output<typeof panelForm>;
