import type { Kysely } from "kysely";

/** The CPD log: entries, peer reflections, evidence links. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
