import { z } from "zod";
import type { IsoDate } from "../../../platform/dates.js";
import { parseFeedDate } from "../../people/feeds/row-schema.js";

/**
 * The columns of an e-learning platform's completions file. Headers are matched ignoring case,
 * spaces and punctuation, and a few common names are accepted for each.
 */
export const columnFields = ["employee_number", "email", "title", "completed_on", "score", "hours"] as const;
export type ColumnField = (typeof columnFields)[number];

export const columnLabels: Record<ColumnField, string> = {
  employee_number: "Employee number",
  email: "Email",
  title: "Course title",
  completed_on: "Completed date",
  score: "Score",
  hours: "Hours",
};

const aliases: Record<ColumnField, string[]> = {
  employee_number: [
    "employee number",
    "employee no",
    "employee id",
    "staff number",
    "staff id",
    "payroll number",
  ],
  email: ["email", "email address", "e mail", "user email", "learner email", "work email"],
  title: ["course title", "course", "course name", "module", "module title", "title"],
  completed_on: [
    "completed date",
    "completed on",
    "completion date",
    "date completed",
    "completed",
    "date of completion",
  ],
  score: ["score", "result", "score percent", "percentage", "mark"],
  hours: ["hours", "cpd hours", "duration hours", "learning hours"],
};

/** A header as it is compared: lower case, words separated by single spaces, no punctuation. */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/%/g, " percent ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** A course title as the mapping finds it: lower case, trimmed, single spaces. */
export function titleKey(title: string): string {
  return title.trim().toLowerCase().replace(/\s+/g, " ");
}

export type ColumnIndexes = Partial<Record<ColumnField, number>>;

/**
 * Which cell holds each field, or the reason the file cannot be read: the course title and the
 * completed date are required, and at least one of employee number and email.
 */
export function resolveColumns(
  header: string[],
): { ok: true; columns: ColumnIndexes } | { ok: false; message: string } {
  const keys = header.map(headerKey);
  const columns: ColumnIndexes = {};
  for (const field of columnFields) {
    const index = keys.findIndex((k) => aliases[field].includes(k));
    if (index !== -1) columns[field] = index;
  }
  const missing = (["title", "completed_on"] as const).filter((f) => columns[f] === undefined);
  const named = (fields: readonly ColumnField[]) => fields.map((f) => `‘${columnLabels[f]}’`).join(" and ");
  if (missing.length) {
    return {
      ok: false,
      message: `The file must have a column called ${named(missing)} in its first row`,
    };
  }
  if (columns.employee_number === undefined && columns.email === undefined) {
    return {
      ok: false,
      message: "The file must have a column called ‘Employee number’ or ‘Email’ in its first row",
    };
  }
  return { ok: true, columns };
}

export interface Completion {
  employee_number: string | null;
  email: string | null;
  title: string;
  completed_on: IsoDate;
  score: number | null;
  hours: number | null;
}

const optionalNumber = (label: string, max: number, example: string) =>
  z.string().transform((v, ctx) => {
    if (v === "") return null;
    const cleaned = v.replace(/%$/, "").trim();
    const n = /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
    if (Number.isFinite(n) && n <= max) return Math.round(n * 100) / 100;
    ctx.addIssue({ code: "custom", message: `${label} must be a number from 0 to ${max}, like ${example}` });
    return z.NEVER;
  });

/** The check of one row, against today (a completion cannot be in the future). */
export function completionSchema(today: IsoDate) {
  return z
    .object({
      employee_number: z
        .string()
        .max(50, "Employee number must be 50 characters or fewer")
        .transform((v) => v || null),
      email: z.string().transform((v, ctx) => {
        if (v === "") return null;
        if (v.length > 254 || !z.email().safeParse(v).success) {
          ctx.addIssue({ code: "custom", message: "Email must be an email address, like name@example.com" });
          return z.NEVER;
        }
        return v;
      }),
      title: z
        .string()
        .min(1, "Enter the course title")
        .max(200, "Course title must be 200 characters or fewer")
        .transform((v) => v.replace(/\s+/g, " ")),
      completed_on: z.string().transform((v, ctx) => {
        const date = v === "" ? null : parseFeedDate(v);
        if (!date) {
          ctx.addIssue({
            code: "custom",
            message:
              v === ""
                ? "Enter the completed date"
                : "Completed date must be a real date, as dd/mm/yyyy or yyyy-mm-dd",
          });
          return z.NEVER;
        }
        if (date > today) {
          ctx.addIssue({ code: "custom", message: "Completed date must be today or in the past" });
          return z.NEVER;
        }
        return date;
      }),
      score: optionalNumber("Score", 100, "85"),
      hours: optionalNumber("Hours", 1000, "1.5"),
    })
    .refine((r) => r.employee_number !== null || r.email !== null, {
      message: "Enter the employee number or the email",
      path: ["employee_number"],
    });
}

export type RowResult =
  | { ok: true; data: Completion }
  | { ok: false; message: string; cells: Record<ColumnField, string> };

/** Checks one record's cells; a rejected row keeps its cells for the report. */
export function rowChecker(columns: ColumnIndexes, today: IsoDate) {
  const schema = completionSchema(today);
  return (cells: string[]): RowResult => {
    const input = Object.fromEntries(
      columnFields.map((f) => {
        const index = columns[f];
        return [f, index === undefined ? "" : (cells[index] ?? "").trim()];
      }),
    ) as Record<ColumnField, string>;
    const result = schema.safeParse(input);
    if (result.success) return { ok: true, data: result.data };
    const messages = [...new Set(result.error.issues.map((i) => i.message))];
    return { ok: false, message: messages.join(". "), cells: input };
  };
}
