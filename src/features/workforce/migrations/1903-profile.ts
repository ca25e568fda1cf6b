import type { Kysely } from "kysely";

/**
 * Changes the workforce profile area makes to the tables of 1900-workforce (none yet). Kept as its
 * own step so each area's schema changes stay beside it in order.
 */
export async function up(_db: Kysely<unknown>): Promise<void> {}
