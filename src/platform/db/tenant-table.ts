import { type Kysely, sql } from "kysely";
import type { FieldClass } from "./schema.js";

/** The database role every tenant-scoped transaction runs as: row-level security applies to it. */
export const APP_ROLE = "wa_app";

/**
 * Makes a table tenant-scoped and audited. Call it in a migration right after creating a table
 * that has a `tenant_id uuid` column (use `tenantIdColumn`). It:
 * - turns on row-level security, so a transaction opened by DataAccess.run sees and writes only
 *   its own tenant's rows, whatever the query says (the setting is read in a sub-select, so
 *   PostgreSQL works it out once per query, not once per row);
 * - adds the audit trigger: one audit_events row per inserted, changed or deleted row, with the
 *   actor; fields classed equality, private_note or secret are recorded only as "changed".
 */
export async function tenantTable(
  db: Kysely<unknown>,
  table: string,
  fieldClasses: Record<string, Exclude<FieldClass, "ordinary">> = {},
  options: { audit?: boolean } = {},
): Promise<void> {
  const t = sql.table(table);
  await sql`alter table ${t} enable row level security`.execute(db);
  await sql`create policy tenant_isolation on ${t} to ${sql.id(APP_ROLE)}
    using (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))`.execute(db);
  await sql`grant select, insert, update, delete on ${t} to ${sql.id(APP_ROLE)}`.execute(db);
  for (const [column, fieldClass] of Object.entries(fieldClasses)) {
    await sql`insert into audit_field_classes (table_name, column_name, class)
      values (${table}, ${column}, ${fieldClass})
      on conflict (table_name, column_name) do update set class = excluded.class`.execute(db);
  }
  if (options.audit !== false) {
    await sql`create trigger audit_row after insert or update or delete on ${t}
      for each row execute function audit_row()`.execute(db);
  }
}

/** SQL default for a tenant_id column: the tenant of the current transaction. */
export const tenantIdDefault = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;
