import { parse } from "csv-parse/sync";
import { type IsoDate, isIsoDate } from "../../../platform/dates.js";
import { type SupervisionKind, supervisionKinds } from "../schema.js";

/**
 * Reading a case supervision file from the case management system (pure: no database, no clock).
 * A CSV with a heading row; the columns, in any order, with names matched loosely (case, spaces
 * and punctuation ignored):
 *
 *   worker      `worker id`, `worker`, `person id`: their id in another system or employee number
 *               or `employee number`, or `email`            (one of them needed)
 *   date        `date`, `supervision date`, `held on`, `supervised on`   (dd/mm/yyyy or yyyy-mm-dd)
 *   kind        optional: case (the default), individual, group, reflective, practice model group
 *   supervisor  optional: `supervisor id`, `supervisor`, `supervisor email`: matched like the worker
 *   duration    optional: `duration`, `duration minutes`, `minutes`: whole minutes, 1 to 600
 */

export class ImportFileError extends Error {}

export interface ImportLine {
  /** The row number as a spreadsheet shows it (the heading is row 1). */
  row: number;
  workerKeys: string[];
  date: string;
  kind: string;
  supervisorKeys: string[];
  duration: string;
}

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]+/g, "");

const COLUMNS = {
  worker: ["workerid", "worker", "personid", "caseworkerid", "userid", "staffid"],
  employeeNumber: ["employeenumber", "employeeno", "employeeid", "staffnumber", "payrollnumber"],
  email: ["email", "workeremail", "emailaddress"],
  date: ["date", "supervisiondate", "heldon", "supervisedon", "dateofsupervision"],
  kind: ["kind", "type", "supervisiontype", "supervisionkind"],
  supervisor: ["supervisorid", "supervisor", "supervisoremployeenumber", "supervisoremail"],
  duration: ["duration", "durationminutes", "minutes", "lengthminutes"],
} as const;

/** The lines of a file, or an ImportFileError naming what is wrong with the whole file. */
export function readImportFile(text: string): ImportLine[] {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: 64 * 1024,
    }) as string[][];
  } catch {
    throw new ImportFileError(
      "The file could not be read: check it is a CSV file and that every quotation mark is closed",
    );
  }
  const [heading, ...rows] = records;
  if (!heading) throw new ImportFileError("The file is empty");
  const names = heading.map(norm);
  const find = (options: readonly string[]) => names.findIndex((n) => options.includes(n));
  const col = {
    worker: find(COLUMNS.worker),
    employeeNumber: find(COLUMNS.employeeNumber),
    email: find(COLUMNS.email),
    date: find(COLUMNS.date),
    kind: find(COLUMNS.kind),
    supervisor: find(COLUMNS.supervisor),
    duration: find(COLUMNS.duration),
  };
  if (col.worker < 0 && col.employeeNumber < 0 && col.email < 0) {
    throw new ImportFileError("The file needs a column for the worker: worker id, employee number or email");
  }
  if (col.date < 0) throw new ImportFileError("The file needs a column for the date of the supervision");
  const cell = (r: string[], i: number) => (i >= 0 ? (r[i] ?? "").trim() : "");
  return rows.map((r, i) => ({
    row: i + 2,
    workerKeys: [cell(r, col.worker), cell(r, col.employeeNumber), cell(r, col.email)].filter(
      (k) => k !== "",
    ),
    date: cell(r, col.date),
    kind: cell(r, col.kind),
    supervisorKeys: [cell(r, col.supervisor)].filter((k) => k !== ""),
    duration: cell(r, col.duration),
  }));
}

/** A date as the case management system writes it: dd/mm/yyyy (or d/m/yyyy) or yyyy-mm-dd. */
export function parseImportDate(text: string): IsoDate | null {
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = uk
    ? `${uk[3]}-${uk[2]?.padStart(2, "0")}-${uk[1]?.padStart(2, "0")}`
    : /^\d{4}-\d{2}-\d{2}/.test(text)
      ? text.slice(0, 10)
      : null;
  if (!iso || !isIsoDate(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** The kind a row names; empty is case supervision. Null when it names none we know. */
export function parseImportKind(text: string): SupervisionKind | null {
  if (text === "") return "case";
  const n = norm(text).replace(/supervision$/, "");
  const aliases: Record<string, SupervisionKind> = {
    case: "case",
    casesupervision: "case",
    individual: "individual",
    oneto1: "individual",
    onetoone: "individual",
    "121": "individual",
    group: "group",
    reflective: "reflective",
    practicemodelgroup: "practice_model_group",
    practicemodel: "practice_model_group",
  };
  const kind = aliases[n] ?? (supervisionKinds as readonly string[]).find((k) => norm(k) === n);
  return (kind as SupervisionKind | undefined) ?? null;
}

/** Whole minutes 1 to 600; empty is none; undefined when it is not a number in range. */
export function parseImportDuration(text: string): number | null | undefined {
  if (text === "") return null;
  if (!/^\d{1,3}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 600 ? n : undefined;
}
