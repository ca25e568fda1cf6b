import { z } from "zod";
import { dateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { text } from "../shared-form.js";

/** The assessor's sign-off: a recommendation and the day. */
export const signOffForm = withDateInputs(
  z.object({
    recommendation: text.pipe(
      z.enum(["pass", "fail"], { error: "Select whether you recommend a pass or a fail" }),
    ),
    signed_off_on: dateInput({ label: "Date of the sign-off" }),
  }),
);
export type SignOffForm = z.output<typeof signOffForm>;
