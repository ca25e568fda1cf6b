import { z } from "zod";
import { isUuid } from "../../../../platform/http/request-helpers.js";
import { dateInput, optionalDateInput, withDateInputs } from "../../../people/pages/date-input.js";
import { isMeasureKey } from "../../library/definitions.js";
import { type ActionStatus, actionStatuses } from "../../schema.js";

export const statusNames: Record<ActionStatus, string> = {
  not_started: "Not started",
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  complete: "Complete",
};

export const statusTagClass: Record<ActionStatus, string> = {
  not_started: "govuk-tag--grey",
  on_track: "govuk-tag--green",
  at_risk: "govuk-tag--yellow",
  off_track: "govuk-tag--orange",
  complete: "govuk-tag--blue",
};

const text = (max: number, empty: string, tooLong: string) =>
  z
    .string({ message: empty })
    .transform((v) => v.trim())
    .pipe(z.string().min(1, empty).max(max, tooLong));

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() ?? "")
    .pipe(z.string().max(max, tooLong))
    .transform((v) => (v === "" ? null : v));

const status = (message: string) => z.enum(actionStatuses, { message });

/** `/performance/plans/new`. */
export const planForm = withDateInputs(
  z
    .object({
      title: text(200, "Enter the plan's title", "Title must be 200 characters or fewer"),
      starts_on: dateInput({ label: "Start date" }),
      ends_on: optionalDateInput({ label: "End date" }),
    })
    .refine((f) => f.ends_on === null || f.ends_on >= f.starts_on, {
      path: ["ends_on-day"],
      message: "End date must be the same as or after the start date",
    })
    .transform((f) => ({ title: f.title, startsOn: f.starts_on, endsOn: f.ends_on })),
);

/** `/performance/plans/:planId/outcomes/new` and `/performance/plans/outcomes/:outcomeId/edit`. */
export const outcomeForm = z
  .object({
    number: z
      .string({ message: "Enter the outcome's number" })
      .transform((v) => v.trim())
      .pipe(
        z
          .string()
          .min(1, "Enter the outcome's number")
          .regex(/^\d{1,2}$/, "Number must be a whole number from 1 to 99")
          .refine((v) => Number(v) >= 1, "Number must be a whole number from 1 to 99"),
      )
      .transform(Number),
    title: text(300, "Enter the outcome", "Outcome must be 300 characters or fewer"),
    measure_keys: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .refine((keys) => keys.every(isMeasureKey), "Select measures from the list"),
  })
  .transform((f) => ({ number: f.number, title: f.title, measureKeys: [...new Set(f.measure_keys)] }));

const actionFields = {
  title: text(500, "Enter the action", "Action must be 500 characters or fewer"),
  owner_person_id: z
    .string({ message: "Select who owns the action" })
    .refine((v) => v !== "", "Select who owns the action")
    .refine((v) => v === "" || isUuid(v), "Select who owns the action from the list"),
  due_on: dateInput({ label: "Due date" }),
};

/** `/performance/plans/outcomes/:outcomeId/actions/new`. */
export const newActionForm = withDateInputs(
  z.object({ ...actionFields, status: status("Select the action's status") }).transform((f) => ({
    title: f.title,
    ownerPersonId: f.owner_person_id,
    dueOn: f.due_on,
    status: f.status,
  })),
);

/** `/performance/plans/actions/:actionId/edit`: the status changes only by an update. */
export const editActionForm = withDateInputs(
  z
    .object(actionFields)
    .transform((f) => ({ title: f.title, ownerPersonId: f.owner_person_id, dueOn: f.due_on })),
);

/** `/performance/plans/actions/:actionId/updates/new`. */
export const updateForm = z
  .object({
    body: text(5000, "Enter the update", "Update must be 5,000 characters or fewer"),
    evidence: optionalText(2000, "Evidence must be 2,000 characters or fewer"),
    status: status("Select the action's status now"),
  })
  .transform((f) => ({ body: f.body, evidence: f.evidence, status: f.status }));

export type PlanFormData = z.output<typeof planForm>;
export type OutcomeFormData = z.output<typeof outcomeForm>;
export type NewActionFormData = z.output<typeof newActionForm>;
export type EditActionFormData = z.output<typeof editActionForm>;
export type UpdateFormData = z.output<typeof updateForm>;
