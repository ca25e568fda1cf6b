import { z } from "zod";
import { keptLevels, recommendLevels, type SurveyAnswers, supportLevels } from "../../survey.js";
import { text } from "../shared.js";

const LONG = 2000;

/** The end-of-programme questionnaire: four choices needed, two comments optional. */
export const surveyForm = z
  .object({
    overall: text,
    assessor_support: text,
    protection_kept: text,
    recommend: text,
    worked_well: text,
    should_change: text,
  })
  .transform((f, ctx): SurveyAnswers => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const one = <T extends string>(v: string, options: readonly T[], field: string, message: string): T => {
      if (!(options as readonly string[]).includes(v)) issue(field, message);
      return v as T;
    };
    const overall = Number(f.overall);
    if (!/^[1-5]$/.test(f.overall)) issue("overall", "Select a rating from 1 to 5");
    const assessor = one(
      f.assessor_support,
      supportLevels,
      "assessor_support",
      "Select how well your assessor supported you",
    );
    const kept = one(
      f.protection_kept,
      keptLevels,
      "protection_kept",
      "Select whether your protected caseload and development time were kept",
    );
    const recommend = one(
      f.recommend,
      recommendLevels,
      "recommend",
      "Select whether you would recommend the programme",
    );
    if (f.worked_well.length > LONG)
      issue("worked_well", `What worked well must be ${LONG} characters or fewer`);
    if (f.should_change.length > LONG)
      issue("should_change", `What should change must be ${LONG} characters or fewer`);
    return {
      overall,
      assessor_support: assessor,
      protection_kept: kept,
      recommend,
      worked_well: f.worked_well || null,
      should_change: f.should_change || null,
    };
  });
export type SurveyForm = z.output<typeof surveyForm>;
