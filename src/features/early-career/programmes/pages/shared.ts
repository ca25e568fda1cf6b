import { z } from "zod";
import type { ProgrammesService } from "../programmes.service.js";
import type { SurveyService } from "../survey.js";

export { notFound } from "../../pages-shared.js";

export interface PageOptions {
  programmes: ProgrammesService;
  survey: SurveyService;
}

export const programmesHome = "/early-career/programmes";
export const programmeHref = (programmeId: string) => `${programmesHome}/${programmeId}`;

/** A text field that reads a missing field as empty. */
export const text = z.preprocess(
  (v) => (v === undefined || v === null ? "" : Array.isArray(v) ? v[0] : v),
  z.string().trim(),
);

/** Checkboxes: none, one (a string) or several (an array) values, as a list. */
export const checkboxList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== ""));

/** Radio items with the first one carrying the field's id (the error summary links to it). */
export function radioItems(name: string, options: Array<{ value: string; text: string }>, chosen: unknown) {
  return options.map((o, i) => ({
    value: o.value,
    text: o.text,
    ...(i === 0 ? { id: name } : {}),
    checked: String(chosen ?? "") === o.value,
  }));
}
