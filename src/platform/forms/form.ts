import type { z } from "zod";

export interface ErrorSummaryItem {
  text: string;
  href: string;
}

/** What a form page renders with: the values to put back, each field's error and the summary. */
export interface FormState {
  values: Record<string, unknown>;
  errors: Record<string, string>;
  errorSummary?: ErrorSummaryItem[];
}

export type FormResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** Field id -> message, for `errorMessage` on each component. */
      errors: Record<string, string>;
      /** For the layout's error summary, in field order. */
      errorSummary: ErrorSummaryItem[];
      /** What the user typed, to put back in the fields. */
      values: Record<string, unknown>;
    };

/**
 * Validates a submitted form with its zod schema. Every error is reported at once; a field's id,
 * name and schema key are the same, so the summary links to `#key`. Only the first message per
 * field is kept (GOV.UK shows one message a field).
 */
export function validateForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join("-") || "form";
    if (!(key in errors)) errors[key] = issue.message;
  }
  const errorSummary = Object.entries(errors).map(([key, text]) => ({ text, href: `#${key}` }));
  const values = typeof body === "object" && body !== null ? { ...(body as Record<string, unknown>) } : {};
  delete values._csrf;
  return { ok: false, errors, errorSummary, values };
}
