import { z } from "zod";
import { isUuid } from "../../../../platform/http/request-helpers.js";

export const isUuidText = (v: string) => isUuid(v);

/** A text field that reads a missing field as empty. */
export const text = z.preprocess(
  (v) => (Array.isArray(v) ? (v[0] ?? "") : v === undefined || v === null ? "" : v),
  z.string().trim(),
);

/** Checkboxes: none, one (a string) or several (an array) values, as a list. */
export const checkboxList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== ""));

/** A single checkbox, "yes" when ticked. */
export const yes = z
  .unknown()
  .optional()
  .transform((v) => v === "yes" || (Array.isArray(v) && v.includes("yes")));
