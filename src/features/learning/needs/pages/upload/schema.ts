import { z } from "zod";
import { uploadedFile } from "../../../../../platform/uploads/uploads.js";
import { text } from "../shared.js";

/** `/learning/needs/upload`: the plan year and a CSV file of needs from appraisals and quality findings. */
export function uploadForm(maxBytes: number) {
  return z.object({
    plan_year: text
      .refine((v) => /^\d{4}$/.test(v), "Select the plan year the needs are for")
      .transform(Number),
    file: uploadedFile({ extensions: ["csv"], typeName: "CSV", maxBytes }),
  });
}
export type UploadFormData = z.output<ReturnType<typeof uploadForm>>;
