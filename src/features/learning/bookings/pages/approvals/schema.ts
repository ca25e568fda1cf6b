import { z } from "zod";

/** Deciding a request: approve or reject, with an optional note to the learner. */
export const decisionForm = z.object({
  decision: z.enum(["approve", "reject"], { error: "Select whether to approve or reject the request" }),
  note: z
    .string()
    .trim()
    .max(500, "Note must be 500 characters or fewer")
    .optional()
    .transform((v) => v || null),
});
export type DecisionForm = z.output<typeof decisionForm>;
