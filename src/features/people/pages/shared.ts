import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { IsoDate } from "../../../platform/dates.js";
import type { ErrorSummaryItem } from "../../../platform/forms/form.js";
import { type RuleError, ruleErrorView } from "../../../platform/forms/rule-error.js";
import { ethnicities, genders, leavingDestinations, leavingReasons } from "../reference/dfe-codes.js";
import {
  type ContractType,
  contractTypeNames,
  contractTypes,
  type ExitTheme,
  exitThemes,
  type SweStatus,
  sweStatuses,
  sweStatusNames,
} from "../reference/domain.js";
import { dateFromQuery } from "./date-input.js";

/** What the people pages share: labels, formatting, the "as at" date, notices and form helpers. */

export { queryString } from "../../../platform/http/query-string.js";
export { can, isUuid } from "../../../platform/http/request-helpers.js";

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export const unitTypeNames: Record<string, string> = {
  directorate: "Directorate",
  service: "Service",
  area: "Area",
  team: "Team",
  home: "Children's home",
};

export const exitThemeNames: Record<ExitTheme, string> = {
  support_and_supervision: "Support and supervision",
  workload: "Workload",
  career_path: "Career path",
  pay: "Pay",
  other: "Something else",
};

export const fosterApprovalTypeNames: Record<string, string> = {
  mainstream: "Mainstream",
  connected_person: "Connected person (kinship)",
  short_breaks: "Short breaks",
};

export const disabilityNames: Record<string, string> = {
  yes: "Yes",
  no: "No",
  not_declared: "Prefers not to say",
};

export const sourceNames: Record<string, string> = {
  hr: "HR system",
  elearning: "E-learning system",
  case_management: "Case management system",
};

export function contractTypeName(value: string | null | undefined): string {
  return value ? (contractTypeNames[value as ContractType] ?? value) : "";
}

export function sweStatusName(value: string | null | undefined): string {
  return value ? (sweStatusNames[value as SweStatus] ?? value) : "";
}

export function leavingReasonName(code: number | null | undefined): string {
  return code ? (leavingReasons[code as keyof typeof leavingReasons] ?? String(code)) : "";
}

export function leavingDestinationName(code: number | null | undefined): string {
  return code ? (leavingDestinations[code as keyof typeof leavingDestinations] ?? String(code)) : "";
}

export function genderName(code: string | null | undefined): string {
  return code ? (genders[Number(code) as keyof typeof genders] ?? code) : "";
}

export function ethnicityName(code: string | null | undefined): string {
  return code ? (ethnicities[code as keyof typeof ethnicities] ?? code) : "";
}

/** FTE as people write it: 1, 0.5, 2.35 (never 2.3000000000000003). */
export function formatFte(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const n = Number(value);
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : "";
}

export function fullName(p: { givenName?: string; familyName?: string }): string {
  return [p.givenName, p.familyName].filter(Boolean).join(" ");
}

export type Query = Record<string, unknown>;

export function queryText(query: Query, name: string): string {
  const v = query[name];
  return typeof v === "string" ? v.trim() : Array.isArray(v) && typeof v[0] === "string" ? v[0].trim() : "";
}

export interface AsAt {
  /** The date the page shows. */
  asAt: IsoDate;
  /** The date for links: empty when it is today, so a bookmark keeps meaning "today". */
  param: IsoDate | "";
  /** What the date input shows. */
  values: Record<string, string>;
  errors: Record<string, string>;
  errorSummary: ErrorSummaryItem[];
  /** True when the date came from the three fields and should be written back as `asAt=`. */
  fromParts: boolean;
}

/**
 * The "as at" date of a list or count page: `?asAt=yyyy-mm-dd` or the date input's three fields
 * (`asAt-day` ...), today when absent. A wrong date is reported (and today shown).
 */
