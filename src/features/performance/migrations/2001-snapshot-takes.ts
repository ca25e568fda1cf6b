import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * One audited row each time the monthly job (or a re-run) writes a month's snapshot rows, which
 * are not audited row by row. It is the audit trail of the job's runs, and, as every audited write
 * does, it moves the council's data version, so figures remembered before the snapshot (a
 * measure's trend, the scorecard's months) are worked out again with it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table performance_snapshot_takes (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenants(id) default ${tenantIdDefault},
    period_end date not null,
    rows integer not null check (rows > 0),
    taken_by text not null,
    taken_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index performance_snapshot_takes_period on performance_snapshot_takes (tenant_id, period_end)`.execute(
    db,
  );
  await tenantTable(db, "performance_snapshot_takes");
}
