import { z } from "zod";
import { dateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import type { RequirementRules } from "../../requirements.service.js";
import { checkboxList, optionalText, requiredText, text, wholeNumber, yes } from "../shared.js";

const fields = {
  title: requiredText(200, "Enter the requirement's title", "Title"),
  description: optionalText(2000, "Description"),
  course_ids: checkboxList.refine((v) => v.length > 0, "Select at least one course that meets it"),
  person_kinds: checkboxList,
  job_role_ids: checkboxList,
  career_levels: checkboxList,
  org_unit_ids: checkboxList,
  contract_types: checkboxList,
  carer_approval_types: checkboxList,
  due_within_days: wholeNumber("Days to complete it", 0, 3650, {
    enter: "Enter how many days people have to complete it",
  }),
  carers_from_approval: yes,
  renew_every_months: wholeNumber("Renewal", 1, 120, null),
  grace_days: wholeNumber("Grace period", 0, 365, { enter: "Enter the grace period in days, or 0" }),
  due_soon_days: wholeNumber("Due soon", 0, 365, {
    enter: "Enter how many days before the due date it shows as due soon",
  }),
  valid_from: dateInput({ label: "Start date", enter: "Enter the date these rules start" }),
  restarts_clock: yes,
};

const { title, ...rules } = fields;

const code = text
  .transform((v) => v.toUpperCase())
  .pipe(
    z
      .string()
      .min(1, "Enter a code")
      .regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, "Code must be letters, numbers and hyphens, like SAFEGUARDING-L1"),
  );

/** A new requirement: its code as well. */
export const newRequirementForm = withDateInputs(z.object({ title, code, ...rules }));

/** New rules for a requirement from a date. */
export const versionForm = withDateInputs(z.object(fields));

export type VersionForm = z.output<z.ZodObject<typeof fields>>;
export type NewRequirementForm = VersionForm & { code: string };

export function rulesFrom(f: VersionForm): RequirementRules {
  return {
    validFrom: f.valid_from,
    courseIds: f.course_ids,
    personKinds: f.person_kinds,
    jobRoleIds: f.job_role_ids,
    careerLevels: f.career_levels,
    orgUnitIds: f.org_unit_ids,
    contractTypes: f.contract_types,
    carerApprovalTypes: f.carer_approval_types,
    dueWithinDays: f.due_within_days as number,
    carersFromApproval: f.carers_from_approval,
    renewEveryMonths: f.renew_every_months,
    graceDays: f.grace_days as number,
    dueSoonDays: f.due_soon_days as number,
    restartsClock: f.restarts_clock,
  };
}
