import { z } from "zod";
import { uploadedFile } from "../../../../platform/uploads/uploads.js";
import { optionalDateInput, withDateInputs } from "../../../people/pages/date-input.js";

/** `/caseloads/upload`: the case management system's CSV and, when it has no as_at column, its date. */
export function uploadForm(maxBytes: number) {
  return withDateInputs(
    z.object({
      file: uploadedFile({ extensions: ["csv"], typeName: "CSV", maxBytes }),
      as_at: optionalDateInput({ label: "Date of the caseloads" }),
    }),
  );
}

export type UploadFormData = z.output<ReturnType<typeof uploadForm>>;
