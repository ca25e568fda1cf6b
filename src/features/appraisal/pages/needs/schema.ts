import { z } from "zod";
import { priorities, themes } from "../../../learning/needs/reference.js";
import type { NeedPriority } from "../../../learning/needs/schema.js";
import { pcfDomains } from "../../../learning/reference.js";
import { dateInput, withDateInputs } from "../../../people/pages/date-input.js";
import { isUuid, text } from "../shared.js";

const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * A development need raised in an appraisal: a catalogue course, or a described need with its
 * theme; its priority, PCF domain, the date it is needed by and the plan year. Every problem
 * shows at once.
 */
export const needForm = withDateInputs(
  z
    .object({
      plan_year: text.refine((v) => /^\d{4}$/.test(v), "Select the plan year the need is for"),
      kind: text.refine((v) => v === "course" || v === "described", "Select whether the need is a course"),
      course_id: text,
      description: text.pipe(z.string().max(500, "The need must be 500 characters or fewer")),
      theme: text,
      priority: text.refine(
        (v) => (priorities as readonly string[]).includes(v),
        "Select how much they need it",
      ),
      pcf_domain: text.refine((v) => v in pcfDomains, "Select the PCF domain it develops"),
      needed_by: dateInput({ label: "Date needed by", enter: "Enter the date it is needed by" }),
    })
    .superRefine(
      (v, ctx) => {
        const kind = str(v.kind);
        if (kind === "course" && !isUuid(str(v.course_id)))
          ctx.addIssue({ code: "custom", path: ["course_id"], message: "Select the course" });
        if (kind === "described") {
          if (str(v.description) === "")
            ctx.addIssue({ code: "custom", path: ["description"], message: "Describe the need" });
          if (!(str(v.theme) in themes))
            ctx.addIssue({ code: "custom", path: ["theme"], message: "Select the theme of the need" });
        }
      },
      { when: () => true },
    )
    .transform((v) => ({
      planYear: Number(v.plan_year),
      courseId: v.kind === "course" ? v.course_id : null,
      description: v.kind === "described" ? v.description : null,
      theme: v.kind === "described" ? v.theme : null,
      priority: v.priority as NeedPriority,
      pcfDomain: v.pcf_domain as string | null,
      neededBy: v.needed_by as string | null,
    })),
);
export type NeedForm = z.output<typeof needForm>;
