import { type Kysely, sql } from "kysely";

/**
 * A record's history takes in the rows that belong to it (a person's assignments, leaving and
 * equality rows; a unit's versions), found by the key they carry in the audit row: indexed so a
 * history page stays an index lookup however long the trail grows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const key of ["person_id", "org_unit_id"]) {
    await sql`create index ${sql.id(`audit_events_${key}`)} on audit_events
      (tenant_id, (coalesce(after ->> ${sql.lit(key)}, before ->> ${sql.lit(key)})))
      where coalesce(after ->> ${sql.lit(key)}, before ->> ${sql.lit(key)}) is not null`.execute(db);
  }
}
