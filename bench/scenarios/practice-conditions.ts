import { sql } from "kysely";
import type { ScenarioContext } from "../scenario.js";
import { BENCH_SCALE, demoAuthority } from "./demo-authority.js";

export const PRACTICE_CONDITIONS_SCALE = `${BENCH_SCALE}; three years of supervision (about 200,000 records), 36 monthly caseload snapshots (about 68,000 entries)`;

export interface PracticeConditions {
  /** Signed in as an HR and workforce analyst for the whole council (unitId null). */
  analystCookie: string;
  /** Signed in as a senior leader for the whole council (unitId null). */
  leaderCookie: string;
}

let prepared: Promise<PracticeConditions> | undefined;

/**
 * The 5,000-staff authority with the conditions for good practice of issue 8: the supervision
 * policy and settings, three years of supervision records for everyone on the staff, and 36
 * monthly caseload snapshots of the case-holding social workers with the caseload targets, loaded
 * set-based with the row triggers off as a data migration would be.
 */
export function practiceConditions(ctx: ScenarioContext): Promise<PracticeConditions> {
  prepared ??= prepare(ctx);
  return prepared;
}

async function prepare(ctx: ScenarioContext): Promise<PracticeConditions> {
  const authority = await demoAuthority(ctx);
  await loadSupervision(ctx);
  await loadCaseloads(ctx);
  return {
    analystCookie: authority.cookie,
    leaderCookie: await ctx.signIn({ roles: [{ role: "senior_leader", unitId: null }] }),
  };
}

function todayOf(ctx: ScenarioContext): string {
  return ctx.platform.clock.now().toISOString().slice(0, 10);
}

function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

async function count(ctx: ScenarioContext, table: "supervisions" | "caseload_entries"): Promise<string> {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", ctx.tenantId)
    .executeTakeFirstOrThrow();
  return row.n;
}

async function withTriggersOff(ctx: ScenarioContext, tables: string[], load: () => Promise<void>) {
  for (const t of tables) await sql`alter table ${sql.table(t)} disable trigger user`.execute(ctx.db);
  try {
    await load();
  } finally {
    for (const t of tables) await sql`alter table ${sql.table(t)} enable trigger user`.execute(ctx.db);
  }
  for (const t of tables) await sql`analyze ${sql.table(t)}`.execute(ctx.db);
}

/**
 * The policy (default every 6 weeks; social work qualified job roles every 4 weeks; the early
 * career rhythm), the settings, and three years of supervision for everyone on the staff: held
 * roughly every 4 weeks (27 days from a phase of their own, jitter -4 to +3) by the line manager
 * of their assignment on the day; one in twenty missed (a gap); one in eleven cancelled and held
 * again 5 to 9 days later; one person in twenty stopped 40 to
 * 100 days ago (overdue now); one in nine a reflective supervision rather than individual.
 */
export async function loadSupervision(ctx: ScenarioContext): Promise<void> {
  const { db, tenantId } = ctx;
  const today = todayOf(ctx);
  const started = performance.now();
  await withTriggersOff(
    ctx,
    ["supervision_settings", "supervision_policy_rules", "supervisions"],
    async () => {
      await sql`insert into supervision_settings (tenant_id, max_direct_reports, due_soon_days, in_date_target_percent)
      values (${tenantId}, 6, 7, 90) on conflict (tenant_id) do nothing`.execute(db);
      const from = sql`${today}::date - 1461`;
      await sql`insert into supervision_policy_rules (tenant_id, applies_to, job_role_id, every_value, every_unit,
        part_time, counting_kinds, expected_minutes, valid_from, created_by)
      select ${tenantId}::uuid, 'default', null::uuid, 6, 'weeks', 'same', '{individual,reflective}'::text[], 60, ${from}, 'system:bench'
      union all
      select ${tenantId}::uuid, 'early_career', null::uuid, null::int, null::text, 'same', '{individual,reflective}', 90, ${from}, 'system:bench'
      union all
      select r.tenant_id, 'job_role', r.id, 4, 'weeks', 'same', '{individual,reflective}', 90, ${from}, 'system:bench'
      from job_roles r where r.tenant_id = ${tenantId} and r.social_work_qualified`.execute(db);
      await sql`insert into supervisions (tenant_id, person_id, supervisor_person_id, kind, held_on, status,
        cancelled_reason, rearranged_on, duration_minutes, actions, source, confirmed_on, recorded_by)
      select p.tenant_id, p.id, m.line_manager_person_id,
        case when s.n % 9 = 4 then 'reflective' else 'individual' end,
        v.held_on, v.status, v.reason, v.rearranged_on,
        case when v.status = 'held' then 45 + (abs(hashtext(p.id::text || s.n::text)) % 4) * 15 end,
        case when v.status = 'held' then 'Agreed actions ' || s.n end,
        'recorded',
        case when v.status = 'held' and s.n % 5 <> 0 and v.held_on + 3 <= ${today}::date then v.held_on + 3 end,
        'system:bench'
      from people p
      cross join lateral (
        select greatest(min(a.valid_from), ${today}::date - 1095) as from_on,
          least(max(coalesce(a.valid_to, ${today}::date)), ${today}::date) as to_on
        from assignments a where a.person_id = p.id
      ) w
      cross join lateral (
        select g as n,
          w.from_on + abs(hashtext(p.id::text || 'phase')) % 27 + g * 27
            + (abs(hashtext(p.id::text || g::text || 'sup')) % 8) - 4 as planned_on,
          g % 11 = 7 as cancelled,
          5 + abs(hashtext(p.id::text || g::text || 'again')) % 5 as shift
        from generate_series(1, (w.to_on - w.from_on) / 27) g
      ) s
      cross join lateral (
        select 'held' as status, case when s.cancelled then s.planned_on + s.shift else s.planned_on end as held_on,
          null::text as reason, null::date as rearranged_on
        union all
        select 'cancelled', s.planned_on, 'Supervisor unavailable', s.planned_on + s.shift where s.cancelled
      ) v
      cross join lateral (
        select a.line_manager_person_id from assignments a
        where a.person_id = p.id and a.valid_from <= v.held_on
          and (a.valid_to is null or a.valid_to >= v.held_on)
        order by a.fte desc, a.valid_from desc limit 1
      ) m
      where p.tenant_id = ${tenantId} and p.kind = 'staff' and w.from_on <= w.to_on
        and s.planned_on <= ${today}::date
        and abs(hashtext(p.id::text || s.n::text || 'skip')) % 20 <> 0
        and (v.status = 'cancelled' or v.held_on <= ${today}::date)
        and not (abs(hashtext(p.id::text || 'overdue')) % 20 = 0
          and s.planned_on > ${today}::date - (40 + abs(hashtext(p.id::text || 'late')) % 60))`.execute(db);
    },
  );
  console.error(`bench: ${await count(ctx, "supervisions")} supervisions loaded in ${seconds(started)} s`);
}

