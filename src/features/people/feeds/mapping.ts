/**
 * The fields a people feed can fill, and the column mapping each source saves: which CSV header
 * feeds which field. A field the mapping leaves out is never touched by the feed.
 */
export const feedFields = [
  { key: "employee_id", label: "Employee ID", required: true },
  { key: "given_name", label: "First name", required: true },
  { key: "family_name", label: "Last name", required: true },
  { key: "email", label: "Email", required: false },
  { key: "started_on", label: "Start date", required: false },
  { key: "swe_number", label: "SWE number", required: false },
  { key: "team_code", label: "Team code", required: false },
  { key: "job_role_code", label: "Job role code", required: false },
  { key: "contract_type", label: "Contract type", required: false },
  { key: "fte", label: "FTE", required: false },
  { key: "post_reference", label: "Post reference", required: false },
  { key: "line_manager_employee_id", label: "Line manager employee ID", required: false },
] as const;

export type FeedFieldKey = (typeof feedFields)[number]["key"];

export const feedFieldKeys: readonly FeedFieldKey[] = feedFields.map((f) => f.key);

/** The fields an assignment needs: mapped all together or not at all. */
export const assignmentCoreFields: readonly FeedFieldKey[] = [
  "team_code",
  "job_role_code",
  "contract_type",
  "fte",
];
/** Assignment fields that may be mapped once the core ones are. */
export const assignmentExtraFields: readonly FeedFieldKey[] = ["post_reference", "line_manager_employee_id"];

export type ColumnMappingInput = Partial<Record<FeedFieldKey, string>>;

export function fieldLabel(key: FeedFieldKey): string {
  return feedFields.find((f) => f.key === key)?.label ?? key;
}

/** A new source's mapping: each field's label as its header. */
export function defaultMapping(): ColumnMappingInput {
  return Object.fromEntries(feedFields.map((f) => [f.key, f.label]));
}

/** Header names compare without case or surrounding spaces. */
export function headerKey(header: string): string {
  return header.trim().toLowerCase();
}

/** Problems with a mapping, keyed by field (empty when it can be saved). */
export function mappingProblems(mapping: ColumnMappingInput): Partial<Record<FeedFieldKey, string>> {
  const problems: Partial<Record<FeedFieldKey, string>> = {};
  for (const field of feedFields) {
    if (field.required && !mapping[field.key]) {
      problems[field.key] = `Enter the column that holds the ${field.label.toLowerCase()}`;
    }
  }
  const core = assignmentCoreFields.filter((k) => mapping[k]);
  if (core.length > 0 && core.length < assignmentCoreFields.length) {
    for (const key of assignmentCoreFields.filter((k) => !mapping[k])) {
      problems[key] =
        `Enter the column that holds the ${fieldLabel(key).toLowerCase()}: an assignment needs team, job role, contract type and FTE`;
    }
  }
  if (core.length === 0) {
    for (const key of assignmentExtraFields.filter((k) => mapping[k])) {
      problems[key] = `${fieldLabel(key)} needs the team, job role, contract type and FTE columns too`;
    }
  }
  const seen = new Map<string, FeedFieldKey>();
  for (const field of feedFields) {
    const header = mapping[field.key];
    if (!header) continue;
    const other = seen.get(headerKey(header));
    if (other && !problems[field.key]) {
      problems[field.key] =
        `${field.label} and ${fieldLabel(other).toLowerCase()} cannot both come from the column ‘${header}’`;
    }
    seen.set(headerKey(header), field.key);
  }
  return problems;
}

export function mapsAssignment(mapping: ColumnMappingInput): boolean {
  return assignmentCoreFields.every((k) => Boolean(mapping[k]));
}

/**
 * Where each mapped field is in a file with these headers, or the mapped headers the file lacks.
 */
export function resolveHeaders(
  mapping: ColumnMappingInput,
  headers: string[],
): { ok: true; columns: [FeedFieldKey, number, string][] } | { ok: false; missing: string[] } {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    if (!index.has(headerKey(h))) index.set(headerKey(h), i);
  });
  const columns: [FeedFieldKey, number, string][] = [];
  const missing: string[] = [];
  for (const field of feedFields) {
    const header = mapping[field.key];
    if (!header) continue;
    const i = index.get(headerKey(header));
    if (i === undefined) missing.push(header);
    else columns.push([field.key, i, headers[i] ?? header]);
  }
  return missing.length ? { ok: false, missing } : { ok: true, columns };
}
