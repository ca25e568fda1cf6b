import { z } from "zod";
import { isUuid } from "../../../../platform/http/request-helpers.js";
import { dateInput, withDateInputs } from "../../../people/pages/date-input.js";

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v && v !== "" ? v : null))
  .refine((v) => v === null || isUuid(v), "Select from the list");

/**
 * `/caseloads/targets/new`: a team average target (for a unit or the whole council, in children)
 * or an individual cap (for a career level, a job role, or everyone; in children or as a share of
 * the team's target).
 */
export const targetForm = withDateInputs(
  z
    .object({
      kind: z.enum(["team_average", "individual_cap"], { message: "Select what the target is" }),
      org_unit_id: optionalId,
      job_role_id: optionalId,
      career_level: z
        .string()
        .optional()
        .transform((v) => (v && v !== "" ? v : null)),
      measure: z.string().optional(),
      children: z.string().optional(),
      percent_of_team: z.string().optional(),
      valid_from: dateInput({ label: "Date the target starts" }),
    })
    .superRefine(
      (f, ctx) => {
        const percent = f.kind === "individual_cap" && f.measure === "percent";
        if (f.kind === "individual_cap" && f.measure !== "percent" && f.measure !== "children")
          ctx.addIssue({
            code: "custom",
            path: ["measure"],
            message: "Select whether the cap is a number of children or a share of the team's target",
          });
        const field = percent ? "percent_of_team" : "children";
        const text = (percent ? f.percent_of_team : f.children)?.trim() ?? "";
        const n = Number(text);
        if (f.kind === "individual_cap" && f.measure !== "percent" && f.measure !== "children") return;
        if (text === "")
          ctx.addIssue({
            code: "custom",
            path: [field],
            message: percent ? "Enter the share of the team's target" : "Enter the number of children",
          });
        else if (!/^\d+(\.\d{1,2})?$/.test(text) || (percent ? n <= 0 || n > 200 : n > 500))
          ctx.addIssue({
            code: "custom",
            path: [field],
            message: percent
              ? "Share must be a number from 1 to 200"
              : "Number of children must be a number from 0 to 500",
          });
      },
      { when: () => true },
    ) // even when another field (the date) failed: every error at once
    .transform((f) => {
      const percent = f.kind === "individual_cap" && f.measure === "percent";
      return {
        kind: f.kind,
        orgUnitId: f.kind === "team_average" ? f.org_unit_id : null,
        jobRoleId: f.kind === "individual_cap" ? f.job_role_id : null,
        careerLevel: f.kind === "individual_cap" ? f.career_level : null,
        children: percent ? null : Number(f.children),
        percentOfTeam: percent ? Number(f.percent_of_team) : null,
        validFrom: f.valid_from,
      };
    }),
);

export type TargetFormData = z.output<typeof targetForm>;

/** `/caseloads/targets/:targetId/end` and `/caseloads/weights/:weightId/end`. */
export const endForm = withDateInputs(z.object({ ends_on: dateInput({ label: "Last day in force" }) }));
export type EndFormData = z.output<typeof endForm>;
