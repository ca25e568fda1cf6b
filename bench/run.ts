/**
 * The benchmark harness: `npm run bench [-- --db=postgres|pglite --duration=S --warmup=S] [scenario...]`.
 * See bench/README.md for what the figures mean.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism, cpus } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/platform/config.js";
import { openDatabase } from "../src/platform/db/connection.js";
import { Cleanup } from "./cleanup.js";
import { type BenchDatabase, type BenchDatabaseKind, prepareDatabase } from "./database.js";
import { defaultSettings, type MeasureSettings, measure, type ScenarioFigures } from "./measure.js";
import type { Scenario, ScenarioPlan } from "./scenario.js";
import { scenarios } from "./scenarios/index.js";
import { freePort, startServer } from "./server.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REFERENCE = "reference";

interface Options {
  db: BenchDatabaseKind;
  settings: MeasureSettings;
  scenarios: Scenario[];
}

interface ScenarioReport {
  name: string;
  description: string;
  scale: string | null;
  status: "ok" | "failed";
  error?: string;
  requestsPerSecond?: number;
  p95Ms?: number;
  /** Requests per second divided by the reference page's, same invocation. */
  ratio?: number;
  /** p95 divided by the reference page's p95, same invocation (lower is better). */
  p95Ratio?: number;
  runs?: ScenarioFigures["runs"];
}

const usage = `usage: tsx bench/run.ts [--db=postgres|pglite] [--duration=seconds] [--warmup=seconds] [scenario...]
scenarios: ${scenarios.map((s) => s.name).join(", ")} (reference always runs first; none named: all)`;

function parseArgs(argv: string[]): Options {
  let db: BenchDatabaseKind = "postgres";
  const settings = { ...defaultSettings };
  const names: string[] = [];
  for (const arg of argv) {
    const [flag, value] = arg.split("=", 2);
    if (flag === "--db" && (value === "postgres" || value === "pglite")) db = value;
    else if (flag === "--duration" && isPositive(value)) settings.durationSeconds = Number(value);
    else if (flag === "--warmup" && isPositive(value, true)) settings.warmupSeconds = Number(value);
    else if (flag === "--help" || flag === "-h") exit(usage, 0);
    else if (arg.startsWith("-")) exit(`bench: bad option ${arg}\n${usage}`, 2);
    else names.push(arg);
  }
  const unknown = names.filter((n) => !scenarios.some((s) => s.name === n));
  if (unknown.length > 0) exit(`bench: unknown scenario ${unknown.join(", ")}\n${usage}`, 2);
  const wanted = names.length === 0 ? scenarios.map((s) => s.name) : names;
  const chosen = scenarios.filter((s) => s.name === REFERENCE || wanted.includes(s.name));
  // Reference first, then the others in the order asked for.
  chosen.sort((a, b) => rank(a.name) - rank(b.name));
  function rank(name: string): number {
    return name === REFERENCE ? -1 : wanted.indexOf(name);
  }
  return { db, settings, scenarios: chosen };
}

function isPositive(value: string | undefined, zeroAllowed = false): boolean {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isInteger(n) && (zeroAllowed ? n >= 0 : n > 0);
}

function exit(message: string, code: number): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

/** The server's environment: production settings, nothing inherited but PATH and HOME. */
function serverEnv(database: BenchDatabase, port: number, secret: string): Record<string, string> {
  const env: Record<string, string> = {
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "warn",
    JOBS_ENABLED: "false",
    SESSION_SECRET: secret,
    // Sessions are opened before the server starts; do not let a long invocation outlive them.
    SESSION_IDLE_MINUTES: "720",
  };
  if (process.env.PATH) env.PATH = process.env.PATH;
  if (process.env.HOME) env.HOME = process.env.HOME;
  if (database.url) env.DATABASE_URL = database.url;
  if (database.dataDir) env.DATA_DIR = database.dataDir;
  return env;
}

/**
 * Runs every scenario's setup in this process, on an app built exactly as the server builds it
 * (migrations, default tenant), then closes it: PGlite allows one process at a time, so the server
 * starts only afterwards.
 */
async function setUpScenarios(
  chosen: Scenario[],
  env: Record<string, string>,
  cleanup: Cleanup,
): Promise<Map<string, ScenarioPlan>> {
  const config = loadConfig(env);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= database.close();
    return closed;
  };
  cleanup.add("close the setup database", close);
  const app = await buildApp({ config, database, logStream: process.stderr, emailSender: null });
  const plans = new Map<string, ScenarioPlan>();
  try {
    await app.ready();
    const tenantId = app.platform.tenants.forHost("127.0.0.1").id;
    for (const scenario of chosen) {
      const started = performance.now();
      plans.set(
        scenario.name,
        await scenario.setup({
          db: database.db,
          platform: app.platform,
          tenantId,
          signIn: (principal = {}) =>
            app.platform.sessionStore.openSessionFor({
              userId: "00000000-0000-4000-8000-00000000be0c",
              displayName: "Benchmark Administrator",
              tenantId,
              roles: [{ role: "system_administrator", unitId: null }],
              ...principal,
            }),
        }),
      );
      const ms = performance.now() - started;
      console.error(
        `bench: set up ${scenario.name}${scenario.scale ? ` (${scenario.scale})` : ""} in ${fmt(ms / 1000, 1)} s`,
      );
    }
  } finally {
    await app.close();
    await close();
  }
  return plans;
}

/**
 * Headers every request carries, under the scenario's own: `x-forwarded-proto: https`, as from the
 * TLS-terminating proxy production runs behind (the app trusts it). Without it the production
 * session cookie is `Secure`, so @fastify/session never saves a session over plain HTTP and every
 * request would mint a new CSRF secret: not what users' requests cost.
 */
