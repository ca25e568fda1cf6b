import { type Kysely, sql } from "kysely";

/**
 * The census area's changes to the tables of 1900-workforce: each specification keeps the plain
 * English names its rules file gives the return's fields (for the pre-submission report).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table census_specifications add column field_labels jsonb not null default '{}'`.execute(
    db,
  );
}
