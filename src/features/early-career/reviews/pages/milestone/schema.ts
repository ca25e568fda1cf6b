import { z } from "zod";
import { checkDateParts, dateInput, withDateInputs } from "../../../../people/pages/date-input.js";
import { type Judgement, judgements } from "../../../schema.js";
import { dateParts, text } from "../shared.js";

const LONG = 5000;

/** The fields both forms share, read leniently (the route's schema); each kind then checks its own. */
export const milestoneFields = withDateInputs(
  z.object({
    held_on: z.unknown().optional(),
    judgement: text,
    evidence_seen: text,
    action_plan: text,
  }),
);

const long = (label: string, enter: string) =>
  text.pipe(z.string().min(1, enter).max(LONG, `${label} must be ${LONG} characters or fewer`));

/**
 * A review: when it was held, the assessor's judgement, the evidence seen and an action plan
 * (needed when there are concerns). Read leniently, then checked together so every problem
 * shows at once.
 */
export const reviewForm = withDateInputs(
  z
    .object({ held_on: dateParts, judgement: text, evidence_seen: text, action_plan: text })
    .transform((f, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      const held = checkDateParts(f.held_on, { label: "Date of the review" });
      if (!held.ok) issue(`held_on-${held.part}`, held.message);
      else if (held.date === null) issue("held_on-day", "Enter the date of the review");
      const judgement = (judgements as readonly string[]).includes(f.judgement)
        ? (f.judgement as Judgement)
        : null;
      if (!judgement) issue("judgement", "Select the assessor's judgement");
      if (f.evidence_seen === "") issue("evidence_seen", "Enter the evidence seen");
      else if (f.evidence_seen.length > LONG)
        issue("evidence_seen", `The evidence seen must be ${LONG} characters or fewer`);
      if (f.action_plan.length > LONG)
        issue("action_plan", `The action plan must be ${LONG} characters or fewer`);
      else if (judgement && judgement !== "on_track" && f.action_plan === "") {
        issue("action_plan", "Enter an action plan: it is needed when there are concerns");
      }
      return {
        heldOn: (held.ok ? held.date : null) ?? "",
        judgement: (judgement ?? null) as Judgement | null,
        evidenceSeen: f.evidence_seen,
        actionPlan: f.action_plan || null,
      };
    }),
);

/**
 * The support and assessment agreement meeting: when it was held, its notes and the support
 * agreed (stored in the review's evidence seen and action plan; it has no judgement).
 */
export const agreementForm = withDateInputs(
  z
    .object({
      held_on: dateInput({ label: "Date of the agreement meeting" }),
      evidence_seen: long("The notes of the meeting", "Enter the notes of the meeting"),
      action_plan: long("The support agreed", "Enter the support agreed"),
    })
    .transform((f) => ({
      heldOn: f.held_on,
      judgement: null as Judgement | null,
      evidenceSeen: f.evidence_seen,
      actionPlan: f.action_plan as string | null,
    })),
);
