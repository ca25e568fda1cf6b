import { type Kysely, sql } from "kysely";

/**
 * A password tried on an account that has none (single sign-on only, or its set-password link not
 * yet used) was recorded as "disabled", which the sign-ins page then misreported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sign_in_events drop constraint sign_in_events_outcome_check`.execute(db);
  await sql`alter table sign_in_events add constraint sign_in_events_outcome_check
    check (outcome in ('signed_in', 'wrong_password', 'locked', 'unknown_user', 'disabled', 'no_password'))`.execute(
    db,
  );
}
