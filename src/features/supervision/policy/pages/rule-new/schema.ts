import { z } from "zod";
import { checkDateParts, datePartsInput, withDateInputs } from "../../../../people/pages/date-input.js";
import {
  type EveryUnit,
  type PartTimeTreatment,
  type RuleTarget,
  ruleTargets,
  type SupervisionKind,
  supervisionKinds,
} from "../../../schema.js";
import { checkboxList, isUuid, text } from "../shared.js";

/**
 * A new policy rule. What it applies to (with the job role or career level), how often (not for
 * the early career rule: its rhythm is the programme's), part-time treatment, the kinds that
 * count, the expected length and the day it starts. Every problem is reported at once.
 */
export const ruleForm = withDateInputs(
  z
    .object({
      applies_to: text,
      job_role_id: text,
      career_level: text,
      every_value: text,
      every_unit: text,
      part_time: text,
      counting_kinds: checkboxList,
      expected_minutes: text,
      valid_from: datePartsInput,
    })
    .transform((f, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      const appliesTo = (ruleTargets as readonly string[]).includes(f.applies_to)
        ? (f.applies_to as RuleTarget)
        : null;
      if (!appliesTo) issue("applies_to", "Select who the rule applies to");
      if (appliesTo === "job_role" && !isUuid(f.job_role_id)) issue("job_role_id", "Select a job role");
      if (appliesTo === "career_level" && f.career_level === "")
        issue("career_level", "Select a career level");

      const needsInterval = appliesTo !== "early_career";
      let everyValue: number | null = null;
      if (needsInterval) {
        if (f.every_value === "") issue("every_value", "Enter how often, like 4");
        else if (!/^\d+$/.test(f.every_value) || Number(f.every_value) < 1 || Number(f.every_value) > 52)
          issue("every_value", "How often must be a whole number from 1 to 52");
        else everyValue = Number(f.every_value);
      }
      const everyUnit =
        f.every_unit === "weeks" || f.every_unit === "months" ? (f.every_unit as EveryUnit) : null;
      if (needsInterval && !everyUnit) issue("every_unit", "Select weeks or months");

      const partTime =
        f.part_time === "same" || f.part_time === "pro_rata" ? (f.part_time as PartTimeTreatment) : null;
      if (!partTime) issue("part_time", "Select how part-time staff are supervised");

      const kinds = f.counting_kinds.filter((k): k is SupervisionKind =>
        (supervisionKinds as readonly string[]).includes(k),
      );
      if (kinds.length === 0 || kinds.length !== f.counting_kinds.length)
        issue("counting_kinds", "Select at least one kind of supervision that counts");

      let expectedMinutes: number | null = null;
      if (f.expected_minutes !== "") {
        if (
          !/^\d+$/.test(f.expected_minutes) ||
          Number(f.expected_minutes) < 5 ||
          Number(f.expected_minutes) > 600
        )
          issue("expected_minutes", "Expected length must be a whole number of minutes from 5 to 600");
        else expectedMinutes = Number(f.expected_minutes);
      }

      const validFrom = checkDateParts(f.valid_from, { label: "Start date" });
      if (!validFrom.ok) issue(`valid_from-${validFrom.part}`, validFrom.message);
      else if (validFrom.date === null) issue("valid_from-day", "Enter the date the rule starts");

      return {
        appliesTo: appliesTo ?? "default",
        jobRoleId: appliesTo === "job_role" ? f.job_role_id : null,
        careerLevel: appliesTo === "career_level" ? f.career_level : null,
        everyValue: needsInterval ? everyValue : null,
        everyUnit: needsInterval ? everyUnit : null,
        partTime: partTime ?? "same",
        countingKinds: kinds,
        expectedMinutes,
        validFrom: (validFrom.ok ? validFrom.date : null) ?? "",
      };
    }),
);
export type RuleForm = z.output<typeof ruleForm>;
