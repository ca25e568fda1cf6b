import type { Kysely } from "kysely";

/** Evaluation of learning: requests after attendance, answers, 3-month follow-ups. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
