import { sql } from "kysely";
import type { TenantDb } from "../../platform/tenancy/data-access.js";

export interface AuditQuery {
  table?: string | undefined;
  recordId?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function filtered(db: TenantDb, q: AuditQuery) {
  let query = db.selectFrom("audit_events");
  if (q.table) query = query.where("table_name", "=", q.table);
  if (q.recordId) query = query.where("record_id", "=", q.recordId);
  if (q.actor) query = query.where("actor", "ilike", `%${q.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (q.from) query = query.where("occurred_at", ">=", new Date(`${q.from}T00:00:00Z`));
  if (q.to) query = query.where("occurred_at", "<", sql<Date>`(${q.to}::date + 1)::timestamptz`);
  return query;
}

export async function countEvents(db: TenantDb, q: AuditQuery): Promise<number> {
  const row = await filtered(db, q).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  return row.n;
}

export function events(db: TenantDb, q: AuditQuery, limit: number, offset: number) {
  return filtered(db, q)
    .selectAll()
    .orderBy("occurred_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function auditedTables(db: TenantDb): Promise<string[]> {
  const rows = await db
    .selectFrom("audit_events")
    .select("table_name")
    .distinct()
    .orderBy("table_name")
    .execute();
  return rows.map((r) => r.table_name);
}

export function maskedFields(db: TenantDb, table: string) {
  return db
    .selectFrom("audit_field_classes")
    .select(["column_name", "class"])
    .where("table_name", "=", table)
    .execute();
}
