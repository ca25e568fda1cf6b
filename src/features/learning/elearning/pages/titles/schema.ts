import { z } from "zod";
import { isUuid } from "../shared.js";

const single = (v: unknown) => (Array.isArray(v) ? v[0] : v) ?? "";

/** `/learning/elearning/titles/:titleId`: the catalogue course a platform title is, or none. */
export const mapTitleForm = z.object({
  course: z.preprocess(
    single,
    z
      .string()
      .trim()
      .refine((v) => v === "" || isUuid(v), "Select a course from the list")
      .transform((v) => v || null),
  ),
});

export type MapTitleFormData = z.output<typeof mapTitleForm>;
