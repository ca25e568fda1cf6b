import type { Kysely } from "kysely";
import { sql } from "kysely";
import {
  authorityNamesFor,
  authoritySeed,
  authoritySizes,
} from "../../src/features/people/demo/authorities.js";
import { generateAuthority, tenantIsEmpty } from "../../src/features/people/demo/generate.js";
import { authorityNames } from "../../src/features/people/demo/plan.js";
import { PeopleService } from "../../src/features/people/people.service.js";
import type { Database } from "../../src/platform/db/schema.js";
import type { Scenario, ScenarioContext } from "../scenario.js";

/**
 * A national service for the workforce measures and the DfE census (issue 9): 150 authorities
 * (tenants; the default tenant is the first, the one the pages are requested for), each the people
 * demo generator's authority at 300 to 700 staff (500 on average, about 270 social workers each,
 * about 40,000 in all) with its three years of history (units restructured, moves, starters and
 * leavers with DfE reasons and destinations, agency and locum cover). On top, set-based with the
 * row triggers off, as a data migration or the feeds would load them: workforce settings (an LEA
 * number each), census details for the social workers (one in 40 with none), caseload snapshots
 * at 30 September 2024, 2025 and 2026 for every case-holding social worker then, sickness absence
 * by month for the three census years (absent months only), and a placement for every agency
 * assignment.
 */
export const NATIONAL_AUTHORITIES = 150;
export const NATIONAL_STAFF = 500;
export const NATIONAL_SEED = 2026;
export const NATIONAL_SCALE =
  "150 authorities (demo generator, seed 2026, 300-700 staff each, 500 on average): about 40,000 social workers at 30 September 2026, three years of history, caseloads at 30 September 2024-2026, monthly sickness absence for census years 2024-2026, agency placements";

export interface NationalOptions {
  authorities?: number;
  /** Mean staff per authority (0.6 to 1.4 times this each). */
  staff?: number;
  seed?: number;
  /** Authorities generated at once (PostgreSQL; PGlite always 1); default 4. */
  parallel?: number;
  log?: (message: string) => void;
}

export interface NationalService {
  /** Every tenant of the service, the default tenant first. */
  tenants: { id: string; name: string }[];
  /** Social work records (in post or agency) at 30 September 2026, all tenants; and the default tenant's. */
  socialWorkers: number;
  defaultSocialWorkers: number;
  seconds: { generate: number; extras: number; total: number };
}

type LoadContext = Pick<ScenarioContext, "db" | "platform" | "tenantId">;

const ACTOR = "system:bench";

const seconds = (started: number) => (performance.now() - started) / 1000;

