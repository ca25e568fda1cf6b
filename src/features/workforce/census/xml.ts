import type { CensusDataset, CensusWorker } from "../measures/model.js";
import { applies, breaks, type RulesFile } from "./rules.js";
import type { CensusSchema, ElementSpec } from "./spec.js";
import { xsdPattern } from "./spec.js";

/** A collection year's specification as the census area uses it. */
export interface CensusSpec {
  /** The collection year the specification was written for (may be earlier than the census year). */
  year: number;
  /** The schema's text (xmllint validates the file against it). */
  xsd: string;
  schema: CensusSchema;
  rules: RulesFile;
}

/** What the header says about the authority and the file. */
export interface CensusHeader {
  /** The authority's three-digit LEA number (workforce settings). */
  leaNumber: string | null;
  softwareCode: string;
  /** When the file is made, as an ISO date-time. */
  dateTime: string;
}

/** A record that would fail, or that HR should look at (warning: still sent). */
export interface CensusProblem {
  personId: string;
  displayName: string;
  field: string;
  label: string;
  message: string;
  severity: "error" | "warning";
}

export interface CensusReturnDraft {
  /** null when the file cannot be made (see blockers). */
  xml: string | null;
  /** Why no file can be made: no LEA number, no record that passes. */
  blockers: string[];
  included: CensusWorker[];
  excluded: CensusWorker[];
  problems: CensusProblem[];
}

export const SOFTWARE_CODE = "Workforce Academy";

type Raw = string | number | boolean | null;

/** A worker's values by the DfE's element names (unformatted). */
export function workerValues(w: CensusWorker): Record<string, Raw> {
  const yesNo = (b: boolean | null) => (b === null ? null : b ? "1" : "0");
  return {
    AgencyWorker: w.agency ? "1" : "0",
    SWENo: w.sweNumber,
    FTE: w.fte,
    PersonBirthDate: w.birthDate,
    GenderCurrent: w.gender,
    Ethnicity: w.ethnicity,
    QualInst: w.qualificationInstitution,
    QualLevel: w.qualificationLevel,
    StepUpGrad: yesNo(w.stepUpGrad),
    OrgRole: w.orgRole,
    RoleStartDate: w.roleStartDate,
    StartOrigin: w.startOrigin,
    RoleEndDate: w.roleEndDate,
    LeaverDestination: w.leaverDestination,
    ReasonLeave: w.reasonLeave,
    FTE30: w.inPost ? w.fte : null,
    Cases30: w.cases30,
    WorkingDaysLost: w.workingDaysLost,
    FrontlineGrad: yesNo(w.frontlineGrad),
    CFKSSstatus: w.cfkssStatus,
  };
}

/** A value as the element's type writes it: decimals to their fraction digits; blank is none. */
export function formatValue(el: ElementSpec, raw: Raw): string | null {
  if (raw === null || raw === "") return null;
  if (typeof raw === "boolean") return raw ? "1" : "0";
  if (typeof raw === "number") {
    if (el.type.builtIn === "integer") return String(Math.round(raw));
    if (el.type.builtIn === "decimal" && el.type.fractionDigits !== null)
      return raw.toFixed(el.type.fractionDigits);
    return String(raw);
  }
  return raw.trim() === "" ? null : raw.trim();
}

const builtInFormats: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  integer: /^-?\d+$/,
  decimal: /^-?\d+(\.\d+)?$/,
  gYear: /^\d{4}$/,
};

/** Why a formatted value would fail its element's type, or null. */
function schemaFault(el: ElementSpec, value: string | null, year: number, label: string): string | null {
  if (value === null) return el.minOccurs >= 1 ? `${label} is missing` : null;
  const t = el.type;
  if (t.codes && !(value in t.codes))
    return `${value} is not a code the ${year} specification allows for ${label.toLowerCase()}`;
  if (builtInFormats[t.builtIn] && !builtInFormats[t.builtIn]?.test(value))
    return `${label} is not in the form the schema requires`;
  if (t.patterns.some((p) => !xsdPattern(p).test(value)))
    return `${label} is not in the form the schema requires`;
  if (t.minLength !== null && value.length < t.minLength) return `${label} is missing`;
  const n = Number(value);
  if (t.minInclusive !== null && n < t.minInclusive) return `${label} must be at least ${t.minInclusive}`;
  if (t.maxInclusive !== null && n > t.maxInclusive) return `${label} must be no more than ${t.maxInclusive}`;
  return null;
}