const baseHeaders: Record<string, string> = { "x-forwarded-proto": "https" };

function withBaseHeaders(plan: ScenarioPlan): ScenarioPlan {
  return { ...plan, headers: { ...baseHeaders, ...plan.headers } };
}

/** One request per path, outside the measurement: right status and the expected text, or the scenario fails. */
async function preflight(baseUrl: string, plan: ScenarioPlan): Promise<void> {
  for (const { path: p } of plan.requests) {
    const res = await fetch(`${baseUrl}${p}`, { headers: plan.headers ?? {}, redirect: "manual" });
    const body = await res.text();
    if (res.status < 200 || res.status > 299) {
      const where = res.headers.get("location");
      throw new Error(`GET ${p} answered ${res.status}${where ? ` (to ${where})` : ""}`);
    }
    const missing = (plan.expectBody ?? []).filter((text) => !body.includes(text));
    if (missing.length > 0)
      throw new Error(`GET ${p}: response lacks ${missing.map((m) => JSON.stringify(m)).join(", ")}`);
  }
}

function fmt(n: number | undefined, digits: number): string {
  return n === undefined || Number.isNaN(n) ? "-" : n.toFixed(digits);
}

function gitCommit(): string | null {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
      cwd: root,
      encoding: "utf8",
    }).trim();
    return dirty ? `${sha} (uncommitted changes)` : sha;
  } catch {
    return null;
  }
}

function table(rows: ScenarioReport[]): string {
  const header = ["scenario", "scale", "req/s", "p95 ms", "ratio", "p95 ratio"];
  const body = rows.map((r) =>
    r.status === "ok"
      ? [
          r.name,
          r.scale ?? "-",
          fmt(r.requestsPerSecond, 0),
          fmt(r.p95Ms, 2),
          fmt(r.ratio, 2),
          fmt(r.p95Ratio, 2),
        ]
      : [r.name, r.scale ?? "-", "FAILED", "-", "-", "-"],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const cleanup = new Cleanup();
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`bench: ${signal}, cleaning up`);
      void cleanup.run().finally(() => process.exit(130));
    });
  }

  try {
    const database = await prepareDatabase(options.db, root, cleanup);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = serverEnv(database, port, randomBytes(36).toString("base64url"));
    const plans = await setUpScenarios(options.scenarios, env, cleanup);
    await startServer(root, env, baseUrl, cleanup);

    const { settings } = options;
    console.error(
      `bench: ${database.description}; ${settings.connections} connections, warm-up ${settings.warmupSeconds} s, ` +
        `${settings.runs} runs of ${settings.durationSeconds} s`,
    );
    const reports: ScenarioReport[] = [];
    for (const scenario of options.scenarios) {
      const planned = plans.get(scenario.name);
      const plan = planned && withBaseHeaders(planned);
      const report: ScenarioReport = {
        name: scenario.name,
        description: scenario.description,
        scale: scenario.scale ?? null,
        status: "failed",
      };
      reports.push(report);
      if (!plan) continue;
      try {
        await preflight(baseUrl, plan);
        const figures = await measure(baseUrl, plan, settings, (label, run) =>
          console.error(
            `bench: ${scenario.name} ${label}: ${fmt(run.requestsPerSecond, 0)} req/s, p95 ${fmt(run.p95Ms, 2)} ms`,
          ),
        );
        Object.assign(report, {
          status: "ok",
          requestsPerSecond: figures.requestsPerSecond,
          p95Ms: figures.p95Ms,
          runs: figures.runs,
        });
      } catch (err) {
        report.error = err instanceof Error ? err.message : String(err);
        console.error(`bench: ${scenario.name} FAILED: ${report.error}`);
        if (scenario.name === REFERENCE) {
          console.error("bench: no reference figures, so no ratios; stopping");
          break;
        }
      }
    }
    const ref = reports.find((r) => r.name === REFERENCE && r.status === "ok");
    for (const r of reports) {
      if (ref?.requestsPerSecond && r.requestsPerSecond !== undefined)
        r.ratio = r.requestsPerSecond / ref.requestsPerSecond;
      if (ref?.p95Ms && r.p95Ms !== undefined) r.p95Ratio = r.p95Ms / ref.p95Ms;
    }

    const environment = {
      database: database.kind,
      databaseDescription: database.description,
      node: process.version,
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? "unknown",
      commit: gitCommit(),
    };
    console.log(
      `\nDatabase: ${environment.databaseDescription}\nNode ${environment.node}, ${environment.cpus} CPUs (${environment.cpuModel})` +
        `\n${settings.connections} connections, pipelining ${settings.pipelining}, warm-up ${settings.warmupSeconds} s, ` +
        `median of ${settings.runs} runs of ${settings.durationSeconds} s` +
        (environment.commit ? `\nCommit ${environment.commit}` : "") +
        "\n\n" +
        table(reports) +
        "\n\nratio = scenario req/s / reference req/s; p95 ratio = scenario p95 / reference p95; both from this invocation." +
        (database.kind === "postgres" ? "" : " Ratio targets apply on PostgreSQL, not PGlite.") +
        "\n",
    );

    const file = path.join(root, "bench/results/latest.json");
    await mkdir(path.dirname(file), { recursive: true });
    const json = { date: new Date().toISOString(), environment, settings, scenarios: reports };
    await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
    console.error(`bench: wrote ${path.relative(root, file)}`);
    return reports.every((r) => r.status === "ok") ? 0 : 1;
  } finally {
    await cleanup.run();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error("bench:", err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
