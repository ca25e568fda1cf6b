import { z } from "zod";
import { text } from "../shared.js";

/** HR confirms the move done; the pay point, HR's field, may be given or corrected as they do. */
export const confirmProgressionForm = z.object({
  pay_point: text.pipe(
    z
      .string()
      .max(40, "Pay point must be 40 characters or fewer")
      .transform((v) => v || null),
  ),
});
export type ConfirmProgressionForm = z.output<typeof confirmProgressionForm>;
