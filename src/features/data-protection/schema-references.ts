import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Database } from "../../platform/db/schema.js";

export interface ForeignKey {
  table: string;
  column: string;
  references: string;
}

/** Every foreign key in the database, read from the catalogue (so a new table is never missed). */
export async function foreignKeys(db: Kysely<Database>): Promise<ForeignKey[]> {
  const result = await sql<ForeignKey>`
    select child.relname as "table", a.attname as "column", parent.relname as "references"
    from pg_constraint c
    join pg_class child on child.oid = c.conrelid
    join pg_class parent on parent.oid = c.confrelid
    join pg_namespace n on n.oid = child.relnamespace
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and n.nspname = current_schema() and array_length(c.conkey, 1) = 1
    order by 1, 2`.execute(db);
  return result.rows;
}
