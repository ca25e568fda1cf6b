import { z } from "zod";
import { isIsoDate } from "../../../platform/dates.js";
import { type ContractType, contractTypeNames, contractTypes, SWE_NUMBER } from "../reference/domain.js";
import { type FeedFieldKey, fieldLabel } from "./mapping.js";
import type { RowData, RowError } from "./schema.js";

/** dd/mm/yyyy (or d/m/yyyy) or yyyy-mm-dd, as an ISO date; null when it is not a real date. */
export function parseFeedDate(value: string): string | null {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = uk ? `${uk[3]}-${uk[2]?.padStart(2, "0")}-${uk[1]?.padStart(2, "0")}` : value;
  return isIsoDate(iso) ? iso : null;
}

const contractTypeLookup = new Map<string, ContractType>();
for (const code of contractTypes) {
  contractTypeLookup.set(code, code);
  contractTypeLookup.set(normalise(contractTypeNames[code]), code);
}
function normalise(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** A contract type by its glossary code or name ("fixed_term", "Fixed-term", "fixed term"). */
export function parseContractType(value: string): ContractType | null {
  return contractTypeLookup.get(normalise(value)) ?? null;
}

const contractTypeList = contractTypes.map((c) => contractTypeNames[c]).join(", ");

const text = (label: string, max: number) =>
  z
    .string()
    .min(1, `Enter the ${label.toLowerCase()}`)
    .max(max, `${label} must be ${max} characters or fewer`);

const optional = <T extends z.ZodType>(schema: T) =>
  z.string().transform((v, ctx) => {
    if (v === "") return null;
    const parsed = schema.safeParse(v);
    if (parsed.success) return parsed.data as z.output<T>;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  });

const fieldSchemas: Record<FeedFieldKey, z.ZodType<string | number | null, string>> = {
  employee_id: text("Employee ID", 50),
  given_name: text("First name", 100),
  family_name: text("Last name", 100),
  email: optional(
    z
      .string()
      .max(254, "Email must be 254 characters or fewer")
      .pipe(z.email("Enter an email address in the correct format, like name@example.com")),
  ),
  started_on: optional(
    z.string().transform((v, ctx) => {
      const date = parseFeedDate(v);
      if (date) return date;
      ctx.addIssue({
        code: "custom",
        message: "Start date must be a real date, as dd/mm/yyyy or yyyy-mm-dd",
      });
      return z.NEVER;
    }),
  ),
  swe_number: optional(
    z
      .string()
      .transform((v) => v.replace(/\s+/g, "").toUpperCase())
      .pipe(z.string().regex(SWE_NUMBER, "SWE number must be SW followed by up to 6 numbers, like SW12345")),
  ),
  team_code: text("Team code", 50),
  job_role_code: text("Job role code", 50),
  contract_type: z.string().transform((v, ctx) => {
    const type = parseContractType(v);
    if (type) return type;
    ctx.addIssue({
      code: "custom",
      message: v === "" ? "Enter the contract type" : `Contract type must be one of: ${contractTypeList}`,
    });
    return z.NEVER;
  }),
  fte: z.string().transform((v, ctx) => {
    const n = /^\d*\.?\d+$/.test(v) ? Number(v) : Number.NaN;
    if (v !== "" && n > 0 && n <= 1.5) return Math.round(n * 1000) / 1000;
    ctx.addIssue({
      code: "custom",
      message: v === "" ? "Enter the FTE" : "FTE must be a number more than 0 and no more than 1.5, like 0.8",
    });
    return z.NEVER;
  }),
  post_reference: optional(z.string().max(50, "Post reference must be 50 characters or fewer")),
  line_manager_employee_id: optional(
    z.string().max(50, "Line manager employee ID must be 50 characters or fewer"),
  ),
};

export type RowCheck =
  | { ok: true; data: RowData }
  | { ok: false; errors: RowError[]; externalId: string | null };

/**
 * Checks one CSV record's mapped cells. Errors name the column by its header in the file, so a
 * preview says exactly which cell to fix.
 */
export function rowChecker(columns: [FeedFieldKey, number, string][]) {
  const schema = z.object(Object.fromEntries(columns.map(([key]) => [key, fieldSchemas[key]])));
  const headerOf = new Map(columns.map(([key, , header]) => [key, header]));
  return (cells: string[]): RowCheck => {
    const input: Record<string, string> = {};
    for (const [key, index] of columns) input[key] = cells[index] ?? "";
    const result = schema.safeParse(input);
    if (result.success) return { ok: true, data: result.data as RowData };
    const errors: RowError[] = [];
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const key = String(issue.path[0]) as FeedFieldKey;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push({ column: headerOf.get(key) ?? fieldLabel(key), message: issue.message });
    }
    const id = input.employee_id ?? "";
    return { ok: false, errors, externalId: id && id.length <= 50 ? id : null };
  };
}
