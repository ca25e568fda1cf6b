import { z } from "zod";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { evidenceKinds, type MinimumEvidence } from "../../../schema.js";
import {
  contentProblems,
  PROGRAMME_CODE,
  type ProgrammeDefinition,
  parseMilestoneLines,
  parseRhythmLines,
  parseStandardLines,
} from "../../definition.js";
import { checkboxList, text } from "../shared.js";

/** The form's field for each kind's minimum: min_observation, min_reflection ... */
export const minField = (kind: string) => `min_${kind}`;

const fields = {
  code: text,
  name: text,
  length_months: text,
  max_months: text,
  milestones: text,
  standards: text,
  supervision_rhythm: text,
  protected_caseload_percent: text,
  protected_caseload_children: text,
  protected_time_percent: text,
  core_courses: checkboxList,
  ...Object.fromEntries(evidenceKinds.map((k) => [minField(k), text])),
} as Record<string, z.ZodType>;

/**
 * A programme template: the code (new programmes only), the name and the version's content.
 * Milestones, standards and the supervision rhythm are one line each in a textarea; a bad line is
 * named in the error. Every problem is reported at once; the content rules are the service's
 * (contentProblems), run here too so they are shown with the rest.
 */
export function programmeForm(withCode: boolean) {
  return z.object(fields).transform((raw, ctx) => {
    const f = raw as Record<string, string> & { code: string; name: string; core_courses: string[] };
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const code = f.code.toUpperCase();
    if (withCode) {
      if (code === "") issue("code", "Enter a code, like ASYE");
      else if (!PROGRAMME_CODE.test(code))
        issue("code", "The code must be 1 to 40 capital letters, numbers or hyphens, like ASYE");
    }
    if (f.name === "") issue("name", "Enter the programme's name");
    else if (f.name.length > 200) issue("name", "The name must be 200 characters or fewer");

    const wholeNumber = (field: string, label: string, min: number, max: number, optional = false) => {
      const v = f[field] ?? "";
      if (v === "") {
        if (!optional) issue(field, `Enter ${label}`);
        return null;
      }
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
        issue(
          field,
          `${label[0]?.toUpperCase()}${label.slice(1)} must be a whole number from ${min} to ${max}`,
        );
        return null;
      }
      return Number(v);
    };
    const percent = (field: string, label: string) => {
      const v = f[field] ?? "";
      if (v === "") return null;
      if (!/^\d+(\.\d{1,2})?$/.test(v) || Number(v) > 100) {
        issue(field, `${label} must be a number up to 100, like 90 or 12.5`);
        return null;
      }
      return Number(v);
    };

    const lengthMonths = wholeNumber("length_months", "the length in months", 1, 36);
    const maxMonths = wholeNumber("max_months", "the longest time in months", 1, 48);

    const milestones = parseMilestoneLines(f.milestones ?? "");
    if (!milestones.ok)
      issue("milestones", `Milestone line ${milestones.problem.line}: ${milestones.problem.message}`);
    const standards = parseStandardLines(f.standards ?? "");
    if (!standards.ok)
      issue("standards", `Standard line ${standards.problem.line}: ${standards.problem.message}`);

    const minEvidence: MinimumEvidence = {};
    for (const k of evidenceKinds) {
      const n = wholeNumber(minField(k), "the minimum", 0, 50, true);
      if (n !== null && n > 0) minEvidence[k] = n;
    }
    const rhythm = parseRhythmLines(f.supervision_rhythm ?? "");
    if (!rhythm.ok)
      issue("supervision_rhythm", `Supervision line ${rhythm.problem.line}: ${rhythm.problem.message}`);

    const protectedCaseloadPercent = percent("protected_caseload_percent", "The caseload share");
    const protectedCaseloadChildren = wholeNumber(
      "protected_caseload_children",
      "the number of children",
      0,
      100,
      true,
    );
    const protectedTimePercent = percent("protected_time_percent", "The development time");
    if (f.core_courses.some((id) => !isUuid(id))) issue("core_courses", "Select core courses from the list");

    const data: ProgrammeDefinition = {
      code,
      name: f.name,
      lengthMonths: lengthMonths ?? 0,
      maxMonths: maxMonths ?? 0,
      milestones: milestones.ok ? milestones.value : [],
      standards: standards.ok ? standards.value : [],
      minEvidence,
      supervisionRhythm: rhythm.ok ? rhythm.value : [],
      protectedCaseloadPercent,
      protectedCaseloadChildren,
      protectedTimePercent,
      coreCourseIds: [...new Set(f.core_courses)],
    };
    // The content rules, for the parts that parsed (so one mistake is not reported twice).
    const parsed: Record<string, boolean> = {
      length_months: lengthMonths !== null,
      max_months: lengthMonths !== null && maxMonths !== null,
      milestones: milestones.ok && maxMonths !== null,
      standards: standards.ok,
      supervision_rhythm: rhythm.ok,
      protected_caseload_percent: true,
      protected_caseload_children: true,
      protected_time_percent: true,
    };
    for (const p of contentProblems(data)) if (parsed[p.field]) issue(p.field, p.message);
    return data;
  });
}
export type ProgrammeForm = z.output<ReturnType<typeof programmeForm>>;
