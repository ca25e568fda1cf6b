import { z } from "zod";
import { uploadedFile } from "../../../../../platform/uploads/uploads.js";

/** `/cpd/registration/checks/upload`: a register feed file. */
export function uploadForm(maxBytes: number) {
  return z.object({ file: uploadedFile({ extensions: ["csv"], typeName: "CSV", maxBytes }) });
}

export type UploadFormData = z.output<ReturnType<typeof uploadForm>>;