/**
 * Caseload targets (a team average of 16 council-wide; NQSWs capped at 14 children) and 36
 * monthly snapshots (the first of each month) of the children allocated to each case-holding
 * social worker in post that day: 7 to 21 children around a per-person base, one in eighteen 6
 * more (over), NQSWs 6 to 15.
 */
export async function loadCaseloads(ctx: ScenarioContext): Promise<void> {
  const { db, tenantId } = ctx;
  const today = todayOf(ctx);
  const started = performance.now();
  await withTriggersOff(ctx, ["caseload_targets", "caseload_snapshots", "caseload_entries"], async () => {
    const from = sql`${today}::date - 1461`;
    await sql`insert into caseload_targets (tenant_id, kind, children, valid_from, created_by)
      values (${tenantId}, 'team_average', 16, ${from}, 'system:bench')`.execute(db);
    await sql`insert into caseload_targets (tenant_id, kind, career_level, children, valid_from, created_by)
      select c.tenant_id, 'individual_cap', c.code, 14, ${from}, 'system:bench'
      from career_levels c where c.tenant_id = ${tenantId} and c.code = 'nqsw'`.execute(db);
    await sql`insert into caseload_snapshots (tenant_id, as_at, source, filename, created_by, created_at, updated_at)
      select ${tenantId}::uuid, d.as_at, 'feed', 'caseloads-' || to_char(d.as_at, 'YYYY-MM') || '.csv',
        'system:bench', d.as_at::timestamptz, d.as_at::timestamptz
      from (select (date_trunc('month', ${today}::date) - make_interval(months => g))::date as as_at
        from generate_series(0, 35) g) d`.execute(db);
    await sql`insert into caseload_entries (tenant_id, snapshot_id, person_id, as_at, children, categories)
      select e.tenant_id, e.snapshot_id, e.person_id, e.as_at, e.children,
        jsonb_build_object('child_protection', e.children / 4, 'child_in_need', e.children / 2,
          'looked_after', e.children - e.children / 4 - e.children / 2)
      from (
        select s.tenant_id, s.id as snapshot_id, a.person_id, s.as_at,
          case
            when bool_or(a.career_level = 'nqsw') then 6 + abs(hashtext(a.person_id::text || s.as_at::text)) % 10
            else 10 + abs(hashtext(a.person_id::text)) % 9 + abs(hashtext(a.person_id::text || s.as_at::text)) % 7 - 3
              + case when abs(hashtext(a.person_id::text || s.as_at::text || 'over')) % 18 = 0 then 6 else 0 end
          end as children
        from caseload_snapshots s
        join assignments a on a.tenant_id = s.tenant_id and a.valid_from <= s.as_at
          and (a.valid_to is null or a.valid_to >= s.as_at)
        join job_roles r on r.id = a.job_role_id and r.case_holder and r.social_work_qualified
        where s.tenant_id = ${tenantId}
        group by s.tenant_id, s.id, a.person_id, s.as_at
      ) e`.execute(db);
    await sql`update caseload_snapshots s set rows_total = (select count(*) from caseload_entries e where e.snapshot_id = s.id)
      where s.tenant_id = ${tenantId}`.execute(db);
  });
  console.error(
    `bench: 36 caseload snapshots, ${await count(ctx, "caseload_entries")} entries loaded in ${seconds(started)} s`,
  );
}
