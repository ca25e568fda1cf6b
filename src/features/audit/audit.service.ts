import type { DataAccess, TenantContext } from "../../platform/tenancy/data-access.js";
import * as repo from "./audit.repository.js";

/** Columns every audited row has that say nothing about the change. */
const HIDDEN = new Set(["tenant_id", "updated_at", "created_at", "recorded_at"]);

export interface AuditChange {
  field: string;
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
      return {
        total,
        page,
        pageCount: Math.max(1, Math.ceil(total / pageSize)),
        tables,
        rows: await Promise.all(
          rows.map(async (r) => ({ ...r, changes: describe(r, await masked(db, r.table_name)) })),
        ),
      };
    });
  }

  async history(ctx: TenantContext, table: string, recordId: string) {
    return this.data.run(ctx, async (db) => {
      const rows = await repo.events(db, { table, recordId }, 500, 0);
      const hidden = await masked(db, table);
      return rows.map((r) => ({ ...r, changes: describe(r, hidden) }));
    });
  }
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
