import { migrations } from "./migrations.js";
import { loadConfig } from "./platform/config.js";
import { openDatabase } from "./platform/db/connection.js";
import { migrateToLatest } from "./platform/db/migrate.js";

/** `npm run migrate`: applies every pending migration to the configured database, then exits. */
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await migrateToLatest(database.db, migrations);
  const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
      : "Database is up to date",
  );
} finally {
  await database.close();
}
