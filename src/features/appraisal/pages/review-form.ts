import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FormState } from "../../../platform/forms/form.js";
import { dateInput, dateInputValues, withDateInputs } from "../../people/pages/date-input.js";
import type { ObjectiveProgress } from "../schema.js";
import { isProgress, pageView, progressItems, type ReachedAppraisal, text } from "./shared.js";

/**
 * The form the mid-year review and the completion share: a date, a summary, and the progress
 * of each objective (`progress_<sequence>`, checked against the appraisal's objectives).
 */
export function reviewForm(dateField: string, dateLabel: string, summaryLabel: string) {
  return withDateInputs(
    z.looseObject({
      [dateField]: dateInput({ label: dateLabel }),
      summary: text.pipe(
        z
          .string()
          .min(1, `Enter the ${summaryLabel.toLowerCase()}`)
          .max(4000, `The ${summaryLabel.toLowerCase()} must be 4000 characters or fewer`),
      ),
    }),
  ).transform((f) => ({ on: f[dateField] as string, summary: f.summary as string }));
}
export type ReviewForm = { on: string; summary: string };

/** Each objective's progress must be one of `choices`. */
export function progressCheck(choices: readonly ObjectiveProgress[]) {
  return (page: ReachedAppraisal, body: Record<string, unknown>) => {
    const errors: Record<string, string> = {};
    for (const o of page.objectives) {
      const v = body[`progress_${o.sequence}`];
      if (!(typeof v === "string" && isProgress(v) && choices.includes(v)))
        errors[`progress_${o.sequence}`] = `Select the progress of objective ${o.sequence}`;
    }
    return errors;
  };
}

/** Renders the mid-year or completion form. */
export function renderReview(
  request: FastifyRequest,
  reply: FastifyReply,
  page: ReachedAppraisal,
  form: FormState | null,
  how: {
    view: string;
    title: string;
    action: string;
    choices: readonly ObjectiveProgress[];
    dateField: string;
    stored: { on: string | null; summary: string | null };
    /** False: the form is shown with a warning that the appraisal is not ready for it. */
    ready?: boolean;
  },
) {
  const values: Record<string, unknown> = form?.values ?? {
    ...dateInputValues(how.dateField, how.stored.on),
    summary: how.stored.summary ?? "",
    ...Object.fromEntries(
      page.objectives
        .filter((o) => how.choices.includes(o.progress))
        .map((o) => [`progress_${o.sequence}`, o.progress]),
    ),
  };
  return reply.code(form?.errorSummary?.length ? 400 : 200).render(how.view, {
    ...pageView(request, page, how.title, form),
    values,
    action: how.action,
    dateField: how.dateField,
    ready: how.ready ?? true,
    objectives: page.objectives.map((o) => ({
      sequence: o.sequence,
      objective: o.objective,
      measure: o.measure,
      items: progressItems(how.choices, o.sequence, values[`progress_${o.sequence}`]),
    })),
  });
}