/** A worker's formatted values and problems against the year's rules and schema. */
export function checkWorker(
  spec: CensusSpec,
  worker: CensusWorker,
  referenceDate: string,
): { values: Map<string, string | null>; problems: CensusProblem[] } {
  const raw = workerValues(worker);
  const values = new Map<string, string | null>();
  for (const el of spec.schema.worker) values.set(el.name, formatValue(el, raw[el.name] ?? null));
  const plain = Object.fromEntries(values);
  const facts = {
    agency: worker.agency,
    inPost: worker.inPost,
    leaver: worker.roleEndDate !== null,
    caseHolder: worker.caseHolderRole,
  };
  const labelOf = (field: string) => spec.rules.fields[field] ?? field;
  const problem = (field: string, message: string, severity: "error" | "warning"): CensusProblem => ({
    personId: worker.personId,
    displayName: worker.displayName,
    field,
    label: labelOf(field),
    message,
    severity,
  });
  const problems: CensusProblem[] = [];
  const flagged = new Set<string>();
  for (const rule of spec.rules.rules) {
    if (flagged.has(rule.field) || !applies(rule.when, facts)) continue;
    if (!breaks(rule, plain, referenceDate)) continue;
    problems.push(problem(rule.field, rule.message, rule.severity));
    if (rule.severity === "error") flagged.add(rule.field);
  }
  for (const el of spec.schema.worker) {
    if (flagged.has(el.name)) continue;
    const fault = schemaFault(el, values.get(el.name) ?? null, spec.year, labelOf(el.name));
    if (fault) problems.push(problem(el.name, fault, "error"));
  }
  return { values, problems };
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const tag = (name: string, value: string, indent: string) =>
  `${indent}<${name}>${escapeXml(value)}</${name}>`;

/**
 * The census return for a dataset under a specification: the XML (Message > Header,
 * LALevelVacancies, one worker element per record that passes, its elements in the schema's
 * order, optional ones with no value left out) and the pre-submission problems. A record with an
 * error is left out of the file and listed, so the file always validates. Pure.
 */
export function buildCensusReturn(
  spec: CensusSpec,
  dataset: CensusDataset,
  header: CensusHeader,
): CensusReturnDraft {
  const included: CensusWorker[] = [];
  const excluded: CensusWorker[] = [];
  const problems: CensusProblem[] = [];
  const records: string[] = [];
  const worker = spec.schema.workerElement;
  for (const w of dataset.workers) {
    const checked = checkWorker(spec, w, dataset.referenceDate);
    problems.push(...checked.problems);
    if (checked.problems.some((p) => p.severity === "error")) {
      excluded.push(w);
      continue;
    }
    included.push(w);
    const lines = [...checked.values]
      .filter((entry): entry is [string, string] => entry[1] !== null)
      .map(([name, value]) => tag(name, value, "    "));
    records.push(`  <${worker}>\n${lines.join("\n")}\n  </${worker}>`);
  }
  const blockers: string[] = [];
  if (!header.leaNumber || !/^\d{3}$/.test(header.leaNumber))
    blockers.push("The authority's LEA number is not set: add it in the workforce settings");
  if (included.length === 0) blockers.push("No record would pass: there is nothing to send");
  if (blockers.length > 0) return { xml: null, blockers, included, excluded, problems };
  const vacancyValues: Record<string, number> = {
    NumberOfVacancies: dataset.vacancies.vacancyFte,
    NoAgencyFTE: dataset.vacancies.agencyCoverFte,
    NoAgencyHeadcount: dataset.vacancies.agencyHeadcount,
  };
  const vacancies = spec.schema.vacancies
    .map((el) => [el.name, formatValue(el, vacancyValues[el.name] ?? null)] as const)
    .filter((e): e is readonly [string, string] => e[1] !== null)
    .map(([name, value]) => tag(name, value, "    "));
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<Message>",
    "  <Header>",
    "    <CollectionDetails>",
    tag("Collection", "CSWW", "      "),
    tag("Year", String(dataset.year), "      "),
    tag("ReferenceDate", dataset.referenceDate, "      "),
    "    </CollectionDetails>",
    "    <Source>",
    tag("SourceLevel", "L", "      "),
    tag("LEA", header.leaNumber ?? "", "      "),
    tag("SoftwareCode", header.softwareCode, "      "),
    tag("DateTime", header.dateTime.replace(/\.\d{3}Z$/, "Z"), "      "),
    "    </Source>",
    "  </Header>",
    "  <LALevelVacancies>",
    ...vacancies,
    "  </LALevelVacancies>",
    ...records,
    "</Message>",
    "",
  ].join("\n");
  return { xml, blockers, included, excluded, problems };
}
