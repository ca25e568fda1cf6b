import { type SqlBool, sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { Direction } from "../schema.js";

export interface TargetRow {
  id: string;
  measureKey: string;
  orgUnitId: string | null;
  unitName: string | null;
  direction: Direction;
  target: number;
  amberFrom: number;
  targetDate: IsoDate | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  createdBy: string;
}

const inForce = (asAt: IsoDate) =>
  sql<SqlBool>`t.valid_from <= ${asAt} and (t.valid_to is null or t.valid_to >= ${asAt})`;

/** The unit's name as it stood on the date (else its latest name). */
const unitName = (asAt: IsoDate) =>
  sql<string | null>`(select v.name from org_unit_versions v where v.org_unit_id = t.org_unit_id
    order by (v.valid_from <= ${asAt} and (v.valid_to is null or v.valid_to >= ${asAt})) desc, v.valid_from desc
    limit 1)`.as("unit_name");

const columns = [
  "t.id",
  "t.measure_key",
  "t.org_unit_id",
  "t.direction",
  "t.target",
  "t.amber_from",
  "t.target_date",
  "t.valid_from",
  "t.valid_to",
  "t.created_by",
] as const;

type Raw = {
  id: string;
  measure_key: string;
  org_unit_id: string | null;
  unit_name: string | null;
  direction: Direction;
  target: number | string;
  amber_from: number | string;
  target_date: IsoDate | null;
  valid_from: IsoDate;
  valid_to: IsoDate | null;
  created_by: string;
};

function toRow(r: Raw): TargetRow {
  return {
    id: r.id,
    measureKey: r.measure_key,
    orgUnitId: r.org_unit_id,
    unitName: r.unit_name,
    direction: r.direction,
    target: Number(r.target),
    amberFrom: Number(r.amber_from),
    targetDate: r.target_date,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    createdBy: r.created_by,
  };
}

/**
 * The target standing for each measure in a unit on a date: the unit's own, else the nearest
 * unit above's (the tree as it stood that day), else the council's. Null unit: the council's.
 */
export async function standingTargets(
  db: TenantDb,
  unitId: string | null,
  asAt: IsoDate,
): Promise<TargetRow[]> {
  const result = await sql<Raw>`
    with recursive chain as (
      select v.org_unit_id, v.parent_id, 0 as depth from org_unit_versions v
      where v.org_unit_id = ${unitId}::uuid and v.valid_from <= ${asAt} and (v.valid_to is null or v.valid_to >= ${asAt})
      union all
      select p.org_unit_id, p.parent_id, c.depth + 1 from org_unit_versions p
      join chain c on p.org_unit_id = c.parent_id
      where p.valid_from <= ${asAt} and (p.valid_to is null or p.valid_to >= ${asAt}) and c.depth < 30
    )
    select distinct on (t.measure_key) t.id, t.measure_key, t.org_unit_id, t.direction, t.target, t.amber_from,
      t.target_date, t.valid_from, t.valid_to, t.created_by, ${unitName(asAt)}
    from performance_targets t left join chain c on c.org_unit_id = t.org_unit_id
    where (t.org_unit_id is null or c.org_unit_id is not null) and ${inForce(asAt)}
    order by t.measure_key, coalesce(c.depth, 1000), t.valid_from desc, t.created_at desc`.execute(db);
  return result.rows.map(toRow);
}

/** The unit's own targets (null: the council's) that start after the date. */
export async function upcomingTargets(
  db: TenantDb,
  unitId: string | null,
  after: IsoDate,
): Promise<TargetRow[]> {
  const rows = await db
    .selectFrom("performance_targets as t")
    .select([...columns, unitName(after)])
    .where((eb) => (unitId === null ? eb("t.org_unit_id", "is", null) : eb("t.org_unit_id", "=", unitId)))
    .where("t.valid_from", ">", after)
    .orderBy("t.measure_key")
    .orderBy("t.valid_from")
    .execute();
  return rows.map(toRow);
}

export async function targetById(db: TenantDb, id: string, asAt: IsoDate): Promise<TargetRow | null> {
  const row = await db
    .selectFrom("performance_targets as t")
    .select([...columns, unitName(asAt)])
    .where("t.id", "=", id)
    .executeTakeFirst();
  return row ? toRow(row) : null;
}

/** Every row of a measure's targets for a unit (null: the council), latest first. */
export async function targetSeries(
  db: TenantDb,
  measureKey: string,
  unitId: string | null,
  asAt: IsoDate,
): Promise<TargetRow[]> {
  const rows = await db
    .selectFrom("performance_targets as t")
    .select([...columns, unitName(asAt)])
    .where("t.measure_key", "=", measureKey)
    .where((eb) => (unitId === null ? eb("t.org_unit_id", "is", null) : eb("t.org_unit_id", "=", unitId)))
    .orderBy("t.valid_from", "desc")
    .orderBy("t.created_at", "desc")
    .execute();
  return rows.map(toRow);
}

/** Ends the series' rows still in force on `endOn` (open, or ending later) on that day. */
export async function endSeries(
  db: TenantDb,
  measureKey: string,
  unitId: string | null,
  endOn: IsoDate,
): Promise<number> {
  const result = await db
    .updateTable("performance_targets")
    .set({ valid_to: endOn })
    .where("measure_key", "=", measureKey)
    .where((eb) => (unitId === null ? eb("org_unit_id", "is", null) : eb("org_unit_id", "=", unitId)))
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", endOn)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface NewTarget {
  measureKey: string;
  orgUnitId: string | null;
  direction: Direction;
  target: number;
  amberFrom: number;
  targetDate: IsoDate | null;
  validFrom: IsoDate;
  createdBy: string;
}

export async function insertTarget(db: TenantDb, t: NewTarget): Promise<string> {
  const row = await db
    .insertInto("performance_targets")
    .values({
      measure_key: t.measureKey,
      org_unit_id: t.orgUnitId,
      direction: t.direction,
      target: t.target,
      amber_from: t.amberFrom,
      target_date: t.targetDate,
      valid_from: t.validFrom,
      created_by: t.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function hasAnyTarget(db: TenantDb): Promise<boolean> {
  return (await db.selectFrom("performance_targets").select("id").limit(1).executeTakeFirst()) !== undefined;
}

export interface OwnerRow {
  measureKey: string;
  personId: string;
  name: string;
}

export async function owners(db: TenantDb): Promise<OwnerRow[]> {
  const rows = await db
    .selectFrom("performance_measure_owners as o")
    .innerJoin("people as p", "p.id", "o.owner_person_id")
    .select(["o.measure_key", "o.owner_person_id", "p.given_name", "p.preferred_name", "p.family_name"])
    .execute();
  return rows.map((r) => ({
    measureKey: r.measure_key,
    personId: r.owner_person_id,
    name: `${r.preferred_name ?? r.given_name} ${r.family_name}`,
  }));
}

/** People who can own a measure: those with an active account in the council. */
export async function ownerCandidates(db: TenantDb): Promise<Array<{ personId: string; name: string }>> {
  const rows = await db
    .selectFrom("users as u")
    .innerJoin("people as p", "p.id", "u.person_id")
    .select(["p.id", "p.given_name", "p.preferred_name", "p.family_name"])
    .where("u.status", "=", "active")
    .distinct()
    .orderBy("p.family_name")
    .orderBy("p.given_name")
    .orderBy("p.id")
    .execute();
  return rows.map((r) => ({ personId: r.id, name: `${r.preferred_name ?? r.given_name} ${r.family_name}` }));
}

export async function setOwner(
  db: TenantDb,
  measureKey: string,
  personId: string,
  by: string,
): Promise<void> {
  await db
    .insertInto("performance_measure_owners")
    .values({ measure_key: measureKey, owner_person_id: personId, updated_by: by })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "measure_key"]).doUpdateSet({
        owner_person_id: personId,
        updated_by: by,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

export async function removeOwner(db: TenantDb, measureKey: string): Promise<void> {
  await db.deleteFrom("performance_measure_owners").where("measure_key", "=", measureKey).execute();
}
