import { type SqlBool, sql } from "kysely";
import type { IsoDate } from "../../platform/dates.js";
import type { TenantDb } from "../../platform/tenancy/data-access.js";
import type { CapTarget, Weights } from "./rules.js";
import type { TargetKind } from "./schema.js";

const inForce = (asAt: IsoDate) =>
  sql<SqlBool>`valid_from <= ${asAt} and (valid_to is null or valid_to >= ${asAt})`;

/**
 * The team average target in force on a date for each unit: the unit's own, else the nearest
 * ancestor's (the org tree as it stood on that date), else the council-wide one (org_unit_id
 * null); null when the council has set none. One query whatever the number of units.
 */
export async function teamTargetsFor(
  db: TenantDb,
  orgUnitIds: readonly string[],
  asAt: IsoDate,
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  if (orgUnitIds.length === 0) return out;
  const result = await sql<{ start_id: string; children: string | null }>`
    with recursive chain as (
      select v.org_unit_id as start_id, v.org_unit_id, v.parent_id, 0 as depth from org_unit_versions v
      where v.org_unit_id in (${sql.join([...new Set(orgUnitIds)])}) and v.valid_from <= ${asAt}
        and (v.valid_to is null or v.valid_to >= ${asAt})
      union all
      select c.start_id, p.org_unit_id, p.parent_id, c.depth + 1 from org_unit_versions p
      join chain c on p.org_unit_id = c.parent_id
      where p.valid_from <= ${asAt} and (p.valid_to is null or p.valid_to >= ${asAt}) and c.depth < 30
    ),
    targets as (
      select org_unit_id, children, valid_from, created_at from caseload_targets
      where kind = 'team_average' and ${inForce(asAt)}
    ),
    own as (
      select distinct on (c.start_id) c.start_id, t.children from chain c
      join targets t on t.org_unit_id = c.org_unit_id
      order by c.start_id, c.depth, t.valid_from desc, t.created_at desc
    ),
    wide as (
      select children from targets where org_unit_id is null order by valid_from desc, created_at desc limit 1
    )
    select s.id as start_id, coalesce(own.children, (select children from wide))::text as children
    from unnest(${[...new Set(orgUnitIds)]}::uuid[]) as s(id) left join own on own.start_id = s.id`.execute(
    db,
  );
  for (const r of result.rows) out.set(r.start_id, r.children === null ? null : Number(r.children));
  return out;
}

/** The individual caps in force on a date. */
export async function capTargetsOn(db: TenantDb, asAt: IsoDate): Promise<CapTarget[]> {
  const rows = await db
    .selectFrom("caseload_targets")
    .select(["job_role_id", "career_level", "children", "percent_of_team", "valid_from"])
    .where("kind", "=", "individual_cap")
    .where(inForce(asAt))
    .orderBy("valid_from", "desc")
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    jobRoleId: r.job_role_id,
    careerLevel: r.career_level,
    children: r.children === null ? null : Number(r.children),
    percentOfTeam: r.percent_of_team === null ? null : Number(r.percent_of_team),
  }));
}

/** The weights in force on a date, by category. */
export async function weightsOn(db: TenantDb, asAt: IsoDate): Promise<Weights> {
  const rows = await db
    .selectFrom("caseload_weights")
    .select(["category", "weight"])
    .where(inForce(asAt))
    .orderBy("valid_from")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.category, Number(r.weight)]));
}

