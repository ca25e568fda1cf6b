import { z } from "zod";
import { optionalDateInput, withDateInputs } from "../../../pages/date-input.js";
import { leavingReasons } from "../../../reference/dfe-codes.js";
import { text } from "../forms.js";

/**
 * `/people/feeds/possible-leavers/:id`: confirm they left (a leaving date and the DfE's reason,
 * "not yet collected" unless HR knows it) or dismiss. The date and reason are needed only to confirm.
 */
export const possibleLeaverForm = withDateInputs(
  z
    .object({
      decision: text((s) =>
        s
          .refine((v) => v === "confirm" || v === "dismiss", "Select whether they have left or not")
          .transform((v) => v as "confirm" | "dismiss"),
      ),
      left_on: optionalDateInput({ label: "Leaving date", enter: "Enter their leaving date" }),
      reason_code: text((s) => s),
    })
    .superRefine((v, ctx) => {
      if (v.decision !== "confirm") return;
      if (v.left_on === null) {
        ctx.addIssue({ code: "custom", path: ["left_on", "day"], message: "Enter their leaving date" });
      }
      if (!Object.keys(leavingReasons).includes(v.reason_code)) {
        ctx.addIssue({ code: "custom", path: ["reason_code"], message: "Select why they left" });
      }
    })
    .transform((v) => ({
      decision: v.decision,
      left_on: v.left_on,
      reason_code: Number(v.reason_code) || 10,
    })),
);

export type PossibleLeaverFormData = z.output<typeof possibleLeaverForm>;
