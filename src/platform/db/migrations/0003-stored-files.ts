import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../tenant-table.js";

/**
 * Stored files: evidence attached to records (a CPD entry's certificate, notes, a reflection),
 * kept in the database so a council's data is one backup and row-level security covers them.
 * Audited by whoever links a file to a record; the content itself is never copied to the audit
 * trail (classed secret: recorded only as "changed").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table stored_files (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenants(id) default ${tenantIdDefault},
    filename text not null check (length(filename) between 1 and 255),
    content_type text not null,
    size_bytes integer not null check (size_bytes between 1 and 20971520),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    content bytea not null,
    uploaded_by text not null,
    uploaded_at timestamptz not null default now()
  )`.execute(db);
  await tenantTable(db, "stored_files", { content: "secret" });
}
