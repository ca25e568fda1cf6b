import { sql } from "kysely";
import type { IsoDate } from "../../platform/dates.js";
import type { TenantDb } from "../../platform/tenancy/data-access.js";
import type { CaseCategories, SnapshotReportRow, SnapshotSource } from "./schema.js";

export async function snapshotBySha(db: TenantDb, sha256: string) {
  return db
    .selectFrom("caseload_snapshots")
    .select(["id", "as_at"])
    .where("sha256", "=", sha256)
    .executeTakeFirst();
}

export async function snapshotFor(db: TenantDb, asAt: IsoDate, source: SnapshotSource) {
  return db
    .selectFrom("caseload_snapshots")
    .select(["id"])
    .where("as_at", "=", asAt)
    .where("source", "=", source)
    .orderBy("created_at")
    .executeTakeFirst();
}

export async function insertSnapshot(
  db: TenantDb,
  s: {
    asAt: IsoDate;
    source: SnapshotSource;
    filename: string | null;
    sha256: string | null;
    createdBy: string;
  },
): Promise<string> {
  const row = await db
    .insertInto("caseload_snapshots")
    .values({
      as_at: s.asAt,
      source: s.source,
      filename: s.filename,
      sha256: s.sha256,
      created_by: s.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSnapshot(
  db: TenantDb,
  id: string,
  s: {
    filename?: string | null;
    sha256?: string | null;
    rowsTotal: number;
    rowsRejected: number;
    report: SnapshotReportRow[];
    now: Date;
  },
): Promise<void> {
  await db
    .updateTable("caseload_snapshots")
    .set({
      ...(s.filename !== undefined ? { filename: s.filename } : {}),
      ...(s.sha256 !== undefined ? { sha256: s.sha256 } : {}),
      rows_total: s.rowsTotal,
      rows_rejected: s.rowsRejected,
      report: JSON.stringify(s.report),
      updated_at: s.now,
    })
    .where("id", "=", id)
    .execute();
}

export async function touchSnapshot(db: TenantDb, id: string, now: Date): Promise<void> {
  await db
    .updateTable("caseload_snapshots")
    .set({
      updated_at: now,
      rows_total: sql`(select count(*) from caseload_entries e where e.snapshot_id = ${id})::int`,
    })
    .where("id", "=", id)
    .execute();
}

export async function deleteEntries(db: TenantDb, snapshotId: string): Promise<void> {
  await db.deleteFrom("caseload_entries").where("snapshot_id", "=", snapshotId).execute();
}

export interface EntryInsert {
  personId: string;
  children: number;
  categories: CaseCategories | null;
  weighted: number | null;
}

/** Adds (or, typed again, replaces) entries; returns each entry's id by person. */
export async function upsertEntries(
  db: TenantDb,
  snapshotId: string,
  asAt: IsoDate,
  rows: EntryInsert[],
): Promise<{ id: string; personId: string; children: number }[]> {
  if (rows.length === 0) return [];
  const out: { id: string; personId: string; children: number }[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const made = await db
      .insertInto("caseload_entries")
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          snapshot_id: snapshotId,
          person_id: r.personId,
          as_at: asAt,
          children: r.children,
          categories: r.categories ? JSON.stringify(r.categories) : null,
          weighted: r.weighted,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["snapshot_id", "person_id"]).doUpdateSet((eb) => ({
          children: eb.ref("excluded.children"),
          categories: eb.ref("excluded.categories"),
          weighted: eb.ref("excluded.weighted"),
        })),
      )
      .returning(["id", "person_id", "children"])
      .execute();
    out.push(...made.map((m) => ({ id: m.id, personId: m.person_id, children: m.children })));
  }
  return out;
}

/**
 * People matched by a worker id from the case management system: a source id (any feed), the
 * employee number, or the email (case-blind). One query for a whole file.
 */
export async function matchWorkers(db: TenantDb, workerIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(workerIds.filter((w) => w !== ""))];
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const lower = ids.map((i) => i.toLowerCase());
  const rows = await sql<{ key: string; person_id: string; rank: number }>`
    select s.external_id as key, s.person_id, 1 as rank from person_source_ids s where s.external_id in (${sql.join(ids)})
    union all
    select p.employee_number as key, p.id, 2 from people p
      where p.employee_number in (${sql.join(ids)}) and p.kind = 'staff' and p.anonymised_on is null
    union all
    select lower(p.email) as key, p.id, 3 from people p
      where lower(p.email) in (${sql.join(lower)}) and p.kind = 'staff' and p.anonymised_on is null
    order by rank`.execute(db);
  for (const r of rows.rows) {
    if (r.rank === 3) {
      for (const id of ids) if (id.toLowerCase() === r.key && !out.has(id)) out.set(id, r.person_id);
    } else if (!out.has(r.key)) out.set(r.key, r.person_id);
  }
  return out;
}

