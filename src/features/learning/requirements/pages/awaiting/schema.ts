import { z } from "zod";
import { text } from "../shared.js";

export const verifyForm = z.object({
  decision: text.pipe(
    z.enum(["verified", "rejected"], { error: "Select whether to accept or reject the learning" }),
  ),
});
export type VerifyForm = z.output<typeof verifyForm>;
