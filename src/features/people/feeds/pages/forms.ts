import { z } from "zod";

/** Small zod helpers for the feeds pages' forms (a field may arrive as a string or be missing). */

const single = (v: unknown) => (Array.isArray(v) ? v[0] : v) ?? "";

export function text<T extends z.ZodType>(inner: (s: z.ZodString) => T) {
  return z.preprocess(single, inner(z.string().trim()));
}

export function optionalText(max: number, tooLong: string) {
  return text((s) => s.max(max, tooLong).transform((v) => (v === "" ? null : v)));
}

export function yesNo(message: string) {
  return text((s) => s.refine((v) => v === "yes" || v === "no", message).transform((v) => v === "yes"));
}

export { isUuid } from "../../../../platform/http/request-helpers.js";
