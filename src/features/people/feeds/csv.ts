import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";

/** One record of a CSV file with its row number as a spreadsheet shows it (the header is row 1). */
export interface CsvRecord {
  row: number;
  cells: string[];
}

export class CsvFileError extends Error {}

/** Gives other work (requests, /health) a turn between chunks of a long loop. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Text of a file: UTF-8 (a byte order mark is dropped), or Windows-1252 when it is not valid
 * UTF-8, as spreadsheet programs on Windows often save CSV.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** A quick count of the data rows (line breaks after the header), for progress before parsing. */
export function estimateRows(text: string): number {
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines += 1;
  if (text.length > 0 && !text.endsWith("\n")) lines += 1;
  return Math.max(0, lines - 1);
}

const SLICE = 64 * 1024;

/**
 * Reads CSV text in chunks of records, handing the event loop back between chunks so a large
 * file never stalls the app. The first chunk starts with the header record. Empty lines are
 * skipped but still counted in row numbers.
 */
export async function* readCsvChunks(text: string, chunkSize = 500): AsyncGenerator<CsvRecord[]> {
  const parser = parse({
    bom: true,
    info: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: 64 * 1024,
  });
  function* slices() {
    for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
  }
  Readable.from(slices(), { objectMode: false }).pipe(parser);
  let chunk: CsvRecord[] = [];
  try {
    for await (const item of parser as AsyncIterable<{
      record: string[];
      info: { records: number; empty_lines: number };
    }>) {
      chunk.push({ row: item.info.records + item.info.empty_lines, cells: item.record });
      if (chunk.length >= chunkSize) {
        yield chunk;
        chunk = [];
        await yieldToEventLoop();
      }
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const line = typeof err.lines === "number" ? ` near line ${err.lines}` : "";
      throw new CsvFileError(
        `The file could not be read${line}: check it is a CSV file and that every quotation mark is closed`,
      );
    }
    throw err;
  }
  if (chunk.length) yield chunk;
}
