import { z } from "zod";
import { isUuid, text } from "../shared.js";

/** Starting an appraisal: the cycle and the appraiser. */
export const startForm = z.object({
  cycle_id: text.refine(isUuid, "Select the appraisal cycle"),
  appraiser_person_id: text.refine(isUuid, "Select the appraiser"),
});
export type StartForm = z.output<typeof startForm>;