/** Creates (or finds) the tenants, generates each empty one, then loads the workforce extras. */
export async function loadNationalService(
  ctx: LoadContext,
  o: NationalOptions = {},
): Promise<NationalService> {
  const count = o.authorities ?? NATIONAL_AUTHORITIES;
  const staff = o.staff ?? NATIONAL_STAFF;
  const seed = o.seed ?? NATIONAL_SEED;
  const log = o.log ?? ((m: string) => console.error(`bench: ${m}`));
  const { data, clock, database } = ctx.platform;
  const postgres = database.kind === "postgres";
  const people = new PeopleService(data, clock);
  const today = people.today();
  const started = performance.now();

  const first = await ctx.db
    .selectFrom("tenants")
    .select(["id", "name"])
    .where("id", "=", ctx.tenantId)
    .executeTakeFirstOrThrow();
  const names = [first.name, ...authorityNamesFor(count - 1, seed)];
  const sizes = authoritySizes(count, staff, seed);
  const tenants: { id: string; name: string }[] = [];
  const jobs: { index: number; tenantId: string; name: string; staff: number }[] = [];
  for (const [index, name] of names.entries()) {
    const id = index === 0 ? first.id : await ensureTenant(ctx.db, name);
    tenants.push({ id, name });
    if (await tenantIsEmpty(data, id)) jobs.push({ index, tenantId: id, name, staff: sizes[index] ?? staff });
    else log(`${name} already has people; left as it is`);
  }
  await ctx.platform.tenants.load();

  // The history goes through PeopleService one transaction an event: latency-bound, so several
  // authorities at once, their connections within the pool's 10.
  const parallel = postgres ? (o.parallel ?? 4) : 1;
  const concurrency = Math.max(1, Math.floor(10 / parallel));
  const timings = { plan: 0, bulk: 0, history: 0 };
  log(
    `national service: generating ${jobs.length} of ${count} authorities, ${parallel} at a time, today ${today}`,
  );
  const queue = [...jobs];
  let done = 0;
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const result = await generateAuthority({
        tenantId: job.tenantId,
        authorityName: job.name,
        seed: authoritySeed(seed, job.index),
        staff: job.staff,
        today,
        people,
        data,
        concurrency: postgres ? concurrency : 1,
      });
      done += 1;
      timings.plan += result.timings.planMs / 1000;
      timings.bulk += result.timings.bulkMs / 1000;
      timings.history += result.timings.eventsMs / 1000;
      if (done % 10 === 0 || done === jobs.length)
        log(
          `national service: ${done}/${jobs.length} authorities in ${seconds(started).toFixed(0)} s ` +
            `(summed over authorities: plan ${timings.plan.toFixed(0)} s, bulk ${timings.bulk.toFixed(0)} s, ` +
            `history ${timings.history.toFixed(0)} s)`,
        );
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const generate = seconds(started);

  const extrasStarted = performance.now();
  // Every tenant of the service without census details yet: also one left as it was (the default
  // tenant holding another scenario's authority when several scenarios run together).
  const loaded = await ctx.db.selectFrom("census_person_details").select("tenant_id").distinct().execute();
  const withDetails = new Set(loaded.map((r) => r.tenant_id));
  const ids = tenants.map((t) => t.id).filter((id) => !withDetails.has(id));
  await loadWorkforceExtras(ctx.db, tenants, ids, log);
  const extras = seconds(extrasStarted);

  const counts = await sql<{ tenant_id: string; n: string }>`
    select a.tenant_id, count(distinct a.person_id) as n from assignments a
    join job_roles r on r.id = a.job_role_id and r.social_work_qualified
    where a.valid_from <= '2026-09-30' and (a.valid_to is null or a.valid_to >= '2026-09-30')
    group by a.tenant_id`.execute(ctx.db);
  const socialWorkers = counts.rows.reduce((n, r) => n + Number(r.n), 0);
  const defaultSocialWorkers = Number(counts.rows.find((r) => r.tenant_id === ctx.tenantId)?.n ?? 0);
  const total = seconds(started);
  log(
    `national service: ${tenants.length} authorities, ${socialWorkers} social workers at 30 September 2026 ` +
      `(${defaultSocialWorkers} in the default tenant); generated in ${generate.toFixed(0)} s, ` +
      `workforce data in ${extras.toFixed(0)} s, ${total.toFixed(0)} s in all`,
  );
  return { tenants, socialWorkers, defaultSocialWorkers, seconds: { generate, extras, total } };
}

