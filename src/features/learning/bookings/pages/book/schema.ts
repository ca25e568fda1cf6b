import { z } from "zod";
import { isUuid } from "../shared.js";

/** Booking a place: for whom (blank: yourself), and whether to join the waiting list when full. */
export const bookForm = z.object({
  personId: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || isUuid(v), "Select who the place is for"),
  waiting_list: z
    .string()
    .optional()
    .transform((v) => v === "yes"),
});
export type BookForm = z.output<typeof bookForm>;
