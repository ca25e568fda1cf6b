import { z } from "zod";
import { isUuid } from "../../../../platform/http/request-helpers.js";
import { dateInput, withDateInputs } from "../../../people/pages/date-input.js";

const FIELD = /^children-(.+)$/;

/**
 * `/caseloads/record`: the date and, for each person listed, the number of children allocated in
 * a field `children-<personId>` (blank: not recorded). Each bad number is reported on its row.
 */
export const recordForm = withDateInputs(
  z
    .looseObject({
      as_at: dateInput({ label: "Date of the caseloads" }),
      unit: z.string().optional(),
    })
    .transform((body, ctx) => {
      const rows: { personId: string; children: number }[] = [];
      for (const [key, raw] of Object.entries(body)) {
        const match = FIELD.exec(key);
        if (!match) continue;
        const personId = match[1] ?? "";
        const text = typeof raw === "string" ? raw.trim() : "";
        if (!isUuid(personId)) continue;
        if (text === "") continue;
        if (!/^\d{1,3}$/.test(text) || Number(text) > 500) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "Number of children must be a whole number from 0 to 500",
          });
          continue;
        }
        rows.push({ personId, children: Number(text) });
      }
      return { asAt: body.as_at, unit: body.unit ?? "", rows };
    }),
);

export type RecordFormData = z.output<typeof recordForm>;
