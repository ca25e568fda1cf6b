import { parse } from "csv-parse/sync";
import { isIsoDate } from "../../platform/dates.js";

/**
 * The case management system's caseload file: a header row, then a row per worker. Columns
 * (headings case-blind; spaces and hyphens read as underscores):
 *   worker_id (or employee_number, email, worker): the employee number, email or source id;
 *   as_at (or date): the date of the figures, yyyy-mm-dd or dd/mm/yyyy (or one date for the file);
 *   children (or caseload): the number of children allocated;
 *   any other column: a case category's count (e.g. child_protection), optional.
 */
export interface CaseloadCsvRow {
  row: number;
  workerId: string;
  asAt: string;
  children: string;
  categories: Record<string, string>;
}

const WORKER = ["worker_id", "employee_number", "email", "worker", "staff_id"];
const AS_AT = ["as_at", "as_at_date", "date", "snapshot_date"];
const CHILDREN = ["children", "caseload", "number_of_children", "children_allocated"];

export function heading(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

export class CaseloadFileError extends Error {}

export function parseCaseloadCsv(text: string): { rows: CaseloadCsvRow[]; hasDate: boolean } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true });
  } catch {
    throw new CaseloadFileError("The selected file could not be read as CSV");
  }
  const [head, ...body] = records;
  if (!head) throw new CaseloadFileError("The selected file is empty");
  const names = head.map(heading);
  const find = (options: string[]) => names.findIndex((n) => options.includes(n));
  const worker = find(WORKER);
  const asAt = find(AS_AT);
  const children = find(CHILDREN);
  if (worker < 0 || children < 0)
    throw new CaseloadFileError("The selected file must have the columns worker_id and children");
  const categoryColumns = names
    .map((n, i) => ({ n, i }))
    .filter(({ n, i }) => i !== worker && i !== asAt && i !== children && /^[a-z0-9_]{1,40}$/.test(n));
  return {
    hasDate: asAt >= 0,
    rows: body.map((cells, index) => ({
      row: index + 2,
      workerId: cells[worker] ?? "",
      asAt: asAt >= 0 ? (cells[asAt] ?? "") : "",
      children: cells[children] ?? "",
      categories: Object.fromEntries(
        categoryColumns.map(({ n, i }) => [n, cells[i] ?? ""]).filter(([, v]) => v !== ""),
      ),
    })),
  };
}

/** yyyy-mm-dd or dd/mm/yyyy as an ISO date, else null. */
export function csvDate(text: string): string | null {
  const t = text.trim();
  if (isIsoDate(t)) return t;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (!m) return null;
  const iso = `${m[3]}-${(m[2] ?? "").padStart(2, "0")}-${(m[1] ?? "").padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/** A whole number of children from 0 to 500, else null. */
export function childrenCount(text: string): number | null {
  if (!/^\d{1,3}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n <= 500 ? n : null;
}
