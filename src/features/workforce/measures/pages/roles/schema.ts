import { z } from "zod";

const orgRoleValues = ["1", "2", "3", "4", "5", "6", "none"] as const;

/**
 * `/workforce/measures/roles/:jobRoleId`: a job role's DfE OrgRole (or none) and whether it holds
 * cases. A role mapped to "Case holder" (5) holds cases; one mapped to "Qualified without cases"
 * (6) does not.
 */
export const roleMappingForm = z
  .object({
    dfe_org_role: z.enum(orgRoleValues, { message: "Select the DfE role this job role maps to" }),
    case_holder: z.enum(["yes", "no"], { message: "Select whether this role holds cases" }),
  })
  .superRefine((v, ctx) => {
    if (v.dfe_org_role === "5" && v.case_holder === "no") {
      ctx.addIssue({
        code: "custom",
        path: ["case_holder"],
        message: "A role mapped to Case holder must hold cases",
      });
    }
    if (v.dfe_org_role === "6" && v.case_holder === "yes") {
      ctx.addIssue({
        code: "custom",
        path: ["case_holder"],
        message: "A role mapped to Qualified without cases cannot hold cases",
      });
    }
  })
  .transform((v) => ({
    dfeOrgRole: v.dfe_org_role === "none" ? null : Number(v.dfe_org_role),
    caseHolder: v.case_holder === "yes",
  }));

export type RoleMappingData = z.output<typeof roleMappingForm>;
