import { parse } from "csv-parse/sync";
import { isIsoDate } from "../../../platform/dates.js";
import { decodeCsv } from "../../people/feeds/csv.js";

/** A column a feed file has: its heading as the page shows it, and the headings read as it. */
export interface FeedColumn<K extends string = string> {
  key: K;
  heading: string;
  /** Headings (normalised: see `heading`) accepted for the column. */
  names: readonly string[];
  optional?: boolean;
}

/** One data row of a feed file, with its row number as a spreadsheet shows it (header: row 1). */
export interface FeedCsvRow<K extends string = string> {
  row: number;
  /** The cells by column (an optional column the file lacks is absent). */
  cells: Record<K, string>;
}

/** The whole file cannot be read (no header, not CSV, columns missing): nothing is imported. */
export class FeedFileError extends Error {}

/** "Post reference (optional)" -> "post_reference"; "SWE number" -> "swe_number". */
export function heading(text: string): string {
  return text
    .replace(/\(optional\)/i, "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * Reads a feed file: UTF-8 or Windows-1252 (as spreadsheet programs on Windows save it), a header
 * row naming the columns (case-blind, any order), then the rows. Optional columns the file lacks
 * are left out of every row's cells.
 */
export function readFeedCsv<K extends string>(
  bytes: Uint8Array,
  columns: readonly FeedColumn<K>[],
): { rows: FeedCsvRow<K>[]; present: Set<K> } {
  const text = decodeCsv(bytes);
  if (text.trim() === "") throw new FeedFileError("The selected file is empty");
  let records: { record: string[]; info: { records: number; empty_lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch {
    throw new FeedFileError(
      "The selected file could not be read as CSV: check that every quotation mark is closed",
    );
  }
  const [head, ...body] = records;
  if (!head) throw new FeedFileError("The selected file is empty");
  const names = head.record.map(heading);
  const index = new Map<K, number>();
  const missing: string[] = [];
  for (const column of columns) {
    const i = names.findIndex((n) => column.names.includes(n));
    if (i >= 0) index.set(column.key, i);
    else if (!column.optional) missing.push(column.heading);
  }
  if (missing.length)
    throw new FeedFileError(
      `The selected file must have a header row with the columns ${columns
        .filter((c) => !c.optional)
        .map((c) => c.heading)
        .join(", ")} (missing: ${missing.join(", ")})`,
    );
  if (body.length === 0) throw new FeedFileError("The selected file has a header row but no rows below it");
  return {
    present: new Set(index.keys()),
    rows: body.map(({ record, info }) => {
      const cells = {} as Record<K, string>;
      for (const [key, i] of index) cells[key] = record[i] ?? "";
      return { row: info.records + info.empty_lines, cells };
    }),
  };
}

/** yyyy-mm-dd or dd/mm/yyyy (d/m/yyyy) as an ISO date, else null. */
export function feedDate(text: string): string | null {
  const t = text.trim();
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = uk ? `${uk[3]}-${uk[2]?.padStart(2, "0")}-${uk[1]?.padStart(2, "0")}` : t;
  return isIsoDate(iso) ? iso : null;
}