/** Each person's main assignment on a date (the largest FTE, then the earliest). */
export interface WorkerPlacement {
  personId: string;
  name: string;
  orgUnitId: string;
  jobRoleId: string;
  careerLevel: string | null;
  lineManagerPersonId: string | null;
}

export async function placementsOn(
  db: TenantDb,
  personIds: readonly string[],
  asAt: IsoDate,
): Promise<Map<string, WorkerPlacement>> {
  const out = new Map<string, WorkerPlacement>();
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("people as p", "p.id", "a.person_id")
    .select([
      "a.person_id",
      sql<string>`coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name`.as("name"),
      "a.org_unit_id",
      "a.job_role_id",
      "a.career_level",
      "a.line_manager_person_id",
    ])
    .distinctOn("a.person_id")
    .where("a.person_id", "in", [...new Set(personIds)])
    .where("a.valid_from", "<=", asAt)
    .where((eb) => eb.or([eb("a.valid_to", "is", null), eb("a.valid_to", ">=", asAt)]))
    .orderBy("a.person_id")
    .orderBy("a.fte", "desc")
    .orderBy("a.valid_from")
    .orderBy("a.id")
    .execute();
  for (const r of rows)
    out.set(r.person_id, {
      personId: r.person_id,
      name: r.name,
      orgUnitId: r.org_unit_id,
      jobRoleId: r.job_role_id,
      careerLevel: r.career_level,
      lineManagerPersonId: r.line_manager_person_id,
    });
  return out;
}

export async function replaceAlerts(
  db: TenantDb,
  entryIds: string[],
  alerts: {
    entryId: string;
    personId: string;
    managerPersonId: string | null;
    asAt: IsoDate;
    children: number;
    cap: number;
  }[],
): Promise<void> {
  if (entryIds.length > 0) await db.deleteFrom("caseload_alerts").where("entry_id", "in", entryIds).execute();
  if (alerts.length === 0) return;
  await db
    .insertInto("caseload_alerts")
    .values(
      alerts.map((a) => ({
        entry_id: a.entryId,
        person_id: a.personId,
        manager_person_id: a.managerPersonId,
        as_at: a.asAt,
        children: a.children,
        cap: a.cap,
      })),
    )
    .execute();
}

export async function emailsOf(db: TenantDb, personIds: string[]) {
  if (personIds.length === 0) return new Map<string, { email: string | null; name: string }>();
  const rows = await db
    .selectFrom("people")
    .select([
      "id",
      "email",
      sql<string>`coalesce(preferred_name, given_name) || ' ' || family_name`.as("name"),
    ])
    .where("id", "in", personIds)
    .where("anonymised_on", "is", null)
    .execute();
  return new Map(rows.map((r) => [r.id, { email: r.email, name: r.name }]));
}

export async function sentReferences(db: TenantDb, references: string[]): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const rows = await db
    .selectFrom("outbox_messages")
    .select("reference")
    .where("reference", "in", references)
    .execute();
  return new Set(rows.map((r) => r.reference ?? ""));
}

export interface SnapshotRow {
  id: string;
  asAt: IsoDate;
  source: SnapshotSource;
  filename: string | null;
  rowsTotal: number;
  rowsRejected: number;
  entries: number;
  alerts: number;
  updatedAt: Date;
}

const snapshotColumns = [
  "s.id",
  "s.as_at",
  "s.source",
  "s.filename",
  "s.rows_total",
  "s.rows_rejected",
  "s.updated_at",
  sql<number>`(select count(*)::int from caseload_entries e where e.snapshot_id = s.id)`.as("entries"),
  sql<number>`(select count(*)::int from caseload_alerts a join caseload_entries e on e.id = a.entry_id
    where e.snapshot_id = s.id)`.as("alerts"),
] as const;

function toSnapshotRow(r: {
  id: string;
  as_at: string;
  source: SnapshotSource;
  filename: string | null;
  rows_total: number;
  rows_rejected: number;
  updated_at: Date;
  entries: number;
  alerts: number;
}): SnapshotRow {
  return {
    id: r.id,
    asAt: r.as_at,
    source: r.source,
    filename: r.filename,
    rowsTotal: r.rows_total,
    rowsRejected: r.rows_rejected,
    entries: r.entries,
    alerts: r.alerts,
    updatedAt: r.updated_at,
  };
}

export async function listSnapshots(db: TenantDb, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom("caseload_snapshots as s")
      .select([...snapshotColumns])
      .orderBy("s.as_at", "desc")
      .orderBy("s.created_at", "desc")
      .limit(limit)
      .offset(offset)
      .execute(),
    db.selectFrom("caseload_snapshots").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toSnapshotRow), total: total.n };
}

export async function snapshotDetail(db: TenantDb, id: string) {
  const row = await db
    .selectFrom("caseload_snapshots as s")
    .select([...snapshotColumns, "s.report"])
    .where("s.id", "=", id)
    .executeTakeFirst();
  return row ? { ...toSnapshotRow(row), report: row.report } : undefined;
}
