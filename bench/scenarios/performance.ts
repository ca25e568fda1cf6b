import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { buildApp } from "../../src/app.js";
import { seedDemoAppraisal } from "../../src/features/appraisal/demo.js";
import { seedDemoRegistration } from "../../src/features/cpd/registration/demo.js";
import { seedDemoEarlyCareer } from "../../src/features/early-career/demo.js";
import { seedDemoSessions } from "../../src/features/learning/sessions/demo.js";
import { seedDemoPerformanceEntries } from "../../src/features/performance/entries/demo.js";
import { monthEnds, previousMonthEnd } from "../../src/features/performance/library/periods.js";
import { seedDemoPerformanceTargets } from "../../src/features/performance/targets/demo.js";
import { dateInLondon } from "../../src/platform/dates.js";
import type { TenantContext } from "../../src/platform/tenancy/data-access.js";
import type { Scenario, ScenarioContext } from "../scenario.js";
import { BENCH_SCALE } from "./demo-authority.js";
import { development } from "./development.js";
import { learningOffer } from "./learning-offer.js";
import { practiceConditions } from "./practice-conditions.js";

export const PERFORMANCE_SCALE = `${BENCH_SCALE}; supervision, caseloads, 1,000,000 learning records, CPD, appraisals, ASYE cohorts; Slough's targets council-wide; 12 monthly snapshots`;

export interface PerformanceData {
  /** Senior leader, whole council. */
  leaderCookie: string;
  /** The service with the most people today. */
  service: { id: string; name: string };
  practitionerCookie: string;
  managerCookie: string;
  learningCookie: string;
  asyeCookie: string;
  hrCookie: string;
}

let prepared: Promise<PerformanceData> | undefined;

/**
 * The 5,000-staff authority with every feature's data the measure library reads: supervision and
 * caseloads (practice-conditions), a million learning records with the compliance table
 * (learning-offer), CPD (development), then through an app built on the same database (the demo
 * seeds need its services): ASYE programmes and cohorts, three appraisal cycles, register checks,
 * the sessions of the demo year, Slough's targets council-wide, 12 months of entered values, and
 * the 12 monthly snapshots taken by `app.performance.takeSnapshot`, as the job would.
 */
export function performanceData(ctx: ScenarioContext): Promise<PerformanceData> {
  prepared ??= prepare(ctx);
  return prepared;
}

function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

async function prepare(ctx: ScenarioContext): Promise<PerformanceData> {
  const practice = await practiceConditions(ctx);
  const offer = await learningOffer(ctx);
  await development(ctx);
  const today = dateInLondon(ctx.platform.clock.now());
  const tctx: TenantContext = { tenantId: ctx.tenantId, actor: { id: "system:bench" } };

  const app = await buildApp({
    config: ctx.platform.config,
    database: ctx.platform.database,
    logStream: process.stderr,
    emailSender: null,
  });
  try {
    await app.ready();
    await timed("early career (programmes, cohorts, reviews, portfolios)", () => seedDemoEarlyCareer(app));
    await timed("appraisals (three cycles)", () => seedDemoAppraisal(app));
    await timed("register checks", () => seedDemoRegistration(app));
    await timed("sessions", () => seedDemoSessions(app, tctx));
    await timed("Slough's targets council-wide", () => seedDemoPerformanceTargets(app));
    await timed("entered values (12 months)", () => seedDemoPerformanceEntries(app));
    await takeSnapshots(app, ctx, tctx, today);
  } finally {
    await app.close();
  }
  for (const t of ["appraisals", "early_career_enrolments", "performance_snapshots", "performance_targets"])
    await sql`analyze ${sql.table(t)}`.execute(ctx.db);

  const people = await pickPeople(ctx, today);
  const role = (role: string, personId: string | null = null) =>
    ctx.signIn({ personId, roles: [{ role, unitId: null }] });
  return {
    leaderCookie: practice.leaderCookie,
    service: offer.service,
    practitionerCookie: await role("practitioner", people.practitioner),
    managerCookie: await role("line_manager", people.manager),
    learningCookie: offer.cookie,
    asyeCookie: await role("asye_coordinator"),
    hrCookie: practice.analystCookie,
  };
}

