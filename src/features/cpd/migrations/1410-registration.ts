import type { Kysely } from "kysely";

/** Social Work England registration: register checks and readiness reminders. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
