import { z } from "zod";
import { checkDateParts, datePartsInput, withDateInputs } from "../../../people/pages/date-input.js";
import { text } from "../shared.js";

/** The most objective lines a form has. */
export const MAX_OBJECTIVES = 10;
const LONG = 1000;

const str = (v: unknown) =>
  typeof v === "string" ? v.trim() : Array.isArray(v) ? String(v[0] ?? "").trim() : "";

/**
 * The objectives (lines `objective_N` and `measure_N`, blank lines left out), the date they were
 * agreed (optional until they are) and the career aspiration. Every problem shows at once.
 */
export const objectivesForm = withDateInputs(
  z.looseObject({ objectives_agreed_on: datePartsInput, career_aspiration: text }).transform((f, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const lines: { objective: string; measure: string | null }[] = [];
    for (let n = 1; n <= MAX_OBJECTIVES; n += 1) {
      const objective = str(f[`objective_${n}`]);
      const measure = str(f[`measure_${n}`]);
      if (objective === "" && measure === "") continue;
      if (objective === "") issue(`objective_${n}`, `Enter objective ${n}, or clear how it is measured`);
      else if (objective.length > LONG)
        issue(`objective_${n}`, `Objective ${n} must be ${LONG} characters or fewer`);
      if (measure.length > LONG)
        issue(`measure_${n}`, `How objective ${n} is measured must be ${LONG} characters or fewer`);
      lines.push({ objective, measure: measure || null });
    }
    const agreed = checkDateParts(f.objectives_agreed_on, { label: "The date the objectives were agreed" });
    if (!agreed.ok) issue(`objectives_agreed_on-${agreed.part}`, agreed.message);
    if (f.career_aspiration.length > 2000)
      issue("career_aspiration", "The career aspiration must be 2000 characters or fewer");
    return {
      lines,
      agreedOn: agreed.ok ? agreed.date : null,
      careerAspiration: f.career_aspiration || null,
    };
  }),
);
export type ObjectivesForm = z.output<typeof objectivesForm>;