async function timed(what: string, run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await run();
  console.error(`bench: ${what} in ${seconds(started)} s`);
}

/**
 * The 12 month ends before this month: last month's taken by `app.performance.takeSnapshot` as
 * the monthly job takes it (every unit and the council, every measure); the 11 before it copied
 * from that one set-based with a deterministic drift per row (a real take is about 90 s a month at
 * this scale, see the report), entered measures from their own month's entry.
 */
async function takeSnapshots(
  app: FastifyInstance,
  ctx: ScenarioContext,
  tctx: TenantContext,
  today: string,
): Promise<void> {
  const months = monthEnds(previousMonthEnd(today), 12);
  const last = months.at(-1) as string;
  const started = performance.now();
  const rows = await app.performance.takeSnapshot(tctx, last);
  console.error(`bench: snapshot ${last} taken by takeSnapshot: ${rows} rows in ${seconds(started)} s`);
  const copied = performance.now();
  const earlier = months.slice(0, -1);
  await sql`insert into performance_snapshots (tenant_id, measure_key, org_unit_id, period_end, value,
      numerator, denominator, suppressed, source)
    select s.tenant_id, s.measure_key, s.org_unit_id, m.period_end,
      case when s.value is null then null
        when s.measure_key in ('average_caseload', 'nqsw_caseload', 'students_per_year')
          then greatest(0, round((s.value * (0.9 + (abs(hashtext(s.id::text || m.period_end::text)) % 200) / 1000.0))::numeric, 1))
        else least(100, greatest(0, round((s.value + (abs(hashtext(s.id::text || m.period_end::text)) % 160) / 10.0 - 8)::numeric, 1)))
      end,
      s.numerator, s.denominator, s.suppressed, s.source
    from performance_snapshots s
    cross join unnest(${earlier}::date[]) m(period_end)
    where s.tenant_id = ${ctx.tenantId} and s.period_end = ${last} and s.source = 'computed'
    on conflict do nothing`.execute(ctx.db);
  await sql`insert into performance_snapshots (tenant_id, measure_key, org_unit_id, period_end, value,
      numerator, denominator, suppressed, source)
    select e.tenant_id, e.measure_key, e.org_unit_id, e.period_end, e.value, e.numerator, e.denominator,
      false, 'entered'
    from performance_entries e
    where e.tenant_id = ${ctx.tenantId} and e.period_end = any(${earlier}::date[])
    on conflict do nothing`.execute(ctx.db);
  const total = await ctx.db
    .selectFrom("performance_snapshots")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", ctx.tenantId)
    .executeTakeFirstOrThrow();
  console.error(
    `bench: 11 earlier months copied set-based in ${seconds(copied)} s; ${total.n} snapshot rows`,
  );
}

/**
 * A practitioner: a registered social worker (job role SW, not an NQSW) in post today with a line
 * manager, supervised in the last 4 weeks and with learning records. A manager: the team manager
 * (job role TM) with the most direct reports today.
 */
async function pickPeople(ctx: ScenarioContext, today: string) {
  const practitioner = await sql<{ id: string }>`
    select p.id from people p
    join assignments a on a.person_id = p.id and a.valid_from <= ${today}
      and (a.valid_to is null or a.valid_to >= ${today})
    join job_roles r on r.id = a.job_role_id and r.code = 'SW'
    where p.tenant_id = ${ctx.tenantId} and p.kind = 'staff' and p.swe_status = 'registered'
      and a.line_manager_person_id is not null and coalesce(a.career_level, '') <> 'nqsw'
      and exists (select 1 from supervisions s where s.person_id = p.id and s.status = 'held'
        and s.held_on > ${today}::date - 28)
      and exists (select 1 from learning_records l where l.person_id = p.id)
      and exists (select 1 from cpd_entries c where c.person_id = p.id)
    order by p.id limit 1`.execute(ctx.db);
  const manager = await sql<{ id: string; n: number }>`
    select a.line_manager_person_id as id, count(*)::int as n from assignments a
    where a.tenant_id = ${ctx.tenantId} and a.valid_from <= ${today}
      and (a.valid_to is null or a.valid_to >= ${today})
      and a.line_manager_person_id in (select m.person_id from assignments m
        join job_roles r on r.id = m.job_role_id and r.code = 'TM'
        where m.valid_from <= ${today} and (m.valid_to is null or m.valid_to >= ${today}))
    group by a.line_manager_person_id order by n desc, id limit 1`.execute(ctx.db);
  const p = practitioner.rows[0];
  const m = manager.rows[0];
  if (!p || !m) throw new Error("No practitioner or manager to sign in as");
  console.error(`bench: the team manager line manages ${m.n} people`);
  return { practitioner: p.id, manager: m.id };
}

