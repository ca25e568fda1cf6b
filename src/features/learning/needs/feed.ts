import { RuleError } from "../../../platform/forms/rule-error.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { CsvFileError, type CsvRecord, decodeCsv, readCsvChunks } from "../../people/feeds/csv.js";
import { parseFeedDate } from "../../people/feeds/row-schema.js";
import { type PcfDomain, pcfDomains } from "../reference.js";
import { coursesByCode, insertNeeds, type NeedInsert, peopleByEmployeeNumber } from "./needs.repository.js";
import { parseTheme, priorities, themes } from "./reference.js";
import type { NeedPriority, StoredNeedSource } from "./schema.js";

/** The columns of a needs file; headers match ignoring case, spaces and punctuation. */
const fields = [
  "employee_number",
  "course_code",
  "need",
  "theme",
  "priority",
  "source",
  "needed_by",
  "pcf_domain",
] as const;
type Field = (typeof fields)[number];

const aliases: Record<Field, string[]> = {
  employee_number: ["employee number", "employee no", "employee id", "staff number", "payroll number"],
  course_code: ["course code", "course", "code"],
  need: ["need", "need text", "described need", "description", "need description"],
  theme: ["theme"],
  priority: ["priority"],
  source: ["source"],
  needed_by: ["needed by", "needed by date", "date needed by", "by when"],
  pcf_domain: ["pcf domain", "pcf"],
};

const fold = (v: string) =>
  v
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const feedSources: Record<string, StoredNeedSource> = {
  "quality finding": "quality_finding",
  appraisal: "appraisal",
};

const pcfLookup = new Map<string, PcfDomain>();
for (const [key, name] of Object.entries(pcfDomains) as Array<[PcfDomain, string]>) {
  pcfLookup.set(fold(key), key);
  pcfLookup.set(fold(name), key);
}

export interface RefusedRow {
  row: number;
  employeeNumber: string;
  reasons: string[];
}

export interface FeedReport {
  rows: number;
  added: number;
  alreadyRecorded: number;
  refused: RefusedRow[];
}

async function readRecords(file: Buffer): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  try {
    for await (const chunk of readCsvChunks(decodeCsv(file))) records.push(...chunk);
  } catch (err) {
    if (err instanceof CsvFileError) throw new RuleError("file", err.message);
    throw err;
  }
  return records;
}

function columnsOf(header: string[]): Partial<Record<Field, number>> {
  const found: Partial<Record<Field, number>> = {};
  header.forEach((h, i) => {
    const key = fold(h);
    for (const f of fields) {
      if (found[f] === undefined && aliases[f].includes(key)) found[f] = i;
    }
  });
  return found;
}

/** Reads and applies a needs file for a plan year, in the caller's transaction. */
export async function readFeed(
  db: TenantDb,
  file: Buffer,
  planYear: number,
  actor: string,
): Promise<FeedReport> {
  const records = await readRecords(file);
  const [header, ...rows] = records;
  if (!header) throw new RuleError("file", "The selected file is empty");
  const col = columnsOf(header.cells);
  const missing = (["employee_number", "priority", "source"] as const).filter((f) => col[f] === undefined);
  if (missing.length > 0 || (col.course_code === undefined && col.need === undefined)) {
    throw new RuleError(
      "file",
      "The file must have the columns employee number, course code or need, theme, priority, source and needed by",
    );
  }
  const cell = (r: CsvRecord, f: Field) => {
    const i = col[f];
    return i === undefined ? "" : (r.cells[i] ?? "").trim();
  };

  const numbers = [...new Set(rows.map((r) => cell(r, "employee_number")).filter(Boolean))];
  const codes = [...new Set(rows.map((r) => cell(r, "course_code").toUpperCase()).filter(Boolean))];
  const [people, courses] = await Promise.all([
    peopleByEmployeeNumber(db, numbers),
    coursesByCode(db, codes),
  ]);
  const personIds = new Map<string, string[]>();
  for (const p of people) {
    if (p.employeeNumber) personIds.set(p.employeeNumber, [...(personIds.get(p.employeeNumber) ?? []), p.id]);
  }
  const courseIds = new Map(courses.map((c) => [c.code, c.id]));

  const refused: RefusedRow[] = [];
  const good: NeedInsert[] = [];
  for (const r of rows) {
    const reasons: string[] = [];
    const number = cell(r, "employee_number");
    const found = personIds.get(number) ?? [];
    if (!number) reasons.push("Employee number is missing");
    else if (found.length === 0) reasons.push(`No one has employee number ${number}`);
    else if (found.length > 1) reasons.push(`More than one person has employee number ${number}`);

    const code = cell(r, "course_code").toUpperCase();
    const need = cell(r, "need");
    let courseId: string | null = null;
    let theme: string | null = null;
    if (code && need) reasons.push("Give a course code or a described need, not both");
    else if (!code && !need) reasons.push("Give a course code or describe the need");
    else if (code) {
      courseId = courseIds.get(code) ?? null;
      if (!courseId) reasons.push(`No course has the code ${code}`);
    } else {
      if (need.length > 500) reasons.push("Need must be 500 characters or fewer");
      theme = parseTheme(cell(r, "theme"));
      if (!theme) reasons.push(`Theme must be one of: ${Object.values(themes).join(", ")}`);
    }

    const priority = fold(cell(r, "priority")) as NeedPriority;
    if (!priorities.includes(priority)) reasons.push("Priority must be essential, important or desirable");
    const source = feedSources[fold(cell(r, "source"))];
    if (!source) reasons.push("Source must be quality_finding or appraisal");
    const by = cell(r, "needed_by");
    const neededBy = by ? parseFeedDate(by) : null;
    if (by && !neededBy) reasons.push("Needed by must be a real date, as dd/mm/yyyy or yyyy-mm-dd");
    const pcf = cell(r, "pcf_domain");
    const pcfDomain = pcf ? (pcfLookup.get(fold(pcf)) ?? null) : null;
    if (pcf && !pcfDomain) reasons.push("PCF domain is not one of the nine domains");

    const personId = found.length === 1 ? found[0] : undefined;
    if (reasons.length > 0 || !personId || !source) {
      refused.push({ row: r.row, employeeNumber: number, reasons });
      continue;
    }
    good.push({
      person_id: personId,
      plan_year: planYear,
      course_id: courseId,
      description: courseId ? null : need,
      theme,
      priority,
      pcf_domain: pcfDomain,
      needed_by: neededBy,
      source,
      recorded_by: actor,
    });
  }
  const added = (await insertNeeds(db, good)).length;
  return { rows: rows.length, added, alreadyRecorded: good.length - added, refused };
}
