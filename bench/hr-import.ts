/**
 * Times the HR feed on a generated file: `npx tsx bench/hr-import.ts [--db=pglite] [--rows=10000] [--runs=3]`.
 *
 * The bench harness (bench/run.ts) drives pages with autocannon; its scenarios cannot time one
 * piece of background work, so this is a script of its own. Each run takes a fresh database (the
 * same way as the harness: a throwaway PostgreSQL server from scripts/pg-test-server.sh, or
 * BENCH_DATABASE_URL, or a temporary PGlite DATA_DIR), builds the app as the server does, loads
 * the organisation the file refers to and times, through the feeds service:
 *   1. preview of a new file (every row a new person) and its import, in one transaction;
 *   2. preview and import of the same rows reordered in a renamed file (nothing to write).
 * It prints each figure's median over the runs. Target: preview + import of 10,000 rows under 5 s
 * on PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "../src/app.js";
import {
  createFeedFixture,
  generateHrRows,
  hrCsv,
  shuffled,
} from "../src/features/people/feeds/generator.js";
import { defaultMapping } from "../src/features/people/feeds/mapping.js";
import { loadConfig } from "../src/platform/config.js";
import { openDatabase } from "../src/platform/db/connection.js";
import { Cleanup } from "./cleanup.js";
import { type BenchDatabaseKind, prepareDatabase } from "./database.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const kind: BenchDatabaseKind = arg("db") === "pglite" ? "pglite" : "postgres";
const rows = Number(arg("rows") ?? 10_000);
const runs = Number(arg("runs") ?? 3);

interface Timing {
  preview: number;
  import: number;
  repreview: number;
  reimport: number;
}

async function once(cleanup: Cleanup): Promise<Timing> {
  const database = await prepareDatabase(kind, root, cleanup);
  const env: Record<string, string> = {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    JOBS_ENABLED: "false",
    SESSION_SECRET: randomBytes(24).toString("hex"),
  };
  if (database.url) env.DATABASE_URL = database.url;
  if (database.dataDir) env.DATA_DIR = database.dataDir;
  const config = loadConfig(env);
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const app = await buildApp({ config, database: handle, logStream: process.stderr, emailSender: null });
  try {
    await app.ready();
    const tenantId = app.platform.tenants.forHost("127.0.0.1").id;
    const ctx = { tenantId, actor: { id: "system:bench" } };
    await createFeedFixture(app.platform.data, app.people, ctx);
    const sourceId = await app.feeds.saveSource(ctx, null, {
      name: "HR system",
      full_extract: true,
      create_new_people: true,
      hr_contact_email: null,
      folder_name: null,
      mapping: defaultMapping(),
    });
    const generated = generateHrRows(rows, 1);
    const first = Buffer.from(hrCsv(generated));
    const again = Buffer.from(hrCsv(shuffled(generated)));

    const timeRun = async (filename: string, file: Buffer) => {
      const runId = await app.feeds.startRun(ctx, { sourceId, filename, file, trigger: "upload" });
      const t0 = performance.now();
      await app.feeds.previewRun(ctx, runId);
      const t1 = performance.now();
      const result = await app.feeds.importRun(ctx, runId, "all");
      const t2 = performance.now();
      if (result.status !== "imported") throw new Error(`import ${filename} ended ${result.status}`);
      return { preview: (t1 - t0) / 1000, import: (t2 - t1) / 1000, counts: result.counts };
    };
    const a = await timeRun("people.csv", first);
    if (a.counts?.create !== rows)
      throw new Error(`expected ${rows} new people, got ${JSON.stringify(a.counts)}`);
    const b = await timeRun("people-reordered.csv", again);
    if (b.counts?.unchanged !== rows)
      throw new Error(`expected ${rows} unchanged, got ${JSON.stringify(b.counts)}`);
    return { preview: a.preview, import: a.import, repreview: b.preview, reimport: b.import };
  } finally {
    await app.close();
    await handle.close();
  }
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  const stop = () => void cleanup.run().then(() => process.exit(130));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const timings: Timing[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const t = await once(cleanup);
      timings.push(t);
      console.error(
        `hr-import: run ${i + 1}: preview ${t.preview.toFixed(2)} s, import ${t.import.toFixed(2)} s; ` +
          `reordered: preview ${t.repreview.toFixed(2)} s, import ${t.reimport.toFixed(2)} s`,
      );
    }
  } finally {
    await cleanup.run();
  }
  const m = (key: keyof Timing) => median(timings.map((t) => t[key]));
  const total = median(timings.map((t) => t.preview + t.import));
  console.log(`HR import of ${rows.toLocaleString("en-GB")} rows on ${kind}, median of ${runs}:`);
  console.log(
    `  new file        preview ${m("preview").toFixed(2)} s  import ${m("import").toFixed(2)} s  total ${total.toFixed(2)} s`,
  );
  console.log(
    `  same, reordered preview ${m("repreview").toFixed(2)} s  import ${m("reimport").toFixed(2)} s`,
  );
  if (kind === "postgres")
    console.log(`  target: total under 5 s on PostgreSQL: ${total < 5 ? "met" : "NOT met"}`);
  if (kind === "postgres" && total >= 5) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