export interface TargetRow {
  id: string;
  kind: TargetKind;
  orgUnitId: string | null;
  unitName: string | null;
  jobRoleId: string | null;
  jobRoleName: string | null;
  careerLevel: string | null;
  careerLevelName: string | null;
  children: number | null;
  percentOfTeam: number | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

/** Every target, in force or not, current first. */
export async function listTargets(db: TenantDb, today: IsoDate): Promise<TargetRow[]> {
  const rows = await db
    .selectFrom("caseload_targets as t")
    .leftJoin("job_roles as r", "r.id", "t.job_role_id")
    .leftJoin("career_levels as l", "l.code", "t.career_level")
    .select([
      "t.id",
      "t.kind",
      "t.org_unit_id",
      "t.job_role_id",
      "r.name as job_role_name",
      "t.career_level",
      "l.name as career_level_name",
      "t.children",
      "t.percent_of_team",
      "t.valid_from",
      "t.valid_to",
      sql<string | null>`(select v.name from org_unit_versions v where v.org_unit_id = t.org_unit_id
        order by (v.valid_from <= ${today} and (v.valid_to is null or v.valid_to >= ${today})) desc, v.valid_from desc limit 1)`.as(
        "unit_name",
      ),
    ])
    .orderBy(sql`t.valid_to is null`, "desc")
    .orderBy("t.kind")
    .orderBy("t.valid_from", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    orgUnitId: r.org_unit_id,
    unitName: r.unit_name,
    jobRoleId: r.job_role_id,
    jobRoleName: r.job_role_name,
    careerLevel: r.career_level,
    careerLevelName: r.career_level_name,
    children: r.children === null ? null : Number(r.children),
    percentOfTeam: r.percent_of_team === null ? null : Number(r.percent_of_team),
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

export async function findTarget(db: TenantDb, id: string) {
  return db.selectFrom("caseload_targets").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface NewTarget {
  kind: TargetKind;
  orgUnitId: string | null;
  jobRoleId: string | null;
  careerLevel: string | null;
  children: number | null;
  percentOfTeam: number | null;
  validFrom: IsoDate;
  createdBy: string;
}

export async function insertTarget(db: TenantDb, t: NewTarget): Promise<string> {
  const row = await db
    .insertInto("caseload_targets")
    .values({
      kind: t.kind,
      org_unit_id: t.orgUnitId,
      job_role_id: t.jobRoleId,
      career_level: t.careerLevel,
      children: t.children,
      percent_of_team: t.percentOfTeam,
      valid_from: t.validFrom,
      created_by: t.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Ends the targets in force on the day before `from` with the same kind and the same unit, job
 * role and career level (a new one takes over from that day).
 */
export async function endSameTargets(db: TenantDb, t: NewTarget, from: IsoDate): Promise<void> {
  await db
    .updateTable("caseload_targets")
    .set({ valid_to: sql<string>`(${from}::date - 1)` })
    .where("kind", "=", t.kind)
    .where(sql<boolean>`org_unit_id is not distinct from ${t.orgUnitId}`)
    .where(sql<boolean>`job_role_id is not distinct from ${t.jobRoleId}`)
    .where(sql<boolean>`career_level is not distinct from ${t.careerLevel}`)
    .where("valid_from", "<", from)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", from)]))
    .execute();
}

export async function endTarget(db: TenantDb, id: string, on: IsoDate): Promise<void> {
  await db.updateTable("caseload_targets").set({ valid_to: on }).where("id", "=", id).execute();
}

export interface WeightRow {
  id: string;
  category: string;
  name: string;
  weight: number;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export async function listWeights(db: TenantDb): Promise<WeightRow[]> {
  const rows = await db
    .selectFrom("caseload_weights")
    .select(["id", "category", "name", "weight", "valid_from", "valid_to"])
    .orderBy(sql`valid_to is null`, "desc")
    .orderBy("category")
    .orderBy("valid_from", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    name: r.name,
    weight: Number(r.weight),
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

export async function findWeight(db: TenantDb, id: string) {
  return db.selectFrom("caseload_weights").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertWeight(
  db: TenantDb,
  w: { category: string; name: string; weight: number; validFrom: IsoDate; createdBy: string },
): Promise<string> {
  await db
    .updateTable("caseload_weights")
    .set({ valid_to: sql<string>`(${w.validFrom}::date - 1)` })
    .where("category", "=", w.category)
    .where("valid_from", "<", w.validFrom)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", w.validFrom)]))
    .execute();
  const row = await db
    .insertInto("caseload_weights")
    .values({
      category: w.category,
      name: w.name,
      weight: w.weight,
      valid_from: w.validFrom,
      created_by: w.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function endWeight(db: TenantDb, id: string, on: IsoDate): Promise<void> {
  await db.updateTable("caseload_weights").set({ valid_to: on }).where("id", "=", id).execute();
}
