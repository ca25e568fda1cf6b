import { type Kysely, type Migration, type MigrationResultSet, Migrator } from "kysely";
import type { Database } from "./schema.js";

/**
 * Runs every migration not yet applied. Names start with a number (platform 0001-0999, features
 * from 1000) so a fresh database gets them in order; a later platform migration (say 0002) may
 * arrive after feature migrations have run on an existing database, so unordered migrations are
 * allowed: each runs once, whenever it first appears.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  migrations: Record<string, Migration>,
): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    const message = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${message}`, {
      cause: result.error,
    });
  }
  return result;
}
