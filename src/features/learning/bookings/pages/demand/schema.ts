import { z } from "zod";

/** Registering interest in a course with no dates: an optional note. */
export const interestForm = z.object({
  note: z
    .string()
    .trim()
    .max(500, "Note must be 500 characters or fewer")
    .optional()
    .transform((v) => v || null),
});
export type InterestForm = z.output<typeof interestForm>;
