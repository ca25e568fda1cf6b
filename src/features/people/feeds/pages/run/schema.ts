import { z } from "zod";
import { text } from "../forms.js";

/** `/people/feeds/runs/:runId/import`: import every row, or only the valid ones. */
export const importForm = z.object({
  mode: text((s) =>
    s
      .refine((v) => v === "all" || v === "valid_only", "Select how to import the file")
      .transform((v) => v as "all" | "valid_only"),
  ),
});

export type ImportFormData = z.output<typeof importForm>;
