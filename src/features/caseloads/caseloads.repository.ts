import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { IsoDate } from "../../platform/dates.js";
import type { TenantDb } from "../../platform/tenancy/data-access.js";
import { type PeopleScope, personInScope } from "../people/scope.repository.js";

/** The dates of the latest snapshots (any source), latest first. */
export async function recentDates(db: TenantDb, limit: number): Promise<IsoDate[]> {
  const rows = await db
    .selectFrom("caseload_snapshots")
    .select(sql<string>`as_at::text`.as("as_at"))
    .distinct()
    .where(
      sql<SqlBool>`exists (select 1 from caseload_entries e where e.snapshot_id = caseload_snapshots.id)`,
    )
    .orderBy("as_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => r.as_at);
}

/**
 * One caseload per person and date: where two snapshots of a date (say a typed one and a file)
 * both hold a person, the one recorded last counts.
 */
function entriesOn(dates: readonly IsoDate[]): RawBuilder<unknown> {
  return sql`(select distinct on (e.person_id, e.as_at) e.person_id, e.as_at, e.children, e.weighted
    from caseload_entries e join caseload_snapshots s on s.id = e.snapshot_id
    where e.as_at in (${sql.join(dates.map((d) => sql`${d}::date`))})
    order by e.person_id, e.as_at, s.updated_at desc, s.created_at desc)`;
}

export interface UnitFigureRow {
  asAt: IsoDate;
  orgUnitId: string;
  /** Children held by case holders (a worker with two assignments split by FTE). */
  children: number;
  /** FTE of case holders. */
  fte: number;
  /** The same for registered social workers only (the DfE's measure). */
  swChildren: number;
  swFte: number;
}

/**
 * Children and FTE of case holders for each unit on each date, from the assignments in force on
 * the date (agency included), in one set-based query: the semantics of rules.ts unitCaseloads.
 * Units are each unit's own figures (no roll-up).
 */
export async function unitFigures(db: TenantDb, dates: readonly IsoDate[]): Promise<UnitFigureRow[]> {
  if (dates.length === 0) return [];
  const result = await sql<{
    as_at: string;
    org_unit_id: string;
    children: number;
    fte: number;
    sw_children: number;
    sw_fte: number;
  }>`
    with x as (
      select ent.as_at, ent.person_id, ent.children, a.org_unit_id, a.fte::float8 as fte,
        sum(a.fte) over (partition by ent.person_id, ent.as_at)::float8 as person_fte,
        (p.swe_number is not null or bool_or(r.social_work_qualified) over (partition by ent.person_id, ent.as_at)) as sw
      from ${entriesOn(dates)} ent
      join assignments a on a.person_id = ent.person_id and a.valid_from <= ent.as_at
        and (a.valid_to is null or a.valid_to >= ent.as_at)
      join job_roles r on r.id = a.job_role_id
      join people p on p.id = ent.person_id
      where ent.children > 0
    )
    select as_at::text as as_at, org_unit_id,
      coalesce(sum(children * fte / nullif(person_fte, 0)), 0)::float8 as children,
      coalesce(sum(fte) filter (where person_fte > 0), 0)::float8 as fte,
      coalesce(sum(children * fte / nullif(person_fte, 0)) filter (where sw), 0)::float8 as sw_children,
      coalesce(sum(fte) filter (where sw and person_fte > 0), 0)::float8 as sw_fte
    from x group by as_at, org_unit_id`.execute(db);
  return result.rows.map((r) => ({
    asAt: r.as_at,
    orgUnitId: r.org_unit_id,
    children: Number(r.children),
    fte: Number(r.fte),
    swChildren: Number(r.sw_children),
    swFte: Number(r.sw_fte),
  }));
}

export interface WorkerRow {
  personId: string;
  name: string;
  orgUnitId: string;
  jobRoleId: string;
  jobRoleName: string;
  careerLevel: string | null;
  asAt: IsoDate | null;
  children: number | null;
  weighted: number | null;
}

/**
 * Case holders working on the date in the units (null: anywhere) and in scope (undefined: the
 * whole council), with their latest caseload: people in a case-holding role or with any caseload
 * recorded. One query; the latest entry by the caseload_entries_person index.
 */
export async function workers(
  db: TenantDb,
  f: { today: IsoDate; unitIds: string[] | null; scope: PeopleScope | undefined },
): Promise<WorkerRow[]> {
  const inUnits =
    f.unitIds === null
      ? sql<SqlBool>`true`
      : f.unitIds.length === 0
        ? sql<SqlBool>`false`
        : sql<SqlBool>`a.org_unit_id in (${sql.join(f.unitIds)})`;
  const inScope = f.scope ? personInScope(f.scope, f.today) : sql<SqlBool>`true`;
  const result = await sql<{
    person_id: string;
    name: string;
    org_unit_id: string;
    job_role_id: string;
    job_role_name: string;
    career_level: string | null;
    as_at: string | null;
    children: number | null;
    weighted: string | null;
  }>`
    select people.id as person_id,
      coalesce(people.preferred_name, people.given_name) || ' ' || people.family_name as name,
      main.org_unit_id, main.job_role_id, r.name as job_role_name, main.career_level,
      le.as_at::text as as_at, le.children, le.weighted::text as weighted
    from people
    join lateral (select a.org_unit_id, a.job_role_id, a.career_level from assignments a
      where a.person_id = people.id and a.valid_from <= ${f.today} and (a.valid_to is null or a.valid_to >= ${f.today})
        and ${inUnits}
      order by a.fte desc, a.valid_from, a.id limit 1) main on true
    join job_roles r on r.id = main.job_role_id
    left join lateral (select e.as_at, e.children, e.weighted from caseload_entries e
      join caseload_snapshots s on s.id = e.snapshot_id
      where e.person_id = people.id order by e.as_at desc, s.updated_at desc limit 1) le on true
    where people.kind = 'staff' and people.anonymised_on is null
      and (r.case_holder or le.as_at is not null) and ${inScope}
    order by people.family_name, people.given_name, people.id`.execute(db);
  return result.rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    orgUnitId: r.org_unit_id,
    jobRoleId: r.job_role_id,
    jobRoleName: r.job_role_name,
    careerLevel: r.career_level,
    asAt: r.as_at,
    children: r.children,
    weighted: r.weighted === null ? null : Number(r.weighted),
  }));
}

