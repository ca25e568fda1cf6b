import { z } from "zod";
import { text } from "../shared.js";

const whole = (label: string, min: number, max: number) =>
  text.pipe(
    z
      .string()
      .min(1, `Enter ${label}`)
      .regex(
        /^\d+$/,
        `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a whole number from ${min} to ${max}`,
      )
      .transform(Number)
      .refine(
        (n) => n >= min && n <= max,
        `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a whole number from ${min} to ${max}`,
      ),
  );

/** The council's supervision settings. */
export const settingsForm = z.object({
  max_direct_reports: whole("the most direct reports", 1, 50),
  due_soon_days: whole("the due soon days", 0, 60),
  in_date_target_percent: whole("the target percentage", 0, 100),
});
export type SettingsForm = z.output<typeof settingsForm>;
