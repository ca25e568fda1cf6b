import { z } from "zod";
import { isUuid } from "../../../platform/http/request-helpers.js";
import { uploadedFile } from "../../../platform/uploads/uploads.js";
import { enteredKeys, type MeasureKey } from "../library/definitions.js";
import { isPeriodEnd } from "../library/periods.js";
import { readFigures, readPeriod } from "./figures.js";

const isEntered = (v: unknown): v is MeasureKey =>
  typeof v === "string" && (enteredKeys as string[]).includes(v);
const NOTE_MAX = 2000;

/**
 * `/performance/entries/new` and `/:entryId/edit`: an entered measure, the unit (blank: the
 * council), the month (its last day), the value and/or its numerator and denominator, a note.
 * `latest` is the last month that may be entered (the current month's end).
 */
export function entryForm(latest: () => string) {
  return z
    .object({
      measure: z.string().optional(),
      org_unit_id: z.string().optional(),
      period_end: z.string().optional(),
      value: z.string().optional(),
      numerator: z.string().optional(),
      denominator: z.string().optional(),
      note: z.string().optional(),
    })
    .superRefine(
      (f, ctx) => {
        const issue = (path: string, message: string) =>
          ctx.addIssue({ code: "custom", path: [path], message });
        if (!isEntered(f.measure)) issue("measure", "Select a measure");
        if (f.org_unit_id && !isUuid(f.org_unit_id))
          issue("org_unit_id", "Select a team or service from the list");
        if (!f.period_end) issue("period_end", "Select the month");
        else if (!isPeriodEnd(f.period_end) || f.period_end > latest())
          issue("period_end", "Select a month from the list");
        if ((f.note ?? "").length > NOTE_MAX) issue("note", `Note must be ${NOTE_MAX} characters or fewer`);
        if (isEntered(f.measure)) {
          const figures = readFigures(f.measure, f);
          if (!figures.ok)
            for (const [field, message] of Object.entries(figures.errors)) if (message) issue(field, message);
        }
      },
      { when: () => true },
    )
    .transform((f) => {
      const figures = readFigures(f.measure as MeasureKey, f);
      if (!figures.ok) throw new Error("unreachable: figures were checked");
      return {
        measureKey: f.measure as MeasureKey,
        orgUnitId: f.org_unit_id ? f.org_unit_id : null,
        periodEnd: f.period_end as string,
        ...figures.figures,
        note: f.note?.trim() ? f.note.trim() : null,
      };
    });
}
export type EntryFormData = z.output<ReturnType<typeof entryForm>>;

/** `/performance/entries/import`: the CSV file. */
export function importForm(maxBytes: number) {
  return z.object({ file: uploadedFile({ extensions: ["csv"], typeName: "CSV", maxBytes }) });
}
export type ImportFormData = z.output<ReturnType<typeof importForm>>;

/** A row of the import file as read: every column as text. */
export interface ImportCells {
  measure_key: string;
  unit_code: string;
  period_end: string;
  month: string;
  value: string;
  numerator: string;
  denominator: string;
  note: string;
}

/**
 * One row of the file: an entered measure's key, a unit code (blank: the council; the unit is
 * resolved by the page), the month, the figures and a note. Errors are keyed by column name.
 */
export function importRow(latest: string) {
  return z
    .object({
      measure_key: z.string(),
      unit_code: z.string(),
      period_end: z.string(),
      month: z.string(),
      value: z.string(),
      numerator: z.string(),
      denominator: z.string(),
      note: z.string(),
    })
    .superRefine((r, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      const key = r.measure_key.trim();
      if (key === "") issue("measure_key", "Enter the measure's key");
      else if (!isEntered(key))
        issue(
          "measure_key",
          `"${key}" is not a measure that is entered: use one of ${enteredKeys.join(", ")}`,
        );
      const period = readPeriod(r.period_end, r.month);
      if (!period.ok) issue(period.field, period.message);
      else if (period.periodEnd > latest)
        issue(r.period_end.trim() ? "period_end" : "month", "The month must not be after this month");
      if (r.note.length > NOTE_MAX) issue("note", `note must be ${NOTE_MAX} characters or fewer`);
      if (isEntered(key)) {
        const figures = readFigures(key, r);
        if (!figures.ok)
          for (const [field, message] of Object.entries(figures.errors)) if (message) issue(field, message);
      }
    })
    .transform((r) => {
      const period = readPeriod(r.period_end, r.month);
      const figures = readFigures(r.measure_key.trim() as MeasureKey, r);
      if (!period.ok || !figures.ok) throw new Error("unreachable: the row was checked");
      return {
        measureKey: r.measure_key.trim() as MeasureKey,
        unitCode: r.unit_code.trim(),
        periodEnd: period.periodEnd,
        ...figures.figures,
        note: r.note.trim() ? r.note.trim() : null,
      };
    });
}