/** A person's caseloads, latest first, one per date (the latest recorded). */
export async function personHistory(db: TenantDb, personId: string) {
  const rows = await sql<{
    as_at: string;
    children: number;
    weighted: string | null;
    categories: Record<string, number> | null;
    source: string;
    snapshot_id: string;
  }>`select distinct on (e.as_at) e.as_at::text as as_at, e.children, e.weighted::text as weighted,
      e.categories, s.source, s.id as snapshot_id
    from caseload_entries e join caseload_snapshots s on s.id = e.snapshot_id
    where e.person_id = ${personId}
    order by e.as_at desc, s.updated_at desc
    limit 60`.execute(db);
  return rows.rows.map((r) => ({
    asAt: r.as_at,
    children: r.children,
    weighted: r.weighted === null ? null : Number(r.weighted),
    categories: r.categories,
    source: r.source,
    snapshotId: r.snapshot_id,
  }));
}

export async function personName(db: TenantDb, personId: string) {
  return db
    .selectFrom("people")
    .select(sql<string>`coalesce(preferred_name, given_name) || ' ' || family_name`.as("name"))
    .where("id", "=", personId)
    .where("kind", "=", "staff")
    .executeTakeFirst();
}

export interface AlertRow {
  id: string;
  personId: string;
  name: string;
  managerName: string | null;
  asAt: IsoDate;
  children: number;
  cap: number;
}

/** Alerts since a date about people in scope, latest first. */
export async function recentAlerts(
  db: TenantDb,
  f: { since: IsoDate; today: IsoDate; scope: PeopleScope | undefined; limit: number },
): Promise<AlertRow[]> {
  const inScope = f.scope ? personInScope(f.scope, f.today) : sql<SqlBool>`true`;
  const rows = await db
    .selectFrom("caseload_alerts as al")
    .innerJoin("people", "people.id", "al.person_id")
    .select([
      "al.id",
      "al.person_id",
      sql<string>`coalesce(people.preferred_name, people.given_name) || ' ' || people.family_name`.as("name"),
      sql<string | null>`(select coalesce(m.preferred_name, m.given_name) || ' ' || m.family_name
        from people m where m.id = al.manager_person_id)`.as("manager_name"),
      sql<string>`al.as_at::text`.as("as_at"),
      "al.children",
      "al.cap",
    ])
    .where("al.as_at", ">=", f.since)
    .where(inScope)
    .orderBy("al.as_at", "desc")
    .orderBy("people.family_name")
    .limit(f.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    name: r.name,
    managerName: r.manager_name,
    asAt: r.as_at,
    children: r.children,
    cap: Number(r.cap),
  }));
}
