import { z } from "zod";

export const MAX_COMMENTARY = 5000;

/** A measure's commentary for a month: what it shows and what is being done, for the board. */
export const commentaryForm = z.object({
  body: z
    .unknown()
    .transform((v) => (typeof v === "string" ? v.replace(/\r\n/g, "\n").trim() : ""))
    .pipe(
      z
        .string()
        .min(1, "Enter the commentary")
        .max(
          MAX_COMMENTARY,
          `Commentary must be ${MAX_COMMENTARY.toLocaleString("en-GB")} characters or fewer`,
        ),
    ),
});
export type CommentaryForm = z.output<typeof commentaryForm>;