export function readAsAt(query: Query, today: IsoDate): AsAt {
  const result = dateFromQuery(query, "asAt", { label: "Date", enter: "Enter a date" });
  const partsValues = Object.fromEntries(
    ["day", "month", "year"].map((p) => [`asAt-${p}`, queryText(query, `asAt-${p}`)]),
  );
  const valuesFor = (date: IsoDate) => {
    const [y = "", m = "", d = ""] = date.split("-");
    return { "asAt-day": String(Number(d)), "asAt-month": String(Number(m)), "asAt-year": y };
  };
  if (!result.given) {
    return {
      asAt: today,
      param: "",
      values: valuesFor(today),
      errors: {},
      errorSummary: [],
      fromParts: false,
    };
  }
  if (!result.ok) {
    const hasParts = Object.values(partsValues).some((v) => v !== "");
    return {
      asAt: today,
      param: "",
      values: hasParts ? partsValues : valuesFor(today),
      errors: { [result.field]: result.message },
      errorSummary: [{ text: result.message, href: `#${result.field}` }],
      fromParts: hasParts,
    };
  }
  return {
    asAt: result.date,
    param: result.date === today ? "" : result.date,
    values: valuesFor(result.date),
    errors: {},
    errorSummary: [],
    fromParts: result.fromParts,
  };
}

/** A service's RuleError shown against the form's own field (the service may name it differently). */
export function ruleErrorFor(err: RuleError, fieldMap: Record<string, string> = {}) {
  const field = fieldMap[err.field] ?? err.field;
  const view = ruleErrorView(err);
  return {
    errors: { [field]: err.message },
    errorSummary: view.errorSummary.map((item) => ({ ...item, href: `#${field}` })),
  };
}

export { setNotice, takeNotice } from "../../../platform/http/notice.js";

/**
 * For a form's cross-field rules (`superRefine(rule, everyTime)`): run them even when a field has
 * failed (zod skips them by default once, say, a date is wrong), so every problem shows at once.
 * Such a rule sees the values as they are and must not assume they passed their own checks.
 */
export const everyTime = { when: () => true };

// Form field helpers. Every field reads "" when absent, so a tampered or partial form still reports
// every problem at once (zod skips refinements when a field is missing altogether).

const single = (v: unknown) => (Array.isArray(v) ? v[0] : v) ?? "";

/** Text input: trimmed. */
export function textField<T extends z.ZodType>(inner: (s: z.ZodString) => T) {
  return z.preprocess((v) => single(v), inner(z.string().trim()));
}

/** Optional text: trimmed, empty becomes null. */
export function optionalText(max: number, tooLong: string) {
  return z.preprocess(
    (v) => single(v),
    z
      .string()
      .trim()
      .max(max, tooLong)
      .transform((s) => (s === "" ? null : s)),
  );
}

/** Checkboxes: always a list of strings. */
export function checkboxField<T extends z.ZodType>(inner: (s: z.ZodArray<z.ZodString>) => T) {
  return z.preprocess(
    (v) => (Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v]).filter((x) => x !== ""),
    inner(z.array(z.string())),
  );
}

export const contractTypeItems = contractTypes.map((c) => ({ value: c, text: contractTypeNames[c] }));
export const sweStatusItems = sweStatuses.map((s) => ({ value: s, text: sweStatusNames[s] }));
export const exitThemeItems = exitThemes.map((t) => ({ value: t, text: exitThemeNames[t] }));

/** govukSelect items with a first, empty choice and the current value selected. */
export function selectItems(
  options: { value: string; text: string }[],
  selected: unknown,
  emptyText: string,
): { value: string; text: string; selected?: boolean }[] {
  const value = typeof selected === "string" ? selected : "";
  return [
    { value: "", text: emptyText },
    ...options.map((o) => ({ ...o, ...(o.value === value ? { selected: true } : {}) })),
  ];
}

/** Radios or checkboxes items, checked from the submitted or stored values. */
export function checkedItems(
  options: { value: string; text: string; hint?: { text: string } }[],
  selected: unknown,
): { value: string; text: string; checked?: boolean }[] {
  const values = new Set((Array.isArray(selected) ? selected : [selected]).map((v) => String(v ?? "")));
  return options.map((o) => ({ ...o, ...(values.has(o.value) ? { checked: true } : {}) }));
}

/** Social Work England status radios, with "Not registered" after an "or". */
export function registrationStatusItems(selected: unknown) {
  return [
    ...checkedItems(sweStatusItems, selected),
    { divider: "or" },
    ...checkedItems([{ value: "none", text: "Not registered with Social Work England" }], selected),
  ];
}

/** A team list for selects, tree order, indented by depth with non-breaking spaces (seen, not read out). */
export function unitOptions(
  units: { orgUnitId: string; name: string; depth: number; unitType: string }[],
): { value: string; text: string }[] {
  return units.map((u) => ({
    value: u.orgUnitId,
    text: `${"\u00a0\u00a0".repeat(u.depth)}${u.name}`,
  }));
}
