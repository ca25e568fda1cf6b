import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrations } from "../../src/migrations.js";
import { type DatabaseHandle, openDatabase } from "../../src/platform/db/connection.js";
import { migrateToLatest } from "../../src/platform/db/migrate.js";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or — when the test run
 * targets PostgreSQL (TEST_DATABASE_URL, set by scripts/test.sh for the "postgres" project) — a
 * new database on that server, dropped again on close.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (process.env.WA_TEST_DB === "postgres" && !serverUrl) {
    throw new Error("The postgres test project needs TEST_DATABASE_URL (scripts/test.sh sets it)");
  }
  if (!serverUrl) {
    const handle = await openDatabase({ dataDir: "memory://" });
    await migrateToLatest(handle.db, migrations);
    return handle;
  }
  const name = `wa_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 5 });
  await migrateToLatest(handle.db, migrations);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export const testDatabaseKind = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
