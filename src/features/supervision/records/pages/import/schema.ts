import { z } from "zod";
import { uploadedFile } from "../../../../../platform/uploads/uploads.js";

/** `/supervision/import`: a case supervision CSV from the case management system. */
export function importForm(maxBytes: number) {
  return z.object({ file: uploadedFile({ extensions: ["csv"], typeName: "CSV", maxBytes }) });
}

export type ImportFormData = z.output<ReturnType<typeof importForm>>;