/** A tenant for a made-up council, reached at <slug>.localhost (as the demo CLI makes them). */
async function ensureTenant(db: Kysely<Database>, name: string): Promise<string> {
  const { slug } = authorityNames(name);
  const existing = await db.selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto("tenants")
    .values({ slug, name, hostnames: [`${slug}.localhost`] })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const extraTables = [
  "workforce_settings",
  "census_person_details",
  "caseload_snapshots",
  "caseload_entries",
  "sickness_absences",
  "agency_placements",
];

/**
 * The workforce data the census reads beyond the people model, for the tenants given (those with no census details yet)
 * (settings for every tenant that has none): set-based, deterministic (hashtext), triggers off.
 */
async function loadWorkforceExtras(
  db: Kysely<Database>,
  tenants: { id: string; name: string }[],
  generated: string[],
  log: (m: string) => void,
): Promise<void> {
  if (generated.length === 0) return;
  const ids = sql`(${sql.join(generated.map((id) => sql`${id}::uuid`))})`;
  const step = async (what: string, query: () => Promise<{ numAffectedRows?: bigint }>) => {
    const t = performance.now();
    const result = await query();
    log(`national service: ${what}: ${result.numAffectedRows ?? 0} rows in ${seconds(t).toFixed(1)} s`);
  };
  for (const t of extraTables) await sql`alter table ${sql.table(t)} disable trigger user`.execute(db);
  try {
    // An LEA number and LA code each (made up: 801 upwards), England's 253 working days.
    const settings = tenants.map(
      (t, i) =>
        sql`(${t.id}::uuid, ${String(801 + (i % 199))}, ${`E06${String(1000001 + i).slice(1)}`}, 'E12000006', 253, ${ACTOR})`,
    );
    await step("workforce settings", () =>
      sql`insert into workforce_settings (tenant_id, lea_number, la_code, region_code, working_days_per_year, updated_by)
        values ${sql.join(settings)} on conflict (tenant_id) do nothing`.execute(db),
    );
    // Census details for everyone who has held a social work role: one in 40 none (a warning).
    await step("census details", () =>
      sql`insert into census_person_details (tenant_id, person_id, qualification_institution, qualification_level,
          step_up_grad, frontline_grad, start_origin, cfkss_status, updated_by)
        select s.tenant_id, s.person_id,
          (array['University of Sussex','University of Brighton','Goldsmiths, University of London','University of Kent',
            'Open University','University of Birmingham','University of East Anglia','Brunel University London'])[1 + s.h % 8],
          (array[1,1,1,2,2,3])[1 + (s.h / 8) % 6], (s.h / 64) % 20 = 0, (s.h / 1280) % 12 = 0,
          (array[1,2,2,2,4,5,6,3,9])[1 + (s.h / 16) % 9],
          case when (s.h / 7) % 5 = 0 then 1 end, ${ACTOR}
        from (select distinct a.tenant_id, a.person_id, abs(hashtext(a.person_id::text)) as h
          from assignments a join job_roles r on r.id = a.job_role_id and r.social_work_qualified
          where a.tenant_id in ${ids}) s
        where s.h % 40 <> 7`.execute(db),
    );
    // A caseload snapshot at each census date, for each case-holding social worker then.
    await step("caseload snapshots", () =>
      sql`insert into caseload_snapshots (tenant_id, as_at, source, filename, created_by, created_at, updated_at)
        select t.id, d.as_at, 'feed', 'caseloads-' || d.as_at || '.csv', ${ACTOR}, d.as_at::timestamptz, d.as_at::timestamptz
        from unnest(array[${sql.join(generated)}]::uuid[]) t(id)
        cross join (values (date '2024-09-30'), (date '2025-09-30'), (date '2026-09-30')) d(as_at)`.execute(
        db,
      ),
    );
    await step("caseload entries", () =>
      sql`insert into caseload_entries (tenant_id, snapshot_id, person_id, as_at, children, categories)
        select e.tenant_id, e.snapshot_id, e.person_id, e.as_at, e.children,
          jsonb_build_object('child_protection', e.children / 4, 'child_in_need', e.children / 2,
            'looked_after', e.children - e.children / 4 - e.children / 2)
        from (
          select s.tenant_id, s.id as snapshot_id, a.person_id, s.as_at,
            case when bool_or(a.career_level = 'nqsw') then 6 + abs(hashtext(a.person_id::text || s.as_at::text)) % 10
              else 10 + abs(hashtext(a.person_id::text)) % 9 + abs(hashtext(a.person_id::text || s.as_at::text)) % 7 - 3
                + case when abs(hashtext(a.person_id::text || s.as_at::text || 'over')) % 18 = 0 then 6 else 0 end
            end as children
          from caseload_snapshots s
          join assignments a on a.tenant_id = s.tenant_id and a.valid_from <= s.as_at
            and (a.valid_to is null or a.valid_to >= s.as_at)
          join job_roles r on r.id = a.job_role_id and r.case_holder and r.social_work_qualified
          where s.tenant_id in ${ids} and s.created_by = ${ACTOR}
          group by s.tenant_id, s.id, a.person_id, s.as_at
        ) e`.execute(db),
    );
    await sql`update caseload_snapshots s set rows_total = (select count(*) from caseload_entries e where e.snapshot_id = s.id)
      where s.tenant_id in ${ids} and s.created_by = ${ACTOR}`.execute(db);
    // Sickness absence by calendar month, 1 October 2023 to 30 September 2026, for each employee
    // (FTE of their non-agency roles that month, at most 1): short spells of 1 to 5 days in 18% of
    // months; in one person-year in twenty a long-term absence of 2 to 4 months. Absent months only.
    await step("sickness absence", () =>
      sql`insert into sickness_absences (tenant_id, person_id, period_from, period_to, working_days_lost)
        with months as (
          select g as mi, (date '2023-10-01' + make_interval(months => g))::date as from_on,
            (date '2023-10-01' + make_interval(months => g + 1) - interval '1 day')::date as to_on
          from generate_series(0, 35) g
        ), working as (
          select m.*, (select count(*) from generate_series(m.from_on, m.to_on, interval '1 day') d
            where extract(isodow from d) < 6)::int as wd from months m
        ), held as (
          select a.tenant_id, a.person_id, w.mi, w.from_on, w.to_on, w.wd, least(1, sum(a.fte)) as fte
          from assignments a join people p on p.id = a.person_id and p.kind = 'staff'
          join working w on a.valid_from <= w.to_on and (a.valid_to is null or a.valid_to >= w.from_on)
          where a.tenant_id in ${ids} and a.contract_type not in ('agency', 'locum')
          group by a.tenant_id, a.person_id, w.mi, w.from_on, w.to_on, w.wd
        ), spells as (
          select h.*, x.*,
            abs(hashtext(h.person_id::text || 'long' || (h.mi / 12))) % 100 < 5
              and h.mi % 12 >= x.long_start and h.mi % 12 < x.long_start + x.long_length as long_term
          from held h cross join lateral (select
            abs(hashtext(h.person_id::text || 'start' || (h.mi / 12))) % 10 as long_start,
            2 + abs(hashtext(h.person_id::text || 'length' || (h.mi / 12))) % 3 as long_length,
            abs(hashtext(h.person_id::text || h.from_on::text)) as hm) x
        )
        select tenant_id, person_id, from_on, to_on,
          round(least(wd, case when long_term then wd else 1 + (hm / 100) % 5 end * fte) * 2) / 2
        from spells where long_term or hm % 100 < 18`.execute(db),
    );
    // A placement from the agency's managed service provider for each agency or locum assignment.
    await step("agency placements", () =>
      sql`insert into agency_placements (tenant_id, placement_ref, agency_name, person_id, assignment_id, post_id,
          org_unit_id, fte, starts_on, ends_on)
        select a.tenant_id, 'PL-' || (10000 + row_number() over (partition by a.tenant_id order by a.valid_from, a.id)),
          (array['Caring Locums Ltd','Sanctuary Social Care','Liquid Personnel','Hays Social Care','Nonstop Consult'])
            [1 + abs(hashtext(a.person_id::text)) % 5],
          a.person_id, a.id, a.post_id, a.org_unit_id, least(a.fte, 1.5), a.valid_from, a.valid_to
        from assignments a where a.tenant_id in ${ids} and a.contract_type in ('agency', 'locum')
        on conflict (tenant_id, placement_ref) do nothing`.execute(db),
    );
  } finally {
    for (const t of extraTables) await sql`alter table ${sql.table(t)} enable trigger user`.execute(db);
  }
  const t = performance.now();
  await sql`analyze`.execute(db);
  log(`national service: analyze in ${seconds(t).toFixed(1)} s`);
}

let prepared: Promise<{ cookie: string }> | undefined;

/** The national service, loaded once per run however many scenarios ask for it. */
function nationalService(ctx: ScenarioContext): Promise<{ cookie: string }> {
  prepared ??= (async () => {
    await loadNationalService(ctx);
    return { cookie: await ctx.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] }) };
  })();
  return prepared;
}

