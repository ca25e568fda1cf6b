import { z } from "zod";
import { dateInput, withDateInputs } from "../../../people/pages/date-input.js";

/** `/caseloads/weights/new`: a case category's weight from a date (a new one ends the one before). */
export const weightForm = withDateInputs(
  z.object({
    category: z
      .string({ message: "Enter the category's column name" })
      .trim()
      .min(1, "Enter the category's column name")
      .transform((v) => v.toLowerCase().replace(/[\s-]+/g, "_"))
      .refine(
        (v) => /^[a-z0-9_]{1,40}$/.test(v),
        "Column name must be letters, numbers and underscores, up to 40",
      ),
    name: z
      .string({ message: "Enter the category's name" })
      .trim()
      .min(1, "Enter the category's name")
      .max(120, "Name must be 120 characters or fewer"),
    weight: z
      .string({ message: "Enter the weight" })
      .trim()
      .min(1, "Enter the weight")
      .refine(
        (v) => /^\d+(\.\d{1,2})?$/.test(v) && Number(v) > 0 && Number(v) <= 10,
        "Weight must be a number above 0 and up to 10",
      )
      .transform(Number),
    valid_from: dateInput({ label: "Date the weight starts" }),
  }),
);

export type WeightFormData = z.output<typeof weightForm>;
