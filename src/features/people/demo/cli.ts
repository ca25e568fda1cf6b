/**
 * Generates demo or benchmark authorities into the configured database (DATABASE_URL, else PGlite
 * in DATA_DIR, as the app does; migrations run first):
 *
 *   tsx src/features/people/demo/cli.ts [--staff=600] [--authorities=1] [--seed=20261123]
 *                                       [--today=yyyy-mm-dd] [--concurrency=N] [--parallel=N]
 *
 * One authority goes into the default tenant (AUTHORITY_NAME). More make a national service: the
 * default tenant plus made-up councils, each a tenant reached at <slug>.localhost, each with about
 * --staff staff (0.6 to 1.4 times). Tenants that already have people are left alone.
 */
import { buildApp } from "../../../app.js";
import { loadConfig } from "../../../platform/config.js";
import { isIsoDate } from "../../../platform/dates.js";
import { authorityNamesFor, authoritySeed, authoritySizes } from "./authorities.js";
import { type GenerateResult, generateAuthority, tenantIsEmpty } from "./generate.js";
import { authorityNames } from "./plan.js";
import { DEMO_SEED, DEMO_STAFF } from "./seed-demo.js";

interface CliOptions {
  staff: number;
  authorities: number;
  seed: number;
  today: string | null;
  concurrency: number | null;
  parallel: number | null;
}

const usage =
  "usage: tsx src/features/people/demo/cli.ts [--staff=600] [--authorities=1] [--seed=N] [--today=yyyy-mm-dd] [--concurrency=N] [--parallel=N]";

function parse(argv: string[]): CliOptions {
  const o: CliOptions = {
    staff: DEMO_STAFF,
    authorities: 1,
    seed: DEMO_SEED,
    today: null,
    concurrency: null,
    parallel: null,
  };
  for (const arg of argv) {
    const [flag, value = ""] = arg.split("=", 2);
    const n = Number(value);
    const whole = value !== "" && Number.isInteger(n) && n >= 0;
    if (flag === "--staff" && whole && n >= 1) o.staff = n;
    else if (flag === "--authorities" && whole && n >= 1) o.authorities = n;
    else if (flag === "--seed" && whole) o.seed = n;
    else if (flag === "--today" && isIsoDate(value)) o.today = value;
    else if (flag === "--concurrency" && whole && n >= 1) o.concurrency = n;
    else if (flag === "--parallel" && whole && n >= 1) o.parallel = n;
    else if (flag === "--help" || flag === "-h") {
      console.log(usage);
      process.exit(0);
    } else {
      console.error(`demo: bad argument ${arg}\n${usage}`);
      process.exit(2);
    }
  }
  return o;
}

async function main(): Promise<number> {
  const o = parse(process.argv.slice(2));
  const config = loadConfig();
  const app = await buildApp({ config, emailSender: null });
  try {
    await app.ready();
    const { data, database } = app.platform;
    const postgres = database.kind === "postgres";
    const concurrency = o.concurrency ?? (postgres ? 4 : 1);
    const parallel = postgres ? (o.parallel ?? (o.authorities > 1 ? 2 : 1)) : 1;
    const today = o.today ?? app.people.today();

    const defaultTenant = await data.system
      .selectFrom("tenants")
      .select(["id", "name"])
      .orderBy("created_at")
      .orderBy("slug")
      .executeTakeFirstOrThrow();
    const names = [defaultTenant.name, ...authorityNamesFor(o.authorities - 1, o.seed)];
    const sizes = authoritySizes(o.authorities, o.staff, o.seed);
    const jobs: { index: number; tenantId: string; name: string; staff: number }[] = [];
    for (const [index, name] of names.entries()) {
      const tenantId = index === 0 ? defaultTenant.id : await ensureTenant(app, name);
      if (!(await tenantIsEmpty(data, tenantId))) {
        console.error(`demo: ${name} already has people or units; left alone`);
        continue;
      }
      jobs.push({ index, tenantId, name, staff: sizes[index] ?? o.staff });
    }
    await app.platform.tenants.load();

    console.error(
      `demo: ${jobs.length} authorit${jobs.length === 1 ? "y" : "ies"} on ${postgres ? "PostgreSQL" : "PGlite"}, ` +
        `today ${today}, seed ${o.seed}, history concurrency ${concurrency}, ${parallel} at a time`,
    );
    const started = performance.now();
    const results: GenerateResult[] = [];
    const queue = [...jobs];
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const result = await generateAuthority({
          tenantId: job.tenantId,
          authorityName: job.name,
          seed: authoritySeed(o.seed, job.index),
          staff: job.staff,
          today,
          people: app.people,
          data,
          concurrency,
          log: jobs.length === 1 ? (m) => console.error(`demo: ${m}`) : undefined,
        });
        results.push(result);
        const s = result.summary;
        console.log(
          `${s.authority}: ${s.staffToday} staff today (${s.agencyToday} agency, SW agency ${(s.socialWorkers.agencyShare * 100).toFixed(1)}% of FTE), ` +
            `${s.units} units, ${s.posts} posts, ${s.vacantPosts} posts not fully held, leavers ${s.leaversByYear.join("/")} by year, ` +
            `${s.households} foster households; ${(result.timings.totalMs / 1000).toFixed(1)} s ` +
            `(plan ${(result.timings.planMs / 1000).toFixed(1)}, bulk ${(result.timings.bulkMs / 1000).toFixed(1)}, ` +
            `history ${(result.timings.eventsMs / 1000).toFixed(1)}: ${result.serviceCalls} service calls; ${result.auditEvents} audit events)`,
        );
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    const seconds = (performance.now() - started) / 1000;
    const staff = results.reduce((n, r) => n + r.summary.staffToday, 0);
    console.log(`demo: ${results.length} authorities, ${staff} staff today, in ${seconds.toFixed(1)} s`);
    return 0;
  } finally {
    await app.close();
  }
}

/** A tenant for a made-up council, reached at <slug>.localhost; the existing one if the slug is taken. */
async function ensureTenant(app: Awaited<ReturnType<typeof buildApp>>, name: string): Promise<string> {
  const { slug } = authorityNames(name);
  const db = app.platform.data.system;
  const existing = await db.selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto("tenants")
    .values({ slug, name, hostnames: [`${slug}.localhost`] })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error("demo:", err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
