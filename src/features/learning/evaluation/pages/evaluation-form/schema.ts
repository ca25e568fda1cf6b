import { z } from "zod";
import { optionalText, requiredText, scale } from "../shared.js";

export const evaluationForm = z.object({
  rating: scale("Select how you rate the session"),
  confidence_before: scale("Select how confident you felt before the session"),
  confidence_after: scale("Select how confident you feel after the session"),
  will_do_differently: requiredText(
    2000,
    "Enter what you will do differently",
    "What you will do differently",
  ),
  comments: optionalText(2000, "Comments"),
});
export type EvaluationForm = z.output<typeof evaluationForm>;
