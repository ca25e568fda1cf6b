import { type Kysely, sql } from "kysely";

/** When a leaver's identifying details were removed under the retention rule (null: never). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table people add column anonymised_on date`.execute(db);
}
