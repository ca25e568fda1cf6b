import {
  type EvidenceKind,
  evidenceKinds,
  type MilestoneKind,
  type MilestoneOffset,
  type MilestoneTemplate,
  type MinimumEvidence,
  milestoneKinds,
  type ProgrammeStandard,
  type SupervisionStage,
} from "../schema.js";

/** What a template version holds: everything about the programme's shape, as data. */
export interface ProgrammeContent {
  lengthMonths: number;
  maxMonths: number;
  milestones: MilestoneTemplate[];
  standards: ProgrammeStandard[];
  minEvidence: MinimumEvidence;
  supervisionRhythm: SupervisionStage[];
  /** A share of the role's caseload target in the NQSW's team, e.g. 90. */
  protectedCaseloadPercent: number | null;
  /** Or (and) a number of children the caseload stays within, e.g. 14. */
  protectedCaseloadChildren: number | null;
  /** Protected development time as a share of working time, e.g. 10. */
  protectedTimePercent: number | null;
  /** Catalogue courses the cohort is booked onto at enrolment. */
  coreCourseIds: string[];
}

/** A programme as created: its code and name, and the content of version 1. */
export interface ProgrammeDefinition extends ProgrammeContent {
  code: string;
  name: string;
}

export const PROGRAMME_CODE = /^[A-Z0-9][A-Z0-9-]{0,39}$/;
const ITEM_CODE = /^[A-Z0-9][A-Z0-9-]{0,19}$/;

/** "3 months", "1 month", "4 weeks". */
export function offsetText(o: MilestoneOffset): string {
  if ("weeks" in o) return `${o.weeks} ${o.weeks === 1 ? "week" : "weeks"}`;
  return `${o.months} ${o.months === 1 ? "month" : "months"}`;
}

/** Roughly how many days an offset is, to compare offsets of different units. */
export function approxDays(o: MilestoneOffset): number {
  return "weeks" in o ? o.weeks * 7 : Math.round(o.months * 30.44);
}

/** "3 months" / "4 weeks" (singular or plural) to an offset, or null. */
export function parseOffset(text: string): MilestoneOffset | null {
  const m = /^(\d{1,3})\s*(weeks?|months?)$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return (m[2] ?? "").toLowerCase().startsWith("w") ? { weeks: n } : { months: n };
}

const kindWords: Record<string, MilestoneKind> = Object.fromEntries([
  ...milestoneKinds.map((k) => [k, k]),
  ...milestoneKinds.map((k) => [k.replace("_", " "), k]),
]);

/** A problem with one line of a textarea: its number (from 1) and what is wrong. */
export interface LineProblem {
  line: number;
  message: string;
}
type Parsed<T> = { ok: true; value: T[] } | { ok: false; problem: LineProblem };

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l, i) => ({ n: i + 1, text: l.trim() }))
    .filter((l) => l.text !== "");
const cells = (line: string) => line.split("|").map((c) => c.trim());

/** One line a milestone: "code | name | kind | 3 months" with "| optional" at the end if it is. */
export function milestoneLines(ms: MilestoneTemplate[]): string {
  return ms
    .map((m) => [m.code, m.name, m.kind, offsetText(m.at), ...(m.optional ? ["optional"] : [])].join(" | "))
    .join("\n");
}

