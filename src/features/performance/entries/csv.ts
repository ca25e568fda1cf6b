import { parse } from "csv-parse/sync";
import type { ImportCells } from "./schema.js";

/** The import file's columns, in the template's order. */
export const importColumns = [
  "measure_key",
  "unit_code",
  "period_end",
  "month",
  "value",
  "numerator",
  "denominator",
  "note",
] as const;

export const MAX_ROWS = 5000;

export class EntryFileError extends Error {}

function heading(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * Reads the import file: a header row naming the columns (any order, case-blind; unknown ones
 * ignored), then a row per value. Needs measure_key, a month (period_end or month) and value or
 * numerator and denominator columns. Row numbers count the header as row 1.
 */
export function parseEntriesCsv(text: string): Array<{ row: number; cells: ImportCells }> {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch {
    throw new EntryFileError("The selected file could not be read as CSV");
  }
  const [head, ...body] = records;
  if (!head) throw new EntryFileError("The selected file is empty");
  const names = head.map(heading);
  const at = (name: string) => names.indexOf(name);
  if (at("measure_key") < 0) throw new EntryFileError("The selected file must have a measure_key column");
  if (at("period_end") < 0 && at("month") < 0)
    throw new EntryFileError("The selected file must have a period_end or a month column");
  if (at("value") < 0 && (at("numerator") < 0 || at("denominator") < 0))
    throw new EntryFileError(
      "The selected file must have a value column, or numerator and denominator columns",
    );
  if (body.length === 0) throw new EntryFileError("The selected file has no rows below its header");
  if (body.length > MAX_ROWS)
    throw new EntryFileError(
      `The selected file must have no more than ${MAX_ROWS.toLocaleString("en-GB")} rows`,
    );
  return body.map((cells, index) => ({
    row: index + 2,
    cells: Object.fromEntries(
      importColumns.map((c) => [c, at(c) >= 0 ? (cells[at(c)] ?? "").trim() : ""]),
    ) as unknown as ImportCells,
  }));
}

/** The template: the header and an example row for the council, for the month given. */
export function templateCsv(periodEnd: string): string {
  return [
    importColumns.join(","),
    `assessments_in_45_days,,${periodEnd},,93.5,187,200,Council-wide figure from the case management system`,
    "",
  ].join("\r\n");
}
