import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import type { Cleanup } from "./cleanup.js";

const run = promisify(execFile);

export type BenchDatabaseKind = "postgres" | "pglite";

/** Where the app's data lives for one benchmark invocation: exactly one of url and dataDir. */
export interface BenchDatabase {
  kind: BenchDatabaseKind;
  url?: string;
  dataDir?: string;
  /** For the report: no credentials. */
  description: string;
}

const PG_BIN = "/usr/lib/postgresql/15/bin";

/**
 * A fresh, empty database, removed by `cleanup`. PostgreSQL: a new `wa_bench_<random>` database on
 * BENCH_DATABASE_URL's server, or else on a throwaway server of our own (scripts/pg-test-server.sh on
 * BENCH_PG_PORT, default 54339, so the tests' server on 54329 is neither disturbed nor measured).
 * PGlite: a temporary DATA_DIR.
 */
export async function prepareDatabase(
  kind: BenchDatabaseKind,
  root: string,
  cleanup: Cleanup,
): Promise<BenchDatabase> {
  if (kind === "pglite") {
    const dataDir = await mkdtemp(path.join(tmpdir(), "wa-bench-"));
    cleanup.add("remove PGlite data", () => rm(dataDir, { recursive: true, force: true }));
    return { kind, dataDir, description: "PGlite (embedded, in the server process)" };
  }

  const serverUrl = process.env.BENCH_DATABASE_URL || (await startThrowawayServer(root, cleanup));
  const name = `wa_bench_${randomBytes(6).toString("hex")}`;
  await withClient(serverUrl, (c) => c.query(`create database ${name}`));
  // BENCH_KEEP_DATABASE=1 keeps the database afterwards, to look into a slow query with EXPLAIN.
  if (process.env.BENCH_KEEP_DATABASE === "1") console.error(`bench: keeping database ${name}`);
  else
    cleanup.add(`drop database ${name}`, async () => {
      await withClient(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const version = await withClient(url.toString(), async (c) => {
    const r = await c.query<{ server_version: string }>("show server_version");
    return r.rows[0]?.server_version ?? "unknown";
  });
  return {
    kind,
    url: url.toString(),
    description: `PostgreSQL ${version} at ${url.hostname}:${url.port || "5432"}`,
  };
}

async function startThrowawayServer(root: string, cleanup: Cleanup): Promise<string> {
  if (!existsSync(path.join(PG_BIN, "postgres"))) {
    console.error("bench: PostgreSQL 15 binaries missing; running scripts/ensure-test-deps.sh");
    await run("bash", [path.join(root, "scripts/ensure-test-deps.sh")], { cwd: root });
  }
  const port = process.env.BENCH_PG_PORT || "54339";
  const env = { ...process.env, WA_TEST_PG_PORT: port };
  const base = process.env.WA_TEST_PG_DIR || `/tmp/wa-pg-${port}`;
  const script = path.join(root, "scripts/pg-test-server.sh");
  const wasRunning = await run("bash", [script, "status"], { env }).then(
    () => true,
    () => false,
  );
  const { stdout } = await run("bash", [script, "start"], { env });
  const url = stdout.trim().split("\n").at(-1);
  if (!url?.startsWith("postgres")) throw new Error(`pg-test-server.sh start printed no URL: ${stdout}`);
  if (!wasRunning) {
    cleanup.add("stop PostgreSQL", async () => {
      await shutDownPostmaster(base);
      await run("bash", [script, "stop"], { env });
    });
  }
  return url;
}

/**
 * pg-test-server.sh takes its lock on fd 9 and the postmaster it starts inherits it, so its `stop`
 * waits for a lock the server itself holds. Stopping the postmaster first (SIGINT: fast shutdown)
 * frees it; `stop` then deletes the data. Harmless once the script no longer leaks the descriptor.
 */
async function shutDownPostmaster(base: string): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(path.join(base, "data/postmaster.pid"), "utf8")).split("\n")[0]);
    const comm = (await readFile(`/proc/${pid}/comm`, "utf8")).trim();
    if (!Number.isInteger(pid) || !comm.startsWith("postgres")) return;
  } catch {
    return; // not running
  }
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && existsSync(`/proc/${pid}`)) await new Promise((r) => setTimeout(r, 100));
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