export function parseMilestoneLines(text: string): Parsed<MilestoneTemplate> {
  const out: MilestoneTemplate[] = [];
  for (const { n, text: line } of lines(text)) {
    const fail = (message: string): Parsed<MilestoneTemplate> => ({
      ok: false,
      problem: { line: n, message },
    });
    const c = cells(line);
    if (c.length < 4 || c.length > 5)
      return fail("give code | name | kind | timing, and | optional at the end if it is optional");
    const [code = "", name = "", kindText = "", atText = "", optionalText] = c;
    if (!ITEM_CODE.test(code.toUpperCase()))
      return fail("the code must be 1 to 20 letters, numbers or hyphens, like R3");
    if (name === "" || name.length > 120) return fail("enter a name of up to 120 characters");
    const kind = kindWords[kindText.toLowerCase()];
    if (!kind) return fail("the kind must be agreement, review, final review, portfolio or panel");
    const at = parseOffset(atText);
    if (!at) return fail('enter the timing like "3 months" or "4 weeks"');
    if (optionalText !== undefined && optionalText.toLowerCase() !== "optional")
      return fail('the last part can only be "optional"');
    out.push({ code: code.toUpperCase(), name, kind, at, ...(optionalText ? { optional: true } : {}) });
  }
  return { ok: true, value: out };
}

/** One line a standard: "framework | code | title". */
export function standardLines(ss: ProgrammeStandard[]): string {
  return ss.map((s) => [s.framework, s.code, s.title].join(" | ")).join("\n");
}

export function parseStandardLines(text: string): Parsed<ProgrammeStandard> {
  const out: ProgrammeStandard[] = [];
  for (const { n, text: line } of lines(text)) {
    const fail = (message: string): Parsed<ProgrammeStandard> => ({
      ok: false,
      problem: { line: n, message },
    });
    const c = cells(line);
    if (c.length !== 3) return fail("give framework | code | title");
    const [framework = "", code = "", title = ""] = c;
    if (!ITEM_CODE.test(framework.toUpperCase()))
      return fail("the framework must be 1 to 20 letters, numbers or hyphens, like PCF-ASYE");
    if (!ITEM_CODE.test(code.toUpperCase()))
      return fail("the code must be 1 to 20 letters, numbers or hyphens, like PCF-1");
    if (title === "" || title.length > 300) return fail("enter a title of up to 300 characters");
    out.push({ framework: framework.toUpperCase(), code: code.toUpperCase(), title });
  }
  return { ok: true, value: out };
}

/** One line a stage: "every 1 week until 6 weeks", the last "every 1 month". */
export function rhythmLines(stages: SupervisionStage[]): string {
  return stages
    .map((s) => `every ${offsetText(s.every)}${s.until ? ` until ${offsetText(s.until)}` : ""}`)
    .join("\n");
}

export function parseRhythmLines(text: string): Parsed<SupervisionStage> {
  const out: SupervisionStage[] = [];
  for (const { n, text: line } of lines(text)) {
    const m = /^every\s+(.+?)(?:\s+until\s+(.+))?$/i.exec(line);
    const every = m ? parseOffset(m[1] ?? "") : null;
    const until = m?.[2] !== undefined ? parseOffset(m[2]) : null;
    if (!m || !every || (m[2] !== undefined && !until))
      return {
        ok: false,
        problem: { line: n, message: 'write it like "every 2 weeks until 6 months" or "every 1 month"' },
      };
    out.push({ every, until });
  }
  return { ok: true, value: out };
}

/** Which form field a content problem belongs to, and what it is. */
export interface ContentProblem {
  field:
    | "length_months"
    | "max_months"
    | "milestones"
    | "standards"
    | "min_evidence"
    | "supervision_rhythm"
    | "protected_caseload_percent"
    | "protected_caseload_children"
    | "protected_time_percent";
  message: string;
}

const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/**
 * The rules a template version's content keeps (the service refuses content that breaks them;
 * the shipped templates are tested against them). Returns every problem, in the form's order.
 */
