import type { FastifyReply } from "fastify";
import { z } from "zod";
import { formatDate } from "../../../../platform/views/render.js";

export { can, isUuid } from "../../../../platform/http/request-helpers.js";

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export const dateText = (value: unknown): string => formatDate(value, false);

export const evaluationHref = (id: string) => `/learning/evaluations/${id}`;

/** A text field that reads a missing field as empty. */
const text = z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim());

export const requiredText = (max: number, enter: string, label: string) =>
  text.pipe(z.string().min(1, enter).max(max, `${label} must be ${max} characters or fewer`));

export const optionalText = (max: number, label: string) =>
  text.pipe(
    z
      .string()
      .max(max, `${label} must be ${max} characters or fewer`)
      .transform((v) => v || null),
  );

/** A choice of 1 to 5 from radios, as a number. */
export const scale = (select: string) =>
  z.enum(["1", "2", "3", "4", "5"], { error: select }).transform((v) => Number(v));

/** Items of GOV.UK radios for a 1 to 5 scale (with idPrefix = the name, the first has the field's id). */
export function scaleItems(words: readonly string[], chosen: unknown) {
  return words.map((w, i) => ({
    value: String(i + 1),
    text: w,
    checked: String(chosen ?? "") === String(i + 1),
  }));
}

/** Rows of a GOV.UK summary list. */
export function summaryRows(rows: Array<{ key: string; value: string }>) {
  return rows.map((r) => ({ key: { text: r.key }, value: { text: r.value } }));
}
