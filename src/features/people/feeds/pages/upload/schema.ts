import { z } from "zod";
import { uploadedFile } from "../../../../../platform/uploads/uploads.js";
import { isUuid, text } from "../forms.js";

/** `/people/feeds/upload`: which source the file comes from, and the file. */
export function uploadForm(maxBytes: number) {
  return z.object({
    source: text((s) => s.refine(isUuid, "Select where the file comes from")),
    file: uploadedFile({ extensions: ["csv"], typeName: "CSV", maxBytes }),
  });
}

export type UploadFormData = z.output<ReturnType<typeof uploadForm>>;
