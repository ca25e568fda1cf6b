import { z } from "zod";
import { dateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import {
  type ObservationTheme,
  observationThemes,
  type QualityGrade,
  qualityGrades,
} from "../../../schema.js";
import { isUuid } from "../shared.js";

const text = z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim());
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== ""));
const feedback = (label: string) =>
  text.pipe(
    z
      .string()
      .max(4000, `${label} must be 4000 characters or fewer`)
      .transform((v) => v || null),
  );
const person = (enter: string, pick: string) =>
  text.pipe(
    z
      .string()
      .min(1, enter)
      .refine((v) => isUuid(v), pick),
  );

/** An observation of supervision: who, when, the themes seen, a rating and feedback. */
export const observationForm = withDateInputs(
  z.object({
    observer_person_id: person("Select the observer", "Select the observer from the list"),
    supervisor_person_id: person("Select the supervisor observed", "Select the supervisor from the list"),
    supervision_id: text.pipe(
      z
        .string()
        .refine((v) => v === "" || isUuid(v), "Choose the supervision from its record")
        .transform((v) => v || null),
    ),
    observed_on: dateInput({ label: "Date observed", enter: "Enter the date observed" }),
    themes: list.pipe(
      z
        .array(z.string())
        .min(1, "Select at least one theme")
        .refine(
          (v) => v.every((t) => (observationThemes as readonly string[]).includes(t)),
          "Select themes from the list",
        )
        .transform((v) => v as ObservationTheme[]),
    ),
    rating: text.pipe(
      z
        .string()
        .refine((v) => (qualityGrades as readonly string[]).includes(v), "Select a rating")
        .transform((v) => v as QualityGrade),
    ),
    strengths: feedback("Strengths"),
    development: feedback("Development"),
  }),
);
export type ObservationForm = z.output<typeof observationForm>;
