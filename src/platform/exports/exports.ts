import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";
import type { TenantDb } from "../tenancy/data-access.js";

export type CellValue = string | number | boolean | Date | null | undefined;

export interface ExportColumn<R> {
  header: string;
  value: (row: R) => CellValue;
}

export type ExportFormat = "csv" | "xlsx";

export function exportFormat(value: unknown): ExportFormat | null {
  return value === "csv" || value === "xlsx" ? value : null;
}

function safeFilename(name: string, ext: ExportFormat): string {
  return `${name.replace(/[^A-Za-z0-9._-]+/g, "-")}.${ext}`;
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "string") return String(value);
  const text = value;
  // Spreadsheet formula injection: a cell starting with = + - @ is shown as text.
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * Streams rows to the client as CSV or XLSX (through exceljs' streaming writer), so a large table
 * never sits in memory. Pass an async iterable (e.g. a Kysely `.stream()`) for big tables.
 */
export function sendExport<R>(
  reply: FastifyReply,
  format: ExportFormat,
  name: string,
  columns: ExportColumn<R>[],
  rows: Iterable<R> | AsyncIterable<R>,
): FastifyReply {
  reply.header("content-disposition", `attachment; filename="${safeFilename(name, format)}"`);
  reply.header("cache-control", "no-store");
  if (format === "csv") {
    const csv = stringify({ header: true, columns: columns.map((c) => c.header), bom: true });
    Readable.from(toRecords(columns, rows, cellText)).pipe(csv);
    return reply.type("text/csv; charset=utf-8").send(csv);
  }
  const out = new PassThrough();
  void writeXlsx(out, name, columns, rows).catch((err: unknown) => out.destroy(err as Error));
  return reply.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").send(out);
}

async function* toRecords<R, T>(
  columns: ExportColumn<R>[],
  rows: Iterable<R> | AsyncIterable<R>,
  format: (v: CellValue) => T,
): AsyncGenerator<T[]> {
  for await (const row of rows) yield columns.map((c) => format(c.value(row)));
}

async function writeXlsx<R>(
  out: PassThrough,
  name: string,
  columns: ExportColumn<R>[],
  rows: Iterable<R> | AsyncIterable<R>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(name.slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c.header, width: Math.max(12, c.header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const values of toRecords(columns, rows, (v) => (v === undefined ? null : v))) {
    sheet.addRow(values).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * The columns of a table that may leave the service in an export: never private notes or
 * secrets, and equality data only when the caller says the user may see it.
 */
export async function exportableColumns(
  trx: TenantDb,
  table: string,
  columns: string[],
  options: { includeEquality: boolean },
): Promise<string[]> {
  const classes = await trx
    .selectFrom("audit_field_classes")
    .select(["column_name", "class"])
    .where("table_name", "=", table)
    .execute();
  const blocked = new Set(
    classes.filter((c) => c.class !== "equality" || !options.includeEquality).map((c) => c.column_name),
  );
  return columns.filter((c) => !blocked.has(c));
}
