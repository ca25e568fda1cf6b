import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { entriesInMonths, snapshotsFor } from "../library/performance.repository.js";

export interface MonthFigure {
  value: number | null;
  suppressed: boolean;
}

/**
 * Every measure's month-end figures for a unit (null: the council) over months, by measure and
 * month: the snapshot's, else (an entered measure whose figure came after the job ran) the entry.
 */
export async function monthFigures(
  db: TenantDb,
  unitId: string | null,
  periods: readonly IsoDate[],
): Promise<Map<string, Map<IsoDate, MonthFigure>>> {
  const out = new Map<string, Map<IsoDate, MonthFigure>>();
  if (periods.length === 0) return out;
  const [snapshots, entries] = await Promise.all([
    snapshotsFor(db, [unitId], periods),
    entriesInMonths(db, unitId, periods),
  ]);
  const put = (key: string, p: IsoDate, f: MonthFigure) => {
    const m = out.get(key) ?? new Map<IsoDate, MonthFigure>();
    if (!m.has(p)) m.set(p, f);
    out.set(key, m);
  };
  for (const s of snapshots) put(s.measureKey, s.periodEnd, { value: s.value, suppressed: s.suppressed });
  for (const e of entries) put(e.measureKey, e.periodEnd, { value: e.value, suppressed: false });
  return out;
}

export interface CommentaryRow {
  id: string;
  measureKey: string;
  body: string;
  writtenBy: string;
  writtenAt: Date;
  authorName: string | null;
}

const personName = sql<string>`coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name`;

/**
 * The commentary for a unit's month, every measure or one: with its author's name (written_by is
 * "user:<id>" for a signed-in user, "person:<id>" for a seeded owner).
 */
export async function commentaries(
  db: TenantDb,
  options: { unitId: string | null; periodEnd: IsoDate; measureKey?: string },
): Promise<CommentaryRow[]> {
  let q = db
    .selectFrom("performance_commentaries as c")
    .leftJoin("users as u", (j) => j.on(sql`'user:' || u.id::text`, "=", sql.ref("c.written_by")))
    .leftJoin("people as p", (j) =>
      j.on(
        sql`p.id::text`,
        "=",
        sql`case when c.written_by like 'person:%' then substring(c.written_by from 8) else u.person_id::text end`,
      ),
    )
    .select([
      "c.id",
      "c.measure_key as measureKey",
      "c.body",
      "c.written_by as writtenBy",
      "c.written_at as writtenAt",
      sql<string | null>`coalesce(${personName}, u.display_name)`.as("authorName"),
    ])
    .where(
      options.unitId === null
        ? sql<boolean>`c.org_unit_id is null`
        : sql<boolean>`c.org_unit_id = ${options.unitId}`,
    )
    .where("c.period_end", "=", options.periodEnd);
  if (options.measureKey) q = q.where("c.measure_key", "=", options.measureKey);
  return q.orderBy("c.measure_key").execute();
}

/** Writes or replaces a measure's commentary for a unit's month (one per measure, unit and month). */
export async function saveCommentary(
  db: TenantDb,
  row: {
    measureKey: string;
    unitId: string | null;
    periodEnd: IsoDate;
    body: string;
    writtenBy: string;
    writtenAt: Date;
  },
): Promise<void> {
  await db
    .insertInto("performance_commentaries")
    .values({
      measure_key: row.measureKey,
      org_unit_id: row.unitId,
      period_end: row.periodEnd,
      body: row.body,
      written_by: row.writtenBy,
      written_at: row.writtenAt,
    })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "measure_key", "org_unit_id", "period_end"]).doUpdateSet({
        body: row.body,
        written_by: row.writtenBy,
        written_at: row.writtenAt,
      }),
    )
    .execute();
}

/** The person who owns a measure (writes its commentary), if one is named. */
export async function ownerOf(db: TenantDb, measureKey: string): Promise<string | null> {
  const row = await db
    .selectFrom("performance_measure_owners")
    .select("owner_person_id")
    .where("measure_key", "=", measureKey)
    .executeTakeFirst();
  return row?.owner_person_id ?? null;
}

/** Every measure's owner by name. */
export async function ownerNames(db: TenantDb): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("performance_measure_owners as o")
    .innerJoin("people as p", "p.id", "o.owner_person_id")
    .select(["o.measure_key", personName.as("name")])
    .execute();
  return new Map(rows.map((r) => [r.measure_key, r.name]));
}
