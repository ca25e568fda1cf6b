import { z } from "zod";

/** Cancelling a booking: an optional reason. */
export const cancelForm = z.object({
  reason: z
    .string()
    .trim()
    .max(500, "Reason must be 500 characters or fewer")
    .optional()
    .transform((v) => v || null),
});
export type CancelForm = z.output<typeof cancelForm>;

/** Accepting or declining an offer: nothing but the CSRF token. */
export const offerForm = z.object({});
