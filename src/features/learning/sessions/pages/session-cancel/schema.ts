import { z } from "zod";

export const cancelForm = z.object({
  reason: z
    .string({ error: "Enter why the session is cancelled" })
    .trim()
    .min(1, "Enter why the session is cancelled")
    .max(500, "Reason must be 500 characters or fewer"),
});
export type CancelForm = z.output<typeof cancelForm>;
