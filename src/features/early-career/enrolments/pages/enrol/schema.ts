import { z } from "zod";
import { dateInput, optionalDateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { type EntryRoute, routes } from "../../../schema.js";
import { fteOf, optionalId, requiredId, text } from "../shared.js";

const route = text.pipe(
  z
    .string()
    .refine((v) => (routes as readonly string[]).includes(v), "Select the route into social work")
    .transform((v) => v as EntryRoute),
);

/** Blank: copied from the person's assignment. */
const optionalFte = text.pipe(
  z
    .string()
    .refine((v) => v === "" || fteOf(v) !== null, "FTE must be a number from 0.1 to 1, like 0.6")
    .transform((v) => (v === "" ? null : fteOf(v))),
);

export const requiredFte = text.pipe(
  z
    .string()
    .min(1, "Enter the FTE, like 1 or 0.6")
    .refine((v) => v === "" || fteOf(v) !== null, "FTE must be a number from 0.1 to 1, like 0.6")
    .transform((v) => fteOf(v) ?? 1),
);

/** Enrolling a newly qualified social worker on a cohort. */
export const enrolForm = withDateInputs(
  z.object({
    person_id: requiredId("Select the newly qualified social worker"),
    route,
    registered_on: optionalDateInput({ label: "Registration date" }),
    start_on: dateInput({ label: "Start date" }),
    fte: optionalFte,
    org_unit_id: optionalId("Select the team from the list"),
    line_manager_person_id: optionalId("Select the line manager from the list"),
    assessor_person_id: optionalId("Select the assessor from the list"),
    mentor_person_id: optionalId("Select the mentor from the list"),
  }),
);
export type EnrolForm = z.output<typeof enrolForm>;
