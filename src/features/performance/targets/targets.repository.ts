import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { TargetRow as StandingRow } from "../library/performance.repository.js";
import type { Direction } from "../schema.js";

/** A target row as the measure library reads it, with its unit's name, end and author. */
export interface TargetRow extends StandingRow {
  unitName: string | null;
  validTo: IsoDate | null;
  createdBy: string;
}

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

/** Target rows by id (the unit's name as it stood on the date), by measure. */
export async function targetsById(db: TenantDb, ids: readonly string[], asAt: IsoDate): Promise<TargetRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("performance_targets as t")
    .select([...columns, unitName(asAt)])
    .where("t.id", "in", ids)
    .orderBy("t.measure_key")
    .execute();
  return rows.map(toRow);
}

export async function targetById(db: TenantDb, id: string, asAt: IsoDate): Promise<TargetRow | null> {
  return (await targetsById(db, [id], asAt))[0] ?? null;
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

/**
 * Holds a series (a measure's targets for a unit, null: the council's, in this council) until the
 * transaction ends, so two changes to it run one after the other: the second reads the series
 * only once the first has committed, and so never ends or adds rows from a stale reading. A lock
 * on the series' name rather than on its rows, as a series with no rows yet has nothing to lock.
 */
export async function lockSeries(db: TenantDb, measureKey: string, unitId: string | null): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('performance_targets'),
    hashtext(current_setting('app.tenant_id') || '|' || ${measureKey}::text || '|' || ${unitId ?? "council"}::text))`.execute(
    db,
  );
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

export type NewTarget = Omit<TargetRow, "id" | "unitName" | "validTo">;

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

/** Deletes a target row (a cancelled target that had not started). */
export async function deleteTarget(db: TenantDb, id: string): Promise<void> {
  await db.deleteFrom("performance_targets").where("id", "=", id).execute();
}

/** Sets the day a target row ends (null: open), when it ends on `endsOn` now. */
export async function moveEnd(
  db: TenantDb,
  id: string,
  endsOn: IsoDate,
  to: IsoDate | null,
): Promise<number> {
  const result = await db
    .updateTable("performance_targets")
    .set({ valid_to: to })
    .where("id", "=", id)
    .where("valid_to", "=", endsOn)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
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

/**
 * People who can own a measure: those with an active account in the council holding one of the
 * roles given (the ones that see the scorecard, so they can write its commentary).
 */
export async function ownerCandidates(
  db: TenantDb,
  roles: readonly string[],
): Promise<Array<{ personId: string; name: string }>> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom("users as u")
    .innerJoin("people as p", "p.id", "u.person_id")
    .select(["p.id", "p.given_name", "p.preferred_name", "p.family_name"])
    .where("u.status", "=", "active")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_roles as r")
          .select("r.id")
          .whereRef("r.user_id", "=", "u.id")
          .where("r.role", "in", [...roles]),
      ),
    )
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
