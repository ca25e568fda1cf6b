import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

// One set of type parsers for both databases (PGlite speaks the same protocol through node-postgres).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// Calendar dates stay ISO strings (yyyy-mm-dd): no time zone can shift them.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL server. When absent, the embedded PGlite database is used. */
  url?: string | undefined;
  /** Folder for PGlite's files, or "memory://" for a throwaway in-memory database. */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection the server closes (a restart, a failover, an administrator) is dropped
    // from the pool and the next query opens another; without a listener node-postgres would
    // throw the error and end the process.
    pool.on("error", (err) => process.emitWarning(`idle PostgreSQL connection closed: ${err.message}`));
    withoutJit(pool);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: "postgres", close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? "./data";
  let location = dataDir;
  if (!dataDir.startsWith("memory://")) {
    location = path.resolve(dataDir, "pglite");
    mkdirSync(location, { recursive: true });
  }
  const pglite = await PGlite.create(location);
  const pool = withoutJit(new pg.Pool(createPgConfig(pglite)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: "pglite",
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/**
 * No JIT compilation on the service's connections. The planner's estimates for the scope
 * conditions (a recursive search of line management) run to millions, past jit_above_cost, and
 * compiling such a query took 3.1 s of a 3.2 s answer at 5,000 staff; the service's queries are
 * short, where JIT never pays. Set on each connection as it opens (the query goes ahead of any
 * other on it): no server change, and no startup parameter, which poolers such as PgBouncer refuse.
 */
function withoutJit(pool: pg.Pool): pg.Pool {
  pool.on("connect", (client) => {
    client.query("set jit = off").catch((err: Error) => process.emitWarning(`set jit = off: ${err.message}`));
  });
  return pool;
}
