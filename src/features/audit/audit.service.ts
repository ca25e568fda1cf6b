import type { DataAccess, TenantContext } from "../../platform/tenancy/data-access.js";
import * as repo from "./audit.repository.js";

/** Columns every audited row has that say nothing about the change. */
const HIDDEN = new Set(["tenant_id", "updated_at", "created_at", "recorded_at"]);

export interface AuditChange {
  field: string;
  /** The field in words. */
  label: string;
  before: string;
  after: string;
  /** Equality, private-note and secret fields: the audit knows only that they changed. */
  masked: boolean;
}

/** The audit trail, read back: a record's history and a searchable list. Values only for ordinary fields. */
export class AuditService {
  constructor(private readonly data: DataAccess) {}

  async search(ctx: TenantContext, q: repo.AuditQuery, page = 1, pageSize = 50) {
    return this.data.run(ctx, async (db) => {
      const [total, rows, tables] = await Promise.all([
        repo.countEvents(db, q),
        repo.events(db, q, pageSize, (page - 1) * pageSize),
        repo.auditedTables(db),
      ]);
      const names = await repo.userNames(
        db,
        rows.map((r) => r.actor),
      );
      return {
        total,
        page,
        pageCount: Math.max(1, Math.ceil(total / pageSize)),
        tables: tables.map((t) => ({ value: t, text: tableLabel(t) })),
        rows: await Promise.all(
          rows.map(async (r) => ({
            ...r,
            actorName: actorLabel(r.actor, names),
            recordKind: tableLabel(r.table_name),
            historyHref: historyHref(r),
            changes: describe(r, await masked(db, r.table_name)),
          })),
        ),
      };
    });
  }

  /**
   * A record's history, newest first: its own changes and, for a person or a unit, those of the
   * rows that belong to it (assignments, leaving, equality; the unit's versions).
   */
  async history(ctx: TenantContext, table: string, recordId: string) {
    return this.data.run(ctx, async (db) => {
      const rows = await repo.events(db, { table, recordId, withRelated: true }, 500, 0);
      const names = await repo.userNames(
        db,
        rows.map((r) => r.actor),
      );
      return Promise.all(
        rows.map(async (r) => ({
          ...r,
          actorName: actorLabel(r.actor, names),
          recordKind: tableLabel(r.table_name),
          historyHref: historyHref(r),
          changes: describe(r, await masked(db, r.table_name)),
        })),
      );
    });
  }
}

/** Column names that read badly as words. */
const fieldLabels: Record<string, string> = {
  fte: "FTE",
  swe_number: "Social Work England number",
  swe_status: "Social Work England status",
  swe_first_registered_on: "First registered with Social Work England",
  swe_last_checked_on: "Last checked on the Social Work England register",
  org_unit_id: "Organisation unit",
  job_role_id: "Job role",
  post_id: "Post",
  person_id: "Person",
  line_manager_person_id: "Line manager",
  parent_id: "Part of",
  foster_household_id: "Foster household",
  supervising_social_worker_id: "Supervising social worker",
  valid_from: "From",
  valid_to: "To",
};

export function fieldLabel(field: string): string {
  const words = field.replace(/_id$/, "").replace(/_/g, " ");
  return fieldLabels[field] ?? `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** What each audited table's rows are, in words. */
const tableLabels: Record<string, string> = {
  people: "Person",
  person_equality: "Equality information",
  person_source_ids: "Identifier in another system",
  assignments: "Assignment",
  leavings: "Leaving",
  posts: "Post",
  job_roles: "Job role",
  org_units: "Organisation unit",
  org_unit_versions: "Organisation unit details",
  foster_households: "Foster household",
  partner_organisations: "Partner organisation",
  users: "User account",
  user_roles: "Role",
  password_tokens: "Password link",
  feed_sources: "Feed source",
};

export function tableLabel(table: string): string {
  const words = table.replace(/_/g, " ");
  return tableLabels[table] ?? `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/**
 * Where a change's record history is: a person's or a unit's for the rows that belong to one (an
 * assignment, a unit's version), else the record's own.
 */
function historyHref(event: {
  table_name: string;
  record_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}): string | null {
  const carried = (key: string) => {
    const value = event.after?.[key] ?? event.before?.[key];
    return typeof value === "string" ? value : null;
  };
  if (!(event.table_name in repo.relatedKeys)) {
    const person = carried("person_id");
    if (person) return `/audit/history/people/${person}`;
    const unit = carried("org_unit_id");
    if (unit) return `/audit/history/org_units/${unit}`;
  }
  return event.record_id ? `/audit/history/${event.table_name}/${event.record_id}` : null;
}

/** Who made a change, in words: a user's name and email, a feed, a job or the system. */
export function actorLabel(actor: string, users: Map<string, string>): string {
  const known = users.get(actor);
  if (known) return known;
  const [kind = "", ...rest] = actor.split(":");
  const what = rest.join(":");
  if (kind === "feed") return `Data feed (${what})`;
  if (kind === "job") return `Scheduled job (${what})`;
  if (kind === "system") return `The system (${what})`;
  if (kind === "user") return "A user account no longer held";
  if (actor === "anonymous") return "Someone not signed in";
  return actor;
}

const maskCache = new Map<string, Promise<Set<string>>>();
function masked(db: Parameters<typeof repo.maskedFields>[0], table: string): Promise<Set<string>> {
  let found = maskCache.get(table);
  if (!found) {
    found = repo.maskedFields(db, table).then((rows) => new Set(rows.map((r) => r.column_name)));
    maskCache.set(table, found);
  }
  return found;
}

function describe(
  event: {
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    changed: string[] | null;
  },
  maskedFields: Set<string>,
): AuditChange[] {
  const fields = event.changed ?? Object.keys(event.before ?? {});
  return fields
    .filter((f) => !HIDDEN.has(f) && f !== "id")
    .map((field) => {
      const isMasked = maskedFields.has(field);
      return {
        field,
        label: fieldLabel(field),
        before: isMasked ? "" : display(event.before?.[field]),
        after: isMasked ? "" : display(event.after?.[field]),
        masked: isMasked,
      };
    });
}

function display(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(blank)";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "(blank)";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
