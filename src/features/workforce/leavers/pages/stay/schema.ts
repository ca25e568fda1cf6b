import { z } from "zod";
import { dateInput, optionalDateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { checkboxField, optionalText, textField } from "../../../../people/pages/shared.js";
import { type ExitTheme, exitThemes } from "../../../../people/reference/domain.js";
import { type StayOutcome, stayOutcomes } from "../../../schema.js";

const outcome = textField((s) =>
  s
    .refine((v) => (stayOutcomes as readonly string[]).includes(v), "Select the outcome of the conversation")
    .transform((v) => v as StayOutcome),
);
const actions = optionalText(2000, "Actions agreed must be 2000 characters or fewer");
const followUp = optionalDateInput({ label: "Follow-up date" });

/** `/workforce/stay-conversations/new`: the conversation as held. */
export const newConversationForm = withDateInputs(
  z
    .object({
      held_on: dateInput({ label: "Date held", enter: "Enter the date the conversation was held" }),
      held_by: textField((s) => s.min(1, "Select who held the conversation")),
      themes: checkboxField((a) =>
        a
          .refine((list) => list.every((t) => (exitThemes as readonly string[]).includes(t)), {
            message: "Select themes from the list",
          })
          .transform((list) => list as ExitTheme[]),
      ),
      actions,
      outcome,
      follow_up_on: followUp,
    })
    .superRefine((v, ctx) => {
      if (v.follow_up_on && v.held_on && v.follow_up_on < v.held_on) {
        ctx.addIssue({
          code: "custom",
          path: ["follow_up_on", "day"],
          message: "Follow-up date must be on or after the date held",
        });
      }
    }),
);
export type NewConversation = z.output<typeof newConversationForm>;

/** `/workforce/stay-conversations/:conversationId/edit`: what changes after the conversation. */
export const editConversationForm = withDateInputs(z.object({ outcome, follow_up_on: followUp, actions }));
export type ConversationChanges = z.output<typeof editConversationForm>;
