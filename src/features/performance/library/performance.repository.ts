import { type RawBuilder, sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { Direction } from "../schema.js";
import { monthEnd } from "./periods.js";

/** A unit in force on a date, with its parent then. */
export interface UnitOnDate {
  orgUnitId: string;
  parentId: string | null;
  name: string;
}

/** `org_unit_id` is one of these units (null: the council's own rows). */
export function unitIn(ids: ReadonlyArray<string | null>): RawBuilder<boolean> {
  const real = ids.filter((id): id is string => id !== null);
  const parts: RawBuilder<unknown>[] = [];
  if (real.length > 0) parts.push(sql`org_unit_id in (${sql.join(real)})`);
  if (ids.includes(null)) parts.push(sql`org_unit_id is null`);
  return parts.length > 0 ? sql<boolean>`(${sql.join(parts, sql` or `)})` : sql<boolean>`false`;
}

/** The units in force on a date (their version then), with parents: the tree as it stood. */
export async function unitsOn(db: TenantDb, asAt: IsoDate): Promise<UnitOnDate[]> {
  return db
    .selectFrom("org_unit_versions")
    .select(["org_unit_id as orgUnitId", "parent_id as parentId", "name"])
    .where("valid_from", "<=", asAt)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", asAt)]))
    .orderBy("name")
    .execute();
}

export interface EntryRow {
  measureKey: string;
  orgUnitId: string | null;
  periodEnd: IsoDate;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** An entry's figures as the library reads them (a snapshot row has these too). */
const entryColumns = [
  "measure_key as measureKey",
  "org_unit_id as orgUnitId",
  "period_end as periodEnd",
  "value",
  "numerator",
  "denominator",
] as const;

/**
 * Entered values for the units: each measure's entry for the month containing `asAt`, else (unless
 * `exactMonth`) the latest earlier month's.
 */
export async function entriesFor(
  db: TenantDb,
  unitIds: ReadonlyArray<string | null>,
  asAt: IsoDate,
  exactMonth: boolean,
): Promise<EntryRow[]> {
  const period = monthEnd(asAt);
  return db
    .selectFrom("performance_entries")
    .distinctOn(["measure_key", "org_unit_id"])
    .select(entryColumns)
    .where(unitIn(unitIds))
    .where("period_end", exactMonth ? "=" : "<=", period)
    .orderBy("measure_key")
    .orderBy("org_unit_id")
    .orderBy("period_end", "desc")
    .execute();
}

/** Entries for a unit (null: the council) in the given months, optionally one measure's. */
export async function entriesInMonths(
  db: TenantDb,
  unitId: string | null,
  periods: readonly IsoDate[],
  measureKey?: string,
): Promise<EntryRow[]> {
  if (periods.length === 0) return [];
  let query = db
    .selectFrom("performance_entries")
    .select(entryColumns)
    .where(unitIn([unitId]))
    .where("period_end", "in", periods);
  if (measureKey) query = query.where("measure_key", "=", measureKey);
  return query.execute();
}

export interface TargetRow {
  id: string;
  measureKey: string;
  orgUnitId: string | null;
  direction: Direction;
  target: number;
  amberFrom: number;
  targetDate: IsoDate | null;
  validFrom: IsoDate;
}

/** Targets standing on a date for these units (null: the council's), optionally one measure's. */
export function targetsStanding(
  db: TenantDb,
  unitIds: ReadonlyArray<string | null>,
  asAt: IsoDate,
  measureKey?: string,
): Promise<TargetRow[]> {
  return targetsBetween(db, unitIds, asAt, asAt, measureKey);
}

/** A target row with its end (null: standing), for working out which stood on each of several dates. */
export interface TargetSpan extends TargetRow {
  validTo: IsoDate | null;
}

/** Target rows in force at any time from `from` to `to` for these units (optionally one measure's), newest first. */
export async function targetsBetween(
  db: TenantDb,
  unitIds: ReadonlyArray<string | null>,
  from: IsoDate,
  to: IsoDate,
  measureKey?: string,
): Promise<TargetSpan[]> {
  let query = db
    .selectFrom("performance_targets")
    .select([
      "id",
      "measure_key as measureKey",
      "org_unit_id as orgUnitId",
      "direction",
      "target",
      "amber_from as amberFrom",
      "target_date as targetDate",
      "valid_from as validFrom",
      "valid_to as validTo",
    ])
    .where(unitIn(unitIds))
    .where("valid_from", "<=", to)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", from)]))
    .orderBy("valid_from", "desc");
  if (measureKey) query = query.where("measure_key", "=", measureKey);
  return query.execute();
}

/** Every version of every unit: the tree on any date, worked out in memory. */
export async function unitVersions(db: TenantDb): Promise<UnitVersion[]> {
  return db
    .selectFrom("org_unit_versions")
    .select([
      "org_unit_id as orgUnitId",
      "parent_id as parentId",
      "valid_from as validFrom",
      "valid_to as validTo",
    ])
    .execute();
}

export interface UnitVersion {
  orgUnitId: string;
  parentId: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export interface SnapshotRow {
  measureKey: string;
  orgUnitId: string | null;
  periodEnd: IsoDate;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  source: "computed" | "entered";
}

/** Snapshot rows for the units and month ends, optionally one measure's. */
export async function snapshotsFor(
  db: TenantDb,
  unitIds: ReadonlyArray<string | null>,
  periods: readonly IsoDate[],
  measureKey?: string,
): Promise<SnapshotRow[]> {
  if (periods.length === 0) return [];
  let query = db
    .selectFrom("performance_snapshots")
    .select([...entryColumns, "suppressed", "source"])
    .where(unitIn(unitIds))
    .where("period_end", "in", periods);
  if (measureKey) query = query.where("measure_key", "=", measureKey);
  return query.execute();
}

/** How many computed snapshot rows each unit (null: the council) has for a month. */
export async function computedRowsTaken(
  db: TenantDb,
  periodEnd: IsoDate,
): Promise<Map<string | null, number>> {
  const rows = await db
    .selectFrom("performance_snapshots")
    .select(["org_unit_id as orgUnitId", (eb) => eb.fn.countAll<number>().as("rows")])
    .where("period_end", "=", periodEnd)
    .where("source", "=", "computed")
    .groupBy("org_unit_id")
    .execute();
  return new Map(rows.map((r) => [r.orgUnitId, Number(r.rows)]));
}

/** Writes snapshot rows, leaving any already taken as they are. Returns how many it wrote. */
export async function insertSnapshots(
  db: TenantDb,
  rows: Array<Omit<SnapshotRow, "periodEnd"> & { periodEnd: IsoDate }>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await db
    .insertInto("performance_snapshots")
    .values(
      rows.map((r) => ({
        measure_key: r.measureKey,
        org_unit_id: r.orgUnitId,
        period_end: r.periodEnd,
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        suppressed: r.suppressed,
        source: r.source,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .execute();
  return written.length;
}

/** Whether the council has any snapshot. */
export async function hasSnapshots(db: TenantDb): Promise<boolean> {
  const row = await db.selectFrom("performance_snapshots").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}
