import { type Kysely, sql } from "kysely";

/**
 * Changes the workforce benchmarking area makes to the tables of 1900-workforce. Two authorities
 * that report to the DfE together (North and West Northamptonshire; Kingston upon Thames and
 * Richmond upon Thames) appear in the published files once, with the code "E06000061 / E06000062":
 * an authority that is one of them chooses that row, so la_code may hold such a pair.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table workforce_settings
    drop constraint workforce_settings_la_code_check,
    add constraint workforce_settings_la_code_check check (la_code ~ '^E[0-9]{8}( / E[0-9]{8})*$')`.execute(
    db,
  );
}