export function contentProblems(c: ProgrammeContent): ContentProblem[] {
  const p: ContentProblem[] = [];
  if (!whole(c.lengthMonths, 1, 36))
    p.push({ field: "length_months", message: "The length must be a whole number of months from 1 to 36" });
  if (!whole(c.maxMonths, 1, 48))
    p.push({
      field: "max_months",
      message: "The longest time must be a whole number of months from 1 to 48",
    });
  else if (c.maxMonths < c.lengthMonths)
    p.push({ field: "max_months", message: "The longest time must be at least the programme's length" });

  const maxDays = approxDays({ months: c.maxMonths });
  const codes = new Set<string>();
  if (c.milestones.length === 0) p.push({ field: "milestones", message: "Enter at least one milestone" });
  c.milestones.forEach((m, i) => {
    const where = `Milestone line ${i + 1}`;
    if (codes.has(m.code))
      p.push({ field: "milestones", message: `${where}: the code ${m.code} is used twice` });
    codes.add(m.code);
    const n = "weeks" in m.at ? m.at.weeks : m.at.months;
    if (!Number.isInteger(n) || n < 0 || approxDays(m.at) > maxDays)
      p.push({
        field: "milestones",
        message: `${where}: the timing must be within the longest time allowed`,
      });
  });
  if (!c.milestones.some((m) => m.kind === "final_review"))
    p.push({ field: "milestones", message: "Enter a milestone of kind final review" });

  const standardCodes = new Set<string>();
  if (c.standards.length === 0) p.push({ field: "standards", message: "Enter at least one standard" });
  c.standards.forEach((s, i) => {
    if (standardCodes.has(s.code))
      p.push({ field: "standards", message: `Standard line ${i + 1}: the code ${s.code} is used twice` });
    standardCodes.add(s.code);
  });

  for (const [kind, count] of Object.entries(c.minEvidence)) {
    if (!(evidenceKinds as readonly string[]).includes(kind) || !whole(count ?? 0, 0, 50))
      p.push({ field: "min_evidence", message: "Each minimum must be a whole number from 0 to 50" });
  }

  const r = c.supervisionRhythm;
  if (r.length === 0) p.push({ field: "supervision_rhythm", message: "Enter the supervision rhythm" });
  r.forEach((s, i) => {
    const where = `Supervision line ${i + 1}`;
    const last = i === r.length - 1;
    const everyN = "weeks" in s.every ? s.every.weeks : s.every.months;
    if (everyN < 1)
      p.push({ field: "supervision_rhythm", message: `${where}: supervision must be at least every 1 week` });
    if (last && s.until)
      p.push({
        field: "supervision_rhythm",
        message: `${where}: the last line has no "until" (it runs to the end)`,
      });
    if (!last && !s.until)
      p.push({ field: "supervision_rhythm", message: `${where}: every line but the last needs "until"` });
    const before = r[i - 1]?.until;
    if (s.until && before && approxDays(s.until) <= approxDays(before))
      p.push({
        field: "supervision_rhythm",
        message: `${where}: each "until" must be later than the one before`,
      });
  });

  const pct = (v: number | null, min: number) => v === null || (v > min && v <= 100);
  if (!pct(c.protectedCaseloadPercent, 0))
    p.push({
      field: "protected_caseload_percent",
      message: "The caseload share must be more than 0 and up to 100",
    });
  if (c.protectedCaseloadChildren !== null && !whole(c.protectedCaseloadChildren, 0, 100))
    p.push({
      field: "protected_caseload_children",
      message: "The number of children must be a whole number from 0 to 100",
    });
  if (c.protectedTimePercent !== null && !(c.protectedTimePercent >= 0 && c.protectedTimePercent <= 100))
    p.push({ field: "protected_time_percent", message: "The development time must be from 0 to 100" });
  return dedupe(p);
}

function dedupe(p: ContentProblem[]): ContentProblem[] {
  const seen = new Set<string>();
  return p.filter((x) => {
    if (seen.has(x.message)) return false;
    seen.add(x.message);
    return true;
  });
}

/** The evidence kinds with a minimum above 0, in the usual order. */
export function requiredEvidence(min: MinimumEvidence): Array<{ kind: EvidenceKind; count: number }> {
  return evidenceKinds.flatMap((k) => ((min[k] ?? 0) > 0 ? [{ kind: k, count: min[k] ?? 0 }] : []));
}
