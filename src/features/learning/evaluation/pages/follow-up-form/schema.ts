import { z } from "zod";
import { requiredText, scale } from "../shared.js";

export const followUpForm = z.object({
  impact: scale("Select how much practice has changed"),
  example: requiredText(2000, "Enter an example", "The example"),
});
export type FollowUpForm = z.output<typeof followUpForm>;