/** The DfE measures of census year 2026 (and 2024, 2025 beside it) for the whole council, as an HR analyst. */
export const workforceMeasuresNational: Scenario = {
  name: "workforce-measures-national",
  description:
    "DfE measures for census year 2026 (three census datasets: 2024-2026) for the whole council of a national service, as an HR analyst",
  scale: NATIONAL_SCALE,
  async setup(ctx) {
    const { cookie } = await nationalService(ctx);
    return {
      requests: [{ path: "/workforce/measures?year=2026" }],
      headers: { cookie },
      expectBody: ["DfE measures 2026: The whole council", "Measures by census year", 'action="/sign-out"'],
    };
  },
};

/** The census pre-submission report for 2026 (builds the whole census dataset and the draft XML), as an HR analyst. */
export const workforceCensusNational: Scenario = {
  name: "workforce-census-national",
  description:
    "Census 2026 pre-submission report (the whole census dataset, checked and written as the draft XML) for a council of a national service, as an HR analyst",
  scale: NATIONAL_SCALE,
  async setup(ctx) {
    const { cookie } = await nationalService(ctx);
    return {
      requests: [{ path: "/workforce/census/2026" }],
      headers: { cookie },
      expectBody: [
        "Census 2026: pre-submission report",
        "Headline measures the return implies",
        'action="/sign-out"',
      ],
    };
  },
};
