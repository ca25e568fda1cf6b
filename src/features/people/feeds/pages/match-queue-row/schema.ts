import { z } from "zod";
import { isUuid, text } from "../forms.js";

/** `/people/feeds/match-queue/:runId/:rowNumber`: who the row is (a person's id), or "new" to add them. */
export const matchForm = z.object({
  decision: text((s) =>
    s.refine((v) => v === "new" || isUuid(v), "Select who this is, or select that they are a new person"),
  ),
});

export type MatchFormData = z.output<typeof matchForm>;
