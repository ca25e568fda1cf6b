/**
 * Times the DfE census for a national service:
 * `npx tsx bench/census-national.ts [--db=pglite] [--runs=3] [--authorities=150] [--staff=500] [--year=2026] [--parallel=4]`.
 *
 * The bench harness only sends GETs, and the census XML is made on a POST (and stored), so this is
 * a script of its own, like bench/hr-import.ts. It takes a fresh database (a throwaway PostgreSQL
 * server from scripts/pg-test-server.sh, or BENCH_DATABASE_URL, or a temporary PGlite DATA_DIR),
 * builds the app as the server does, loads the national service of bench/scenarios/workforce-national.ts
 * once, and then, --runs times, times for the census year:
 *   1. the default tenant: the census dataset (app.workforceMeasures.dataset), the DfE measures
 *      (measuresFor; and three years of them at once, as GET /workforce/measures does), the XML (the year's specification and buildCensusReturn, which checks every
 *      record), xmllint against the schema, and the whole return as POST /workforce/census/:year/returns
 *      makes it (CensusService.makeReturn: report, xmllint, stored);
 *   2. every tenant one after another: dataset, XML and xmllint (what making every authority's
 *      return costs).
 * It prints each figure's median over the runs.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "../src/app.js";
import { CensusService } from "../src/features/workforce/census/census.service.js";
import { buildCensusReturn, SOFTWARE_CODE } from "../src/features/workforce/census/xml.js";
import { xmllint } from "../src/features/workforce/census/xmllint.js";
import { loadConfig } from "../src/platform/config.js";
import { openDatabase } from "../src/platform/db/connection.js";
import type { TenantContext } from "../src/platform/tenancy/data-access.js";
import { Cleanup } from "./cleanup.js";
import { type BenchDatabaseKind, prepareDatabase } from "./database.js";
import { loadNationalService, NATIONAL_AUTHORITIES, NATIONAL_STAFF } from "./scenarios/workforce-national.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const kind: BenchDatabaseKind = arg("db") === "pglite" ? "pglite" : "postgres";
const runs = Number(arg("runs") ?? 3);
const authorities = Number(arg("authorities") ?? NATIONAL_AUTHORITIES);
const staff = Number(arg("staff") ?? NATIONAL_STAFF);
const year = Number(arg("year") ?? 2026);
const parallel = arg("parallel") ? Number(arg("parallel")) : undefined;

interface Timing {
  dataset: number;
  measures: number;
  measuresPage: number;
  xml: number;
  xmllint: number;
  makeReturn: number;
  allDataset: number;
  allXml: number;
  allXmllint: number;
  all: number;
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  const stop = () => void cleanup.run().then(() => process.exit(130));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
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
    cleanup.add("close the database", () => handle.close());
    const app = await buildApp({ config, database: handle, logStream: process.stderr, emailSender: null });
    cleanup.add("close the app", () => app.close());
    await app.ready();
    const tenantId = app.platform.tenants.forHost("127.0.0.1").id;
    const service = await loadNationalService(
      { db: handle.db, platform: app.platform, tenantId },
      { authorities, staff, parallel, log: (m) => console.error(`census-national: ${m}`) },
    );
    const census = new CensusService(app);
    const actor = { id: "system:bench" };
    const contexts: TenantContext[] = service.tenants.map((t) => ({ tenantId: t.id, actor }));
    const first = contexts[0] as TenantContext;
    const header = (lea: string | null) => ({
      leaNumber: lea,
      softwareCode: SOFTWARE_CODE,
      dateTime: app.platform.clock.now().toISOString(),
    });

    let records = 0;
    let defaultRecords = 0;
    let xmlBytes = 0;
    const timings: Timing[] = [];
    for (let run = 1; run <= runs; run++) {
      const t: Partial<Timing> = {};
      let t0 = performance.now();
      const dataset = await app.workforceMeasures.dataset(first, { year, unitId: null });
      t.dataset = (performance.now() - t0) / 1000;
      t0 = performance.now();
      await app.workforceMeasures.measuresFor(first, { year, unitId: null });
      t.measures = (performance.now() - t0) / 1000;
      // GET /workforce/measures?year= shows the year and the two before it, three at once.
      t0 = performance.now();
      await Promise.all(
        [year - 2, year - 1, year].map((y) =>
          app.workforceMeasures.measuresFor(first, { year: y, unitId: null }),
        ),
      );
      t.measuresPage = (performance.now() - t0) / 1000;
      t0 = performance.now();
      const choice = await census.specFor(first, year);
      const settings = await census.settings(first);
      if (!choice) throw new Error(`No census specification for ${year}`);
      const draft = buildCensusReturn(choice.spec, dataset, header(settings?.lea_number ?? null));
      t.xml = (performance.now() - t0) / 1000;
      if (!draft.xml) throw new Error(`No XML for the default tenant: ${draft.blockers.join("; ")}`);
      t0 = performance.now();
      const lint = await xmllint(choice.spec.xsd, draft.xml);
      t.xmllint = (performance.now() - t0) / 1000;
      if (!lint.valid)
        throw new Error(
          `The default tenant's XML does not validate: ${lint.messages.slice(0, 3).join("; ")}`,
        );
      t0 = performance.now();
      await census.makeReturn(first, year);
      t.makeReturn = (performance.now() - t0) / 1000;
      defaultRecords = dataset.workers.length;
      xmlBytes = draft.xml.length;

      t.allDataset = 0;
      t.allXml = 0;
      t.allXmllint = 0;
      records = 0;
      const allStarted = performance.now();
      for (const ctx of contexts) {
        let s = performance.now();
        const d = await app.workforceMeasures.dataset(ctx, { year, unitId: null });
        t.allDataset += (performance.now() - s) / 1000;
        s = performance.now();
        const c = await census.specFor(ctx, year);
        const st = await census.settings(ctx);
        if (!c) throw new Error(`No census specification for ${year}`);
        const r = buildCensusReturn(c.spec, d, header(st?.lea_number ?? null));
        t.allXml += (performance.now() - s) / 1000;
        if (!r.xml) throw new Error(`No XML for tenant ${ctx.tenantId}: ${r.blockers.join("; ")}`);
        s = performance.now();
        const l = await xmllint(c.spec.xsd, r.xml);
        t.allXmllint += (performance.now() - s) / 1000;
        if (!l.valid) throw new Error(`Tenant ${ctx.tenantId}'s XML does not validate: ${l.messages[0]}`);
        records += d.workers.length;
      }
      t.all = (performance.now() - allStarted) / 1000;
      timings.push(t as Timing);
      console.error(
        `census-national: run ${run}: default tenant dataset ${t.dataset.toFixed(2)} s, measures ${t.measures.toFixed(2)} s, ` +
          `XML ${t.xml.toFixed(2)} s, xmllint ${t.xmllint.toFixed(2)} s, makeReturn ${t.makeReturn.toFixed(2)} s; ` +
          `all ${contexts.length}: ${t.all.toFixed(1)} s (datasets ${t.allDataset.toFixed(1)}, XML ${t.allXml.toFixed(1)}, xmllint ${t.allXmllint.toFixed(1)})`,
      );
    }
    const m = (key: keyof Timing) => median(timings.map((t) => t[key])).toFixed(2);
    console.log(
      `Census ${year} for a national service on ${kind}: ${service.tenants.length} authorities, ` +
        `${service.socialWorkers.toLocaleString("en-GB")} social workers at 30 September 2026 ` +
        `(loaded in ${service.seconds.total.toFixed(0)} s); median of ${runs}:`,
    );
    console.log(
      `  default tenant (${defaultRecords} census records, XML ${(xmlBytes / 1024).toFixed(0)} KiB): ` +
        `dataset ${m("dataset")} s, measures ${m("measures")} s (three years, as the measures page: ${m("measuresPage")} s), XML ${m("xml")} s, ` +
        `xmllint ${m("xmllint")} s; whole return (makeReturn) ${m("makeReturn")} s`,
    );
    console.log(
      `  all ${service.tenants.length} tenants one after another (${records.toLocaleString("en-GB")} census records): ` +
        `${m("all")} s (datasets ${m("allDataset")} s, XML ${m("allXml")} s, xmllint ${m("allXmllint")} s)`,
    );
  } finally {
    await cleanup.run();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
