import { z } from "zod";
import { uploadedFile } from "../../../../../platform/uploads/uploads.js";

/** `/learning/elearning`: the e-learning platform's CSV file of completions. */
export function uploadForm(maxBytes: number) {
  return z.object({ file: uploadedFile({ extensions: ["csv"], typeName: "CSV", maxBytes }) });
}

export type UploadFormData = z.output<ReturnType<typeof uploadForm>>;
