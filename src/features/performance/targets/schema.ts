import { z } from "zod";
import { isUuid } from "../../../platform/http/request-helpers.js";
import { dateInput, optionalDateInput, withDateInputs } from "../../people/pages/date-input.js";
import { isMeasureKey, type MeasureKey, measureDefinitions } from "../library/definitions.js";

const NUMBER = /^-?\d{1,9}(\.\d{1,2})?$/;

/** A figure typed in a box: its number, or the message to show. */
function readFigure(text: string | undefined, label: string, percent: boolean): number | string {
  const t = (text ?? "").trim().replace(/%$/, "").trim();
  if (t === "") return `Enter the ${label.toLowerCase()}`;
  if (!NUMBER.test(t)) return `${label} must be a number, like 80 or 16.5`;
  const n = Number(t);
  if (percent && (n < 0 || n > 100)) return `${label} must be a percentage from 0 to 100`;
  if (n < 0) return `${label} must be 0 or more`;
  return n;
}

/**
 * `/performance/targets/new` and `/:performanceTargetId/edit`: the measure (from the library),
 * the unit (blank: the council), the direction (blank: the measure's own), the target, where amber
 * starts (on the worse side of the target for the direction), the strategy's target date and the
 * date the target starts. Percent measures' figures are from 0 to 100.
 */
export const targetForm = withDateInputs(
  z
    .object({
      measure: z.string().optional(),
      org_unit_id: z.string().optional(),
      direction: z.string().optional(),
      target: z.string().optional(),
      amber_from: z.string().optional(),
      target_date: optionalDateInput({ label: "Target date" }),
      valid_from: dateInput({ label: "Date the target starts" }),
    })
    .superRefine(
      (f, ctx) => {
        const issue = (path: string, message: string) =>
          ctx.addIssue({ code: "custom", path: [path], message });
        if (!isMeasureKey(f.measure)) issue("measure", "Select a measure");
        if (f.org_unit_id && !isUuid(f.org_unit_id))
          issue("org_unit_id", "Select a team or service from the list");
        if (f.direction && f.direction !== "higher" && f.direction !== "lower")
          issue("direction", "Select whether higher or lower is better");
        const definition = isMeasureKey(f.measure) ? measureDefinitions[f.measure] : null;
        const percent = definition?.format === "percent";
        const target = readFigure(f.target, "Target", percent);
        const amber = readFigure(f.amber_from, "Amber from", percent);
        if (typeof target === "string") issue("target", target);
        if (typeof amber === "string") issue("amber_from", amber);
        const direction = directionOf(f.direction, f.measure);
        if (typeof target === "number" && typeof amber === "number" && direction) {
          if (direction === "higher" && amber > target)
            issue("amber_from", "Amber from must be the target or lower, as higher is better");
          if (direction === "lower" && amber < target)
            issue("amber_from", "Amber from must be the target or higher, as lower is better");
        }
      },
      { when: () => true }, // even when a date failed: every error at once
    )
    .transform((f) => ({
      measureKey: f.measure as MeasureKey,
      orgUnitId: f.org_unit_id ? f.org_unit_id : null,
      direction: directionOf(f.direction, f.measure) ?? "higher",
      target: Number((f.target ?? "").trim().replace(/%$/, "")),
      amberFrom: Number((f.amber_from ?? "").trim().replace(/%$/, "")),
      targetDate: f.target_date,
      validFrom: f.valid_from,
    })),
);

/** The direction chosen, else the measure's own. */
function directionOf(chosen: string | undefined, measure: string | undefined): "higher" | "lower" | null {
  if (chosen === "higher" || chosen === "lower") return chosen;
  return isMeasureKey(measure) ? measureDefinitions[measure].direction : null;
}
export type TargetFormData = z.output<typeof targetForm>;

/** `/performance/targets/:performanceTargetId/cancel`: the confirmation's button; nothing to fill in. */
export const cancelForm = z.object({});

/**
 * `/performance/owners`: a select per measure named `owner_<measure key>`; blank clears the
 * owner, a measure not sent is left as it is.
 */
export const ownersForm = z.record(z.string(), z.unknown()).transform((body, ctx) => {
  const choices = new Map<string, string | null>();
  for (const [name, value] of Object.entries(body)) {
    const key = name.startsWith("owner_") ? name.slice(6) : null;
    if (!key || !isMeasureKey(key)) continue;
    const text = typeof value === "string" ? value.trim() : "";
    if (text !== "" && !isUuid(text)) {
      ctx.addIssue({ code: "custom", path: [name], message: "Select a person from the list" });
      continue;
    }
    choices.set(key, text === "" ? null : text);
  }
  return choices;
});
export type OwnersFormData = z.output<typeof ownersForm>;
