import { z } from "zod";
import type { PersonCensusDetails } from "../../census.service.js";

type Codes = Record<string, string>;

/** A choice from a code list, or none (blank). */
const code = (codes: Codes, message: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v === "" || v in codes, message)
    .transform((v) => (v === "" ? null : Number(v)));

const yesNo = (message: string) =>
  z
    .enum(["1", "0", ""], { error: message })
    .optional()
    .transform((v) => (v === "1" ? true : v === "0" ? false : null));

/**
 * `/workforce/census/people/:personId`: the census details HR keeps, the choices from the
 * census year's code lists (read from its schema).
 */
export function censusDetailsForm(lists: Record<string, Codes>) {
  return z
    .object({
      qualification_institution: z
        .string({ error: "Enter the qualification institution" })
        .trim()
        .min(1, "Enter the qualification institution")
        .max(200, "Qualification institution must be 200 characters or fewer"),
      qualification_level: code(lists.QualLevel ?? {}, "Select a qualification level"),
      step_up_grad: yesNo("Select whether they are a Step Up to Social Work graduate"),
      frontline_grad: yesNo("Select whether they are a Frontline graduate"),
      start_origin: code(lists.StartOrigin ?? {}, "Select where they came from"),
      cfkss_status: code(lists.CFKSSstatus ?? {}, "Select a child and family knowledge and skills status"),
    })
    .transform(
      (v): PersonCensusDetails => ({
        qualificationInstitution: v.qualification_institution,
        qualificationLevel: v.qualification_level,
        stepUpGrad: v.step_up_grad,
        frontlineGrad: v.frontline_grad,
        startOrigin: v.start_origin,
        cfkssStatus: v.cfkss_status,
      }),
    );
}
