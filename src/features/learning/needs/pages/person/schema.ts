import { z } from "zod";
import { dateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { pcfDomains } from "../../../reference.js";
import { priorities, themes } from "../../reference.js";
import type { NeedPriority } from "../../schema.js";
import { isUuid, text } from "../shared.js";

const everyTime = { when: () => true };
const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * A need recorded with a team member: a catalogue course, or a described need with its theme;
 * the priority, the PCF domain and the date it is needed by. The course or the description and
 * theme are required by what `kind` says, checked every time so all errors show at once.
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
    .superRefine((v, ctx) => {
      const kind = str(v.kind);
      if (kind === "course" && !isUuid(str(v.course_id))) {
        ctx.addIssue({ code: "custom", path: ["course_id"], message: "Select the course" });
      }
      if (kind === "described") {
        if (str(v.description) === "") {
          ctx.addIssue({ code: "custom", path: ["description"], message: "Describe the need" });
        }
        if (!(str(v.theme) in themes)) {
          ctx.addIssue({ code: "custom", path: ["theme"], message: "Select the theme of the need" });
        }
      }
    }, everyTime)
    .transform((v) => ({
      planYear: Number(v.plan_year),
      courseId: v.kind === "course" ? v.course_id : null,
      description: v.kind === "described" ? v.description : null,
      theme: v.kind === "described" ? v.theme : null,
      priority: v.priority as NeedPriority,
      pcfDomain: v.pcf_domain,
      neededBy: v.needed_by,
    })),
);
export type NeedForm = z.output<typeof needForm>;
