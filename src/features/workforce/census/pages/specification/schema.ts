import { z } from "zod";
import { uploadedFile } from "../../../../../platform/uploads/uploads.js";

/** `/workforce/census/specifications/new`: the collection year, its XSD and its rules (JSON). */
export function specificationForm(maxBytes: number) {
  return z.object({
    year: z
      .string({ error: "Enter the collection year" })
      .trim()
      .min(1, "Enter the collection year")
      .regex(/^\d{4}$/, "Collection year must be 4 digits, like 2027")
      .transform(Number)
      .refine((y) => y >= 2000 && y <= 2100, "Collection year must be between 2000 and 2100"),
    file: uploadedFile({ extensions: ["xsd"], typeName: "schema (XSD)", maxBytes }),
    rules: z.string().optional().default(""),
  });
}

export type SpecificationFormData = z.output<ReturnType<typeof specificationForm>>;
