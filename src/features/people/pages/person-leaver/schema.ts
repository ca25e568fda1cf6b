import { z } from "zod";
import { leavingDestinations, leavingReasons } from "../../reference/dfe-codes.js";
import { type ExitTheme, exitThemes } from "../../reference/domain.js";
import { dateInput, withDateInputs } from "../date-input.js";
import { checkboxField, optionalText, textField } from "../shared.js";

const inCodes = (codes: object) => (v: string) => Object.keys(codes).includes(v);

/** `/people/:personId/leaver`: the leaving date, the DfE's reason and destination, and the exit conversation. */
export const leaverForm = withDateInputs(
  z.object({
    left_on: dateInput({ label: "Leaving date", enter: "Enter their leaving date" }),
    reason_code: textField((s) =>
      s.refine(inCodes(leavingReasons), "Select why they left").transform(Number),
    ),
    destination_code: textField((s) =>
      s
        .refine((v) => v === "" || inCodes(leavingDestinations)(v), "Select where they went")
        .transform((v) => (v === "" ? null : Number(v))),
    ),
    exit_themes: checkboxField((a) =>
      a
        .refine((list) => list.every((t) => (exitThemes as readonly string[]).includes(t)), {
          message: "Select themes from the list",
        })
        .transform((list) => list as ExitTheme[]),
    ),
    exit_notes: optionalText(2000, "Exit notes must be 2000 characters or fewer"),
  }),
);

export type LeaverForm = z.output<typeof leaverForm>;
