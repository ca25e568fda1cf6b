import { z } from "zod";
import { SWE_NUMBER, type SweStatus, sweStatuses } from "../../reference/domain.js";
import { optionalDateInput, withDateInputs } from "../date-input.js";
import { everyTime, optionalText, textField } from "../shared.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+()\- ]{6,20}$/;

/** A person's own fields, shared by the add and change forms. */
export const personFields = {
  given_name: textField((s) =>
    s.min(1, "Enter their first name").max(100, "First name must be 100 characters or fewer"),
  ),
  family_name: textField((s) =>
    s.min(1, "Enter their last name").max(100, "Last name must be 100 characters or fewer"),
  ),
  email: optionalText(254, "Email address must be 254 characters or fewer").refine(
    (v) => v === null || EMAIL.test(v),
    "Enter an email address in the correct format, like name@example.com",
  ),
  employee_number: optionalText(30, "Employee number must be 30 characters or fewer"),
  swe_number: optionalText(8, "Enter a Social Work England number in the correct format, like SW123456")
    .transform((v) => (v === null ? null : v.replace(/\s+/g, "").toUpperCase()))
    .refine(
      (v) => v === null || SWE_NUMBER.test(v),
      "Enter a Social Work England number in the correct format, like SW123456",
    ),
  swe_status: textField((s) =>
    s
      .refine((v) => v === "" || v === "none" || (sweStatuses as readonly string[]).includes(v), {
        message: "Select their registration status",
      })
      .transform((v) => (v === "" || v === "none" ? null : (v as SweStatus))),
  ),
};

/**
 * A registration number needs a status, and a status other than "not registered" needs a number.
 * Runs every time (see `everyTime`), so it reads the values without trusting their own checks.
 */
export function checkRegistration(
  v: { swe_number: unknown; swe_status: unknown },
  ctx: z.RefinementCtx,
): void {
  const hasNumber = typeof v.swe_number === "string" && v.swe_number.trim() !== "";
  const hasStatus = typeof v.swe_status === "string" && v.swe_status !== "" && v.swe_status !== "none";
  if (hasNumber && !hasStatus) {
    ctx.addIssue({ code: "custom", path: ["swe_status"], message: "Select their registration status" });
  }
  if (!hasNumber && hasStatus) {
    ctx.addIssue({ code: "custom", path: ["swe_number"], message: "Enter their Social Work England number" });
  }
}

/** `/people/:personId/edit`: a person's details. Fields the HR system owns are not on the form. */
export const personEditForm = withDateInputs(
  z
    .object({
      given_name: personFields.given_name,
      family_name: personFields.family_name,
      preferred_name: optionalText(100, "Preferred name must be 100 characters or fewer"),
      email: personFields.email,
      phone: optionalText(20, "Enter a telephone number, like 01632 960 001").refine(
        (v) => v === null || PHONE.test(v),
        "Enter a telephone number, like 01632 960 001",
      ),
      employee_number: personFields.employee_number,
      started_on: optionalDateInput({ label: "Start date" }),
      swe_number: personFields.swe_number,
      swe_status: personFields.swe_status,
    })
    .superRefine(checkRegistration, everyTime),
);

export type PersonEditForm = z.output<typeof personEditForm>;