function homeScenario(
  name: string,
  description: string,
  cookie: (d: PerformanceData) => string,
  sections: string[],
): Scenario {
  return {
    name,
    description,
    scale: PERFORMANCE_SCALE,
    async setup(ctx) {
      const d = await performanceData(ctx);
      return {
        requests: [{ path: "/" }],
        headers: { cookie: cookie(d) },
        // A section row is written only when its panel's figures were read (not the "could not be read" card).
        expectBody: sections.map((s) => `data-section="${s}${s.endsWith(" ") ? "" : '"'}`),
      };
    },
  };
}

export const performanceScorecard: Scenario = {
  name: "performance-scorecard",
  description:
    "The scorecard (this month, live) for the council and for the largest service, as a senior leader",
  scale: PERFORMANCE_SCALE,
  async setup(ctx) {
    const d = await performanceData(ctx);
    return {
      requests: [{ path: "/performance" }, { path: `/performance?unit=${d.service.id}` }],
      headers: { cookie: d.leaderCookie },
      expectBody: ["Supervision in date", "Average caseload", "Green: on target", "Red: off target"],
    };
  },
};

export const performanceMeasure: Scenario = {
  name: "performance-measure",
  description:
    "Supervision in date for the council: value, 12-month trend and the drill-down, as a senior leader",
  scale: PERFORMANCE_SCALE,
  async setup(ctx) {
    const d = await performanceData(ctx);
    return {
      requests: [{ path: "/performance/measures/supervision_in_date" }],
      headers: { cookie: d.leaderCookie },
      expectBody: ["Supervision in date", "data-trend-table", "data-drill-down"],
    };
  },
};

export const homePractitioner = homeScenario(
  "home-practitioner",
  "Home page of a registered social worker (training due, bookings, next supervision, CPD readiness)",
  (d) => d.practitionerCookie,
  ["Mandatory training", "Your bookings", "Next supervision", "Social Work England renewal"],
);

export const homeManager = homeScenario(
  "home-manager",
  "Home page of the line manager with the most reports (supervision, training, caseloads, NQSW milestones)",
  (d) => d.managerCookie,
  ["Supervision", "Mandatory training", "Caseloads over cap", "NQSW milestones"],
);

export const homeLearning = homeScenario(
  "home-learning",
  "Home page of an L&D officer, council-wide (sessions this week, waiting lists, low bookings)",
  (d) => d.learningCookie,
  ["Sessions this week", "Waiting lists", "Sessions with low bookings"],
);

export const homeAsye = homeScenario(
  "home-asye",
  "Home page of the ASYE co-ordinator, council-wide (milestones overdue and due)",
  (d) => d.asyeCookie,
  ["Overdue milestones", "Milestones due in the next 14 days"],
);

export const homeHr = homeScenario(
  "home-hr",
  "Home page of an HR and workforce analyst, council-wide (feed errors, possible leavers, census readiness)",
  (d) => d.hrCookie,
  ["Feed errors", "Possible leavers", "Census "],
);

export const homeDirector = homeScenario(
  "home-director",
  "Home page of a senior leader, council-wide (the scorecard at a glance)",
  (d) => d.leaderCookie,
  ["Against target", "Off target"],
);
