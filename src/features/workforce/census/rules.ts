import { z } from "zod";

const when = z.enum(["all", "inPost", "leaver", "agency", "nonAgency", "caseHolder"]);
const common = {
  id: z.string().min(1),
  field: z.string().min(1),
  when: when.default("all"),
  severity: z.enum(["error", "warning"]).default("error"),
  message: z.string().min(1),
};

/** One pre-submission rule of a collection year, as its rules file states it. */
export const censusRule = z.discriminatedUnion("check", [
  z.object({ ...common, check: z.literal("required") }),
  z.object({ ...common, check: z.literal("pattern"), pattern: z.string().min(1) }),
  z.object({
    ...common,
    check: z.literal("range"),
    min: z.number().optional(),
    max: z.number().optional(),
    minExclusive: z.boolean().default(false),
  }),
  z.object({ ...common, check: z.literal("notBefore"), other: z.string().min(1) }),
  z.object({ ...common, check: z.literal("notAfterReferenceDate") }),
]);
export type CensusRule = z.output<typeof censusRule>;
export type RuleScope = z.output<typeof when>;

/** A year's rules file (specs/<year>/rules.json). */
export const rulesFile = z.object({
  collection: z.string().optional(),
  year: z.number().int().optional(),
  /** Element name -> the plain English name the report uses. */
  fields: z.record(z.string(), z.string()).default({}),
  rules: z.array(censusRule),
});
export type RulesFile = z.output<typeof rulesFile>;

/** Parses a rules file's text: the rules, or what is wrong with it in a sentence. */
export function parseRules(text: string): { ok: true; rules: RulesFile } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "The validation rules must be JSON" };
  }
  const result = rulesFile.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` (at ${issue.path.join(".")})` : "";
    return { ok: false, message: `The validation rules are not in the rules file format${where}` };
  }
  for (const rule of result.data.rules) {
    if (rule.check !== "pattern") continue;
    try {
      new RegExp(rule.pattern);
    } catch {
      return { ok: false, message: `The validation rule ${rule.id} has a pattern that is not valid` };
    }
  }
  return { ok: true, rules: result.data };
}

/** What a rule needs to know about the record besides its field values. */
export interface RecordFacts {
  agency: boolean;
  inPost: boolean;
  leaver: boolean;
  caseHolder: boolean;
}

export function applies(scope: RuleScope, facts: RecordFacts): boolean {
  switch (scope) {
    case "all":
      return true;
    case "inPost":
      return facts.inPost;
    case "leaver":
      return facts.leaver;
    case "agency":
      return facts.agency;
    case "nonAgency":
      return !facts.agency;
    case "caseHolder":
      return facts.caseHolder && facts.inPost;
  }
}

/** Whether a value breaks a rule (a missing value breaks only "required"). */
export function breaks(
  rule: CensusRule,
  values: Record<string, string | null>,
  referenceDate: string,
): boolean {
  const value = values[rule.field] ?? null;
  if (rule.check === "required") return value === null || value.trim() === "";
  if (value === null) return false;
  switch (rule.check) {
    case "pattern":
      return !new RegExp(rule.pattern).test(value);
    case "range": {
      const n = Number(value);
      if (Number.isNaN(n)) return true;
      if (rule.min !== undefined && (rule.minExclusive ? n <= rule.min : n < rule.min)) return true;
      return rule.max !== undefined && n > rule.max;
    }
    case "notBefore": {
      const other = values[rule.other] ?? null;
      return other !== null && value < other;
    }
    case "notAfterReferenceDate":
      return value > referenceDate;
  }
}
