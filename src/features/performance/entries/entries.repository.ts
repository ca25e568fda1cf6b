import { type ExpressionBuilder, sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { Database } from "../../../platform/db/schema.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { EntryRow as LibraryEntryRow } from "../library/performance.repository.js";
import type { EntrySource } from "../schema.js";

export interface EntryRow {
  id: string;
  measureKey: string;
  orgUnitId: string | null;
  unitName: string | null;
  periodEnd: IsoDate;
  value: number;
  numerator: number | null;
  denominator: number | null;
  source: EntrySource;
  note: string | null;
}

/** Which entries a list shows: a measure, and the council's and/or these units' (null: every unit). */
export interface EntryFilter {
  measureKeys: readonly string[];
  measureKey: string | null;
  /** Only this unit's entries (the council's when null and `councilOnly`). */
  unitId: string | null;
  /** The units the viewer reaches (null: all); the council's entries are always shown. */
  unitIds: readonly string[] | null;
}

const unitName = sql<
  string | null
>`(select v.name from org_unit_versions v where v.org_unit_id = e.org_unit_id
  order by (v.valid_from <= e.period_end and (v.valid_to is null or v.valid_to >= e.period_end)) desc, v.valid_from desc
  limit 1)`.as("unit_name");

const columns = [
  "e.id",
  "e.measure_key",
  "e.org_unit_id",
  "e.period_end",
  "e.value",
  "e.numerator",
  "e.denominator",
  "e.source",
  "e.note",
] as const;

type Raw = {
  id: string;
  measure_key: string;
  org_unit_id: string | null;
  unit_name: string | null;
  period_end: IsoDate;
  value: number | string;
  numerator: number | string | null;
  denominator: number | string | null;
  source: EntrySource;
  note: string | null;
};

function toRow(r: Raw): EntryRow {
  return {
    id: r.id,
    measureKey: r.measure_key,
    orgUnitId: r.org_unit_id,
    unitName: r.unit_name,
    periodEnd: r.period_end,
    value: Number(r.value),
    numerator: r.numerator === null ? null : Number(r.numerator),
    denominator: r.denominator === null ? null : Number(r.denominator),
    source: r.source,
    note: r.note,
  };
}

function filtered(db: TenantDb, f: EntryFilter) {
  let q = db.selectFrom("performance_entries as e").where("e.measure_key", "in", [...f.measureKeys]);
  if (f.measureKey) q = q.where("e.measure_key", "=", f.measureKey);
  if (f.unitId) q = q.where("e.org_unit_id", "=", f.unitId);
  else if (f.unitIds !== null) {
    const ids = [...f.unitIds];
    q = q.where((eb: ExpressionBuilder<Database & { e: Database["performance_entries"] }, "e">) =>
      ids.length > 0
        ? eb.or([eb("e.org_unit_id", "is", null), eb("e.org_unit_id", "in", ids)])
        : eb("e.org_unit_id", "is", null),
    );
  }
  return q;
}

export async function countEntries(db: TenantDb, f: EntryFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listEntries(db: TenantDb, f: EntryFilter, page: { limit: number; offset: number }) {
  const rows = await filtered(db, f)
    .select([...columns, unitName])
    .orderBy("e.period_end", "desc")
    .orderBy("e.measure_key")
    .orderBy(sql`e.org_unit_id is null`, "desc")
    .orderBy("unit_name")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toRow);
}

export async function entryById(db: TenantDb, id: string): Promise<EntryRow | null> {
  const row = await db
    .selectFrom("performance_entries as e")
    .select([...columns, unitName])
    .where("e.id", "=", id)
    .executeTakeFirst();
  return row ? toRow(row) : null;
}

/** The entry held for a measure, unit (null: the council) and month, if any. */
export async function entryFor(db: TenantDb, measureKey: string, unitId: string | null, periodEnd: IsoDate) {
  const row = await db
    .selectFrom("performance_entries")
    .select(["id", "value", "numerator", "denominator", "note"])
    .where("measure_key", "=", measureKey)
    .where((eb) => (unitId === null ? eb("org_unit_id", "is", null) : eb("org_unit_id", "=", unitId)))
    .where("period_end", "=", periodEnd)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    value: Number(row.value),
    numerator: row.numerator === null ? null : Number(row.numerator),
    denominator: row.denominator === null ? null : Number(row.denominator),
    note: row.note,
  };
}

/** An entry's figures as the measure library reads them, with its note. */
export interface EntryValues extends LibraryEntryRow {
  note: string | null;
}

/** An entry's figures and who entered them, as its row holds them. */
function enteredFigures(e: EntryValues, source: EntrySource, by: string) {
  return {
    value: e.value,
    numerator: e.numerator,
    denominator: e.denominator,
    note: e.note,
    source,
    entered_by: by,
  };
}

export async function insertEntry(
  db: TenantDb,
  e: EntryValues,
  source: EntrySource,
  by: string,
): Promise<string> {
  const row = await db
    .insertInto("performance_entries")
    .values({
      measure_key: e.measureKey,
      org_unit_id: e.orgUnitId,
      period_end: e.periodEnd,
      ...enteredFigures(e, source, by),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces an entry's figures (audited by the trigger), as a new entry for the same month would. */
export async function replaceEntry(
  db: TenantDb,
  id: string,
  e: EntryValues,
  source: EntrySource,
  by: string,
) {
  await db
    .updateTable("performance_entries")
    .set({ ...enteredFigures(e, source, by), entered_at: sql<Date>`now()` })
    .where("id", "=", id)
    .execute();
}

/**
 * A corrected figure replaces the month's snapshot row for it, when the month was already taken:
 * an entered figure is the council's own record of the month, so the board sees the correction
 * (computed rows are never changed). The entry's replacement is the audited change.
 */
export async function correctSnapshot(db: TenantDb, e: EntryValues): Promise<void> {
  await db
    .updateTable("performance_snapshots")
    .set({ value: e.value, numerator: e.numerator, denominator: e.denominator, taken_at: sql<Date>`now()` })
    .where("source", "=", "entered")
    .where("measure_key", "=", e.measureKey)
    .where(sql<boolean>`org_unit_id is not distinct from ${e.orgUnitId}`)
    .where("period_end", "=", e.periodEnd)
    .execute();
}

/** Every unit of the council by its code (lower case), for imports. */
export async function unitsByCode(db: TenantDb): Promise<Map<string, string>> {
  const rows = await db.selectFrom("org_units").select(["id", "code"]).execute();
  return new Map(rows.map((r) => [r.code.trim().toLowerCase(), r.id]));
}

export async function hasAnyEntry(db: TenantDb): Promise<boolean> {
  return (await db.selectFrom("performance_entries").select("id").limit(1).executeTakeFirst()) !== undefined;
}
