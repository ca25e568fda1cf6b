import { sql } from "kysely";
import { seedDemoCatalogue } from "../../src/features/learning/demo/seed.js";
import type { ScenarioContext } from "../scenario.js";
import { BENCH_SCALE, demoAuthority } from "./demo-authority.js";
import { biggest } from "./learning-offer.js";

export const DEVELOPMENT_SCALE = `${BENCH_SCALE}; three years of CPD (about 120,000 entries) and of learning needs (about 74,000)`;

export interface Development {
  /** The service with the most people today. */
  service: { id: string; name: string };
  /** Signed in as that service's manager (their unit and everything below it). */
  managerCookie: string;
  /** Signed in as a learning and development officer (the whole council). */
  learningCookie: string;
}

let prepared: Promise<Development> | undefined;

/**
 * The 5,000-staff authority with the demo catalogue and three registration years of CPD for
 * everyone on the staff (0 to 8 entries a person a year: mostly final, some with a peer
 * reflection, some the same piece twice), loaded set-based with the row triggers off as a data
 * migration would be.
 */
export function development(ctx: ScenarioContext): Promise<Development> {
  prepared ??= prepare(ctx);
  return prepared;
}

async function prepare(ctx: ScenarioContext): Promise<Development> {
  await demoAuthority(ctx);
  await seedDemoCatalogue({ platform: ctx.platform });
  await loadDevelopment(ctx);
  const today = ctx.platform.clock.now().toISOString().slice(0, 10);
  const service = await biggest(ctx, "service", today);
  return {
    service,
    managerCookie: await ctx.signIn({ roles: [{ role: "service_manager", unitId: service.id }] }),
    learningCookie: await ctx.signIn({ roles: [{ role: "learning_and_development_officer", unitId: null }] }),
  };
}

/** Three years of CPD and of learning needs for the staff already generated, set-based. */
export async function loadDevelopment(ctx: ScenarioContext): Promise<void> {
  const { db, tenantId } = ctx;
  const today = ctx.platform.clock.now().toISOString().slice(0, 10);
  const started = performance.now();
  await sql`alter table cpd_entries disable trigger user`.execute(db);
  try {
    await sql`insert into cpd_entries (tenant_id, person_id, entry_on, title, kind, category, hours,
        learnt, impact, swe_standards, peer_name, peer_on, peer_notes, status, finalised_at,
        shared_with_supervisor, created_by)
      select p.tenant_id, p.id, e.entry_on,
        'CPD piece ' || (1 + abs(hashtext(p.id::text || e.n::text)) % 6),
        (array['course', 'reading_research', 'coaching_mentoring', 'reflective_supervision',
          'practice_forum', 'conference_webinar'])[1 + e.n % 6],
        (array['formal', 'experience', 'others', 'others', 'others', 'formal'])[1 + e.n % 6],
        1 + e.n % 7, 'What I learnt', 'How my practice changed', array[1 + e.n % 6],
        case when e.n % 3 = 0 then 'A peer' end, case when e.n % 3 = 0 then e.entry_on end,
        case when e.n % 3 = 0 then 'Reflected together' end,
        case when e.n % 7 = 0 then 'draft' else 'final' end,
        case when e.n % 7 = 0 then null else e.entry_on::timestamptz end,
        e.n % 2 = 0, 'system:bench'
      from people p
      cross join lateral (
        select g as n, ${today}::date - (abs(hashtext(p.id::text || g::text || 'cpd')) % 1095) as entry_on
        from generate_series(1, abs(hashtext(p.id::text)) % 25) g
      ) e
      where p.tenant_id = ${tenantId} and p.kind = 'staff'`.execute(db);
  } finally {
    await sql`alter table cpd_entries enable trigger user`.execute(db);
  }
  await sql`analyze cpd_entries`.execute(db);
  const entries = await db
    .selectFrom("cpd_entries")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  console.error(
    `bench: ${entries.n} CPD entries loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const needsStarted = performance.now();
  const thisPlanYear = Number(today.slice(0, 4)) - (today.slice(5) < "04-01" ? 1 : 0);
  const courseIds = (
    await db
      .selectFrom("learning_courses")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .orderBy("code")
      .execute()
  ).map((c) => c.id);
  await sql`alter table learning_needs disable trigger user`.execute(db);
  await sql`alter table learning_planned_places disable trigger user`.execute(db);
  try {
    // Three plan years (the one under way, the one before and the next), 0 to 5 needs a person
    // each: mostly catalogue courses, one in six a described need with a theme.
    await sql`insert into learning_needs (tenant_id, person_id, plan_year, course_id, description,
        theme, priority, pcf_domain, needed_by, source, recorded_by)
      select p.tenant_id, p.id, y.plan_year,
        case when g % 6 = 0 then null else (${courseIds}::uuid[])[1 + abs(hashtext(p.id::text || g::text || y.plan_year::text)) % ${courseIds.length}] end,
        case when g % 6 = 0 then 'Described need ' || (abs(hashtext(p.id::text || g::text)) % 40) end,
        case when g % 6 = 0 then (array['Direct work', 'Assessment', 'Writing', 'Supervision', 'Wellbeing'])[1 + g % 5] end,
        (array['essential', 'important', 'desirable'])[1 + abs(hashtext(p.id::text || y.plan_year::text || g::text)) % 3],
        'knowledge', make_date(y.plan_year + 1, 3, 31),
        (array['manager', 'manager', 'appraisal', 'quality_finding'])[1 + g % 4], 'system:bench'
      from people p
      cross join (values (${thisPlanYear - 1}::int), (${thisPlanYear}::int), (${thisPlanYear + 1}::int)) y(plan_year)
      cross join lateral generate_series(1, abs(hashtext(p.id::text || y.plan_year::text)) % 6) g
      where p.tenant_id = ${tenantId} and p.kind = 'staff'
      on conflict do nothing`.execute(db);
    await sql`insert into learning_planned_places (tenant_id, course_id, plan_year, places, set_by)
      select ${tenantId}::uuid, c.id, y, 12 + abs(hashtext(c.id::text)) % 60, 'system:bench'
      from learning_courses c
      cross join (values (${thisPlanYear}::int), (${thisPlanYear + 1}::int)) v(y)
      where c.tenant_id = ${tenantId}
      on conflict do nothing`.execute(db);
  } finally {
    await sql`alter table learning_needs enable trigger user`.execute(db);
    await sql`alter table learning_planned_places enable trigger user`.execute(db);
  }
  await sql`analyze learning_needs`.execute(db);
  const needs = await db
    .selectFrom("learning_needs")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  console.error(
    `bench: ${needs.n} learning needs loaded in ${((performance.now() - needsStarted) / 1000).toFixed(1)} s`,
  );
}
