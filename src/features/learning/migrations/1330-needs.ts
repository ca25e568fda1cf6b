import type { Kysely } from "kysely";

/** Learning needs analysis: needs per person, places planned per course and year. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
