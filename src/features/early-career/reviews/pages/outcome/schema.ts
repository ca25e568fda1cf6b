import { z } from "zod";
import { checkDateParts, withDateInputs } from "../../../../people/pages/date-input.js";
import { dateParts, text } from "../shared.js";

/**
 * The programme's outcome: pass or fail and its date; for a pass, the pay point (optional) and
 * the date the new career level takes effect (the outcome date unless given). Read leniently,
 * then checked together so every problem shows at once.
 */
export const outcomeForm = withDateInputs(
  z
    .object({ result: text, outcome_on: dateParts, pay_point: text, effective_on: dateParts })
    .transform((f, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      const result: "pass" | "fail" | null = f.result === "pass" || f.result === "fail" ? f.result : null;
      if (!result) issue("result", "Select pass or fail");
      const outcome = checkDateParts(f.outcome_on, { label: "Outcome date" });
      if (!outcome.ok) issue(`outcome_on-${outcome.part}`, outcome.message);
      else if (outcome.date === null) issue("outcome_on-day", "Enter the outcome date");
      if (f.pay_point.length > 40) issue("pay_point", "Pay point must be 40 characters or fewer");
      const effective = checkDateParts(f.effective_on, { label: "Date the new level takes effect" });
      if (!effective.ok) issue(`effective_on-${effective.part}`, effective.message);
      const outcomeOn = (outcome.ok ? outcome.date : null) ?? "";
      const effectiveOn = effective.ok ? effective.date : null;
      if (effectiveOn && outcomeOn && effectiveOn < outcomeOn) {
        issue("effective_on-day", "The date the new level takes effect must be on or after the outcome date");
      }
      return {
        result: result ?? ("fail" as const),
        outcomeOn,
        payPoint: result === "pass" ? f.pay_point || null : null,
        effectiveOn: result === "pass" ? effectiveOn : null,
      };
    }),
);
export type OutcomeForm = z.output<typeof outcomeForm>;
