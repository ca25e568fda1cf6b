import type { Kysely } from "kysely";

/** Stored files (evidence attached to records): filled in by the CPD log work. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
