import { z } from "zod";
import { checkDateParts, datePartsInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { text } from "../shared.js";

const dateParts = datePartsInput;

export const NOTES_MAX = 2000;

/**
 * A protection check entered by hand: its date, the number of children allocated and the share of
 * time spent on development in the period (either or both), and notes. Every problem is reported
 * at once; "not in the future" is the service's rule (it knows today).
 */
export const checkForm = withDateInputs(
  z
    .object({
      recorded_on: dateParts,
      caseload_children: text,
      development_time_percent: text,
      notes: text,
    })
    .transform((f, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });

      const on = checkDateParts(f.recorded_on, { label: "Date of the check" });
      if (!on.ok) issue(`recorded_on-${on.part}`, on.message);
      else if (on.date === null) issue("recorded_on-day", "Enter the date of the check");

      let children: number | null = null;
      if (f.caseload_children !== "") {
        if (!/^\d{1,3}$/.test(f.caseload_children) || Number(f.caseload_children) > 200)
          issue(
            "caseload_children",
            "Number of children allocated must be a whole number from 0 to 200, like 12",
          );
        else children = Number(f.caseload_children);
      }

      let time: number | null = null;
      const percent = f.development_time_percent.replace(/\s*%$/, "");
      if (percent !== "") {
        if (!/^\d{1,3}(\.\d{1,2})?$/.test(percent) || Number(percent) > 100)
          issue(
            "development_time_percent",
            "Development time must be a number from 0 to 100, like 10 or 7.5",
          );
        else time = Number(percent);
      }
      if (f.caseload_children === "" && percent === "")
        issue("caseload_children", "Enter the number of children allocated or the development time, or both");

      if (f.notes.length > NOTES_MAX) issue("notes", `Notes must be ${NOTES_MAX} characters or fewer`);

      return {
        recordedOn: (on.ok ? on.date : null) ?? "",
        caseloadChildren: children,
        developmentTimePercent: time,
        notes: f.notes || null,
      };
    }),
);
export type CheckForm = z.output<typeof checkForm>;
