import { sql } from "kysely";
import type { TenantDb } from "../../platform/tenancy/data-access.js";

/** The key rows belonging to a record carry: a person's assignments, a unit's versions. */
export const relatedKeys: Record<string, "person_id" | "org_unit_id"> = {
  people: "person_id",
  org_units: "org_unit_id",
};

export interface AuditQuery {
  table?: string | undefined;
  recordId?: string | undefined;
  /** With table and recordId: the rows that belong to the record too (see relatedKeys). */
  withRelated?: boolean;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function filtered(db: TenantDb, q: AuditQuery) {
  let query = db.selectFrom("audit_events");
  const key = q.withRelated && q.table ? relatedKeys[q.table] : undefined;
  if (key && q.table && q.recordId) {
    const { table, recordId } = q;
    // The same expression as the index (1200-related-records), so the planner uses it.
    const carried = sql`coalesce(after ->> ${sql.lit(key)}, before ->> ${sql.lit(key)})`;
    query = query.where((eb) =>
      eb.or([
        eb.and([eb("table_name", "=", table), eb("record_id", "=", recordId)]),
        eb(carried, "=", recordId),
      ]),
    );
  } else {
    if (q.table) query = query.where("table_name", "=", q.table);
    if (q.recordId) query = query.where("record_id", "=", q.recordId);
  }
  if (q.actor) {
    const like = `%${q.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The actor as recorded ("user:…", "feed:hr-people") or the user's name or email.
    query = query.where((eb) =>
      eb.or([
        eb("actor", "ilike", like),
        eb.exists(
          eb
            .selectFrom("users")
            .select(sql.lit(1).as("one"))
            .where(sql<boolean>`'user:' || users.id::text = audit_events.actor`)
            .where((u) => u.or([u("users.display_name", "ilike", like), u("users.email", "ilike", like)])),
        ),
      ]),
    );
  }
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

/** Names for the user actors among these ("user:<id>" -> display name and email). */
export async function userNames(db: TenantDb, actors: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(actors.filter((a) => a.startsWith("user:")).map((a) => a.slice(5)))].filter((id) =>
    /^[0-9a-f-]{36}$/.test(id),
  );
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name", "email"])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((u) => [`user:${u.id}`, `${u.display_name} (${u.email})`]));
}
