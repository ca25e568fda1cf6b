import { type Kysely, sql } from "kysely";

/** Lets a tenant's latest audit event be found from the index alone (TenantCache's version check). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index audit_events_tenant_latest on audit_events (tenant_id, id)`.execute(db);
}
