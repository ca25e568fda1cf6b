import { parse } from "csv-parse/sync";
import { z } from "zod";
import { type IndicatorColumn, indicatorColumns } from "../schema.js";

/**
 * The DfE's published headline measures (csww_indicators_*.csv; see reference/README.md): a header row,
 * then one row per census year and place (England, a region, a local authority). Each row is read
 * with zod on its own, so a bad row is reported and the rest kept. A suppressed or missing cell
 * (x, c, z, u, low, :, blank) is no figure (null), never 0.
 */
export const geographicLevels = ["National", "Regional", "Local authority"] as const;
export type GeographicLevel = (typeof geographicLevels)[number];

export interface IndicatorRow {
  time_period: number;
  geographic_level: GeographicLevel;
  area_code: string;
  area_name: string;
  region_code: string | null;
  old_la_code: string | null;
  values: Record<IndicatorColumn, number | null>;
}

export interface RefusedRow {
  row: number;
  message: string;
}

export class IndicatorFileError extends Error {}

const placeColumns = [
  "time_period",
  "geographic_level",
  "country_code",
  "country_name",
  "region_code",
  "region_name",
  "old_la_code",
  "new_la_code",
  "la_name",
] as const;
export const requiredColumns: readonly string[] = [...placeColumns, ...indicatorColumns];

/** The symbols the DfE prints instead of a figure. */
const SUPPRESSED = new Set(["", "x", "c", "z", "u", "low", ":", "..", "-", "k"]);

const measureCell = (column: string) =>
  z.string().transform((raw, ctx) => {
    const text = raw.trim();
    if (SUPPRESSED.has(text.toLowerCase())) return null;
    const plain = text.replace(/,/g, "");
    if (!/^\d{1,10}(\.\d+)?$/.test(plain)) {
      ctx.addIssue({
        code: "custom",
        message: `${column} must be a number or a suppression symbol (x, c, z)`,
      });
      return z.NEVER;
    }
    return Math.round(Number(plain) * 100) / 100;
  });

const code = (pattern: RegExp, message: string) => z.string().trim().regex(pattern, message);
const name = (label: string) => z.string().trim().min(1, `${label} is missing`).max(200);

const areaCode = /^[EWSNK]\d{8}$/;
// Made once: a zod schema is costly to build, and there are some 1,500 rows.
const countryCode = code(areaCode, "country_code must be a code like E92000001");
const regionCode = code(areaCode, "region_code must be a code like E12000006");
const laCode = code(/^E\d{8}( \/ E\d{8})*$/, "new_la_code must be a code like E10000012");
const leaNumber = code(/^\d{3}( \/ \d{3})*$/, "old_la_code must be 3 digits, like 881");
const countryName = name("country_name");
const regionName = name("region_name");
const laName = name("la_name");

const rowSchema = z
  .object({
    time_period: z
      .string()
      .trim()
      .regex(/^\d{4}$/, "time_period must be a year, like 2025")
      .transform(Number)
      .refine((y) => y >= 2000 && y <= 2100, "time_period must be a year from 2000 to 2100"),
    geographic_level: z.enum(geographicLevels, {
      message: "geographic_level must be National, Regional or Local authority",
    }),
    country_code: z.string().trim(),
    country_name: z.string().trim(),
    region_code: z.string().trim(),
    region_name: z.string().trim(),
    old_la_code: z.string().trim(),
    new_la_code: z.string().trim(),
    la_name: z.string().trim(),
    ...Object.fromEntries(indicatorColumns.map((c) => [c, measureCell(c)])),
  })
  .transform((r, ctx): IndicatorRow => {
    const values = Object.fromEntries(
      indicatorColumns.map((c) => [c, (r as Record<string, unknown>)[c] as number | null]),
    ) as Record<IndicatorColumn, number | null>;
    const check = <T>(schema: z.ZodType<T>, value: string): T | null => {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "Invalid" });
      return null;
    };
    const base = { time_period: r.time_period, geographic_level: r.geographic_level, values };
    if (r.geographic_level === "National")
      return {
        ...base,
        area_code: check(countryCode, r.country_code) ?? "",
        area_name: check(countryName, r.country_name) ?? "",
        region_code: null,
        old_la_code: null,
      };
    const region = check(regionCode, r.region_code) ?? "";
    if (r.geographic_level === "Regional")
      return {
        ...base,
        area_code: region,
        area_name: check(regionName, r.region_name) ?? "",
        region_code: region,
        old_la_code: null,
      };
    return {
      ...base,
      area_code: check(laCode, r.new_la_code) ?? "",
      area_name: check(laName, r.la_name) ?? "",
      region_code: region,
      old_la_code: check(leaNumber, r.old_la_code),
    };
  });

const heading = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/**
 * Reads the file: the rows it can use and those it cannot (with the line number and why). A file
 * that is not CSV or lacks a column the format has is refused whole (IndicatorFileError).
 */
export function parseIndicatorsCsv(text: string): {
  rows: (IndicatorRow & { row: number })[];
  refused: RefusedRow[];
} {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch {
    throw new IndicatorFileError("The selected file could not be read as CSV");
  }
  const [head, ...body] = records;
  if (!head || body.length === 0) throw new IndicatorFileError("The selected file has no rows of indicators");
  const names = head.map(heading);
  const missing = requiredColumns.filter((c) => !names.includes(c));
  if (missing.length > 0)
    throw new IndicatorFileError(
      `The selected file must have the DfE's columns: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ` and ${missing.length - 5} more` : ""} are missing`,
    );
  const index = new Map(requiredColumns.map((c) => [c, names.indexOf(c)]));
  const rows: (IndicatorRow & { row: number })[] = [];
  const refused: RefusedRow[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, i) => {
    const row = i + 2;
    const record = Object.fromEntries(requiredColumns.map((c) => [c, cells[index.get(c) ?? -1] ?? ""]));
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      refused.push({ row, message: parsed.error.issues.map((issue) => issue.message).join("; ") });
      return;
    }
    const key = `${parsed.data.time_period}|${parsed.data.geographic_level}|${parsed.data.area_code}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      refused.push({ row, message: `The same year and place as row ${earlier}` });
      return;
    }
    seen.set(key, row);
    rows.push({ ...parsed.data, row });
  });
  return { rows, refused };
}
