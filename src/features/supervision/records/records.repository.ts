import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { ImportReportRow, SupervisionKind, SupervisionStatus } from "../schema.js";

/**
 * Kysely queries for supervision records, their reflective notes and case supervision imports.
 * No query here selects `supervision_notes.note` except `noteOf`: lists, exports and searches
 * never see it.
 */

const personName = (alias: string) =>
  sql<string>`coalesce(${sql.ref(`${alias}.preferred_name`)}, ${sql.ref(`${alias}.given_name`)}) || ' ' || ${sql.ref(`${alias}.family_name`)}`;

export interface PersonFacts {
  id: string;
  name: string;
  email: string | null;
  kind: string;
  anonymisedOn: IsoDate | null;
}

export async function personFacts(db: TenantDb, personId: string): Promise<PersonFacts | undefined> {
  const row = await db
    .selectFrom("people as p")
    .select(["p.id", personName("p").as("name"), "p.email", "p.kind", "p.anonymised_on"])
    .where("p.id", "=", personId)
    .executeTakeFirst();
  return row
    ? { id: row.id, name: row.name, email: row.email, kind: row.kind, anonymisedOn: row.anonymised_on }
    : undefined;
}

/** A supervision record as pages and exports see it: never the reflective note. */
export interface SupervisionRow {
  id: string;
  personId: string;
  personName: string;
  supervisorPersonId: string | null;
  supervisorName: string | null;
  kind: SupervisionKind;
  heldOn: IsoDate;
  status: SupervisionStatus;
  cancelledReason: string | null;
  rearrangedOn: IsoDate | null;
  durationMinutes: number | null;
  actions: string | null;
  source: "recorded" | "imported";
  importId: string | null;
  confirmedOn: IsoDate | null;
  recordedBy: string;
}

function recordQuery(db: TenantDb) {
  return db
    .selectFrom("supervisions as s")
    .innerJoin("people as p", "p.id", "s.person_id")
    .leftJoin("people as v", "v.id", "s.supervisor_person_id")
    .select([
      "s.id",
      "s.person_id",
      personName("p").as("person_name"),
      "s.supervisor_person_id",
      sql<string | null>`case when v.id is null then null else ${personName("v")} end`.as("supervisor_name"),
      "s.kind",
      "s.held_on",
      "s.status",
      "s.cancelled_reason",
      "s.rearranged_on",
      "s.duration_minutes",
      "s.actions",
      "s.source",
      "s.import_id",
      "s.confirmed_on",
      "s.recorded_by",
    ]);
}

type RecordRow = Awaited<ReturnType<ReturnType<typeof recordQuery>["execute"]>>[number];

function toRow(r: RecordRow): SupervisionRow {
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    supervisorPersonId: r.supervisor_person_id,
    supervisorName: r.supervisor_name,
    kind: r.kind,
    heldOn: r.held_on,
    status: r.status,
    cancelledReason: r.cancelled_reason,
    rearrangedOn: r.rearranged_on,
    durationMinutes: r.duration_minutes,
    actions: r.actions,
    source: r.source,
    importId: r.import_id,
    confirmedOn: r.confirmed_on,
    recordedBy: r.recorded_by,
  };
}

/** A person's supervision records, latest first. */
export async function recordsOf(db: TenantDb, personId: string): Promise<SupervisionRow[]> {
  const rows = await recordQuery(db)
    .where("s.person_id", "=", personId)
    .orderBy("s.held_on", "desc")
    .orderBy("s.created_at", "desc")
    .execute();
  return rows.map(toRow);
}

export async function findRecord(db: TenantDb, supervisionId: string): Promise<SupervisionRow | undefined> {
  const row = await recordQuery(db).where("s.id", "=", supervisionId).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export interface RecordValues {
  supervisor_person_id: string | null;
  kind: SupervisionKind;
  held_on: IsoDate;
  status: SupervisionStatus;
  cancelled_reason: string | null;
  rearranged_on: IsoDate | null;
  duration_minutes: number | null;
  actions: string | null;
}

export async function insertRecord(
  db: TenantDb,
  personId: string,
  values: RecordValues,
  recordedBy: string,
): Promise<string> {
  const row = await db
    .insertInto("supervisions")
    .values({ person_id: personId, ...values, recorded_by: recordedBy })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a record; a changed record needs the supervisee's confirmation again. */
export async function updateRecord(db: TenantDb, supervisionId: string, values: RecordValues): Promise<void> {
  await db
    .updateTable("supervisions")
    .set({ ...values, confirmed_on: null, updated_at: sql<Date>`now()` })
    .where("id", "=", supervisionId)
    .execute();
}

export async function confirmRecord(db: TenantDb, supervisionId: string, on: IsoDate): Promise<void> {
  await db
    .updateTable("supervisions")
    .set({ confirmed_on: on, updated_at: sql<Date>`now()` })
    .where("id", "=", supervisionId)
    .execute();
}

// ---- the reflective note (only for the supervisee and the supervisor) ----

export async function noteOf(db: TenantDb, supervisionId: string): Promise<string | null> {
  const row = await db
    .selectFrom("supervision_notes")
    .select("note")
    .where("supervision_id", "=", supervisionId)
    .executeTakeFirst();
  return row?.note ?? null;
}

export async function hasNote(db: TenantDb, supervisionId: string): Promise<boolean> {
  const row = await db
    .selectFrom("supervision_notes")
    .select("supervision_id")
    .where("supervision_id", "=", supervisionId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function saveNote(db: TenantDb, supervisionId: string, note: string | null): Promise<void> {
  if (note === null) {
    await db.deleteFrom("supervision_notes").where("supervision_id", "=", supervisionId).execute();
    return;
  }
  await db
    .insertInto("supervision_notes")
    .values({ supervision_id: supervisionId, note })
    .onConflict((oc) => oc.column("supervision_id").doUpdateSet({ note, updated_at: sql<Date>`now()` }))
    .execute();
}

// ---- people to choose from ----

/** Staff with an assignment today, one row a person (their social work assignment first). */
export async function staffChoices(db: TenantDb, today: IsoDate) {
  const rows = await db
    .selectFrom("people as p")
    .innerJoin("assignments as a", "a.person_id", "p.id")
    .innerJoin("job_roles as r", "r.id", "a.job_role_id")
    .select(["p.id", personName("p").as("name"), "r.name as job_role_name", "r.social_work_qualified"])
    .where("p.kind", "=", "staff")
    .where("p.anonymised_on", "is", null)
    .where("a.valid_from", "<=", today)
    .where((eb) => eb.or([eb("a.valid_to", "is", null), eb("a.valid_to", ">=", today)]))
    .orderBy("p.family_name")
    .orderBy("p.given_name")
    .orderBy("r.social_work_qualified", "desc")
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => {
    if (seen.has(r.id)) return false;
    seen.add(r.id);
    return true;
  });
}

export async function isStaff(db: TenantDb, personId: string): Promise<boolean> {
  return !!(await db
    .selectFrom("people")
    .select("id")
    .where("id", "=", personId)
    .where("kind", "=", "staff")
    .where("anonymised_on", "is", null)
    .executeTakeFirst());
}

// ---- case supervision imports ----

export async function importBySha(db: TenantDb, sha256: string) {
  return db
    .selectFrom("supervision_imports")
    .select(["id", "created_at"])
    .where("sha256", "=", sha256)
    .where("status", "=", "applied")
    .orderBy("created_at", "asc")
    .limit(1)
    .executeTakeFirst();
}

export interface ImportSummary {
  id: string;
  filename: string;
  trigger: "upload" | "feed";
  status: "applied" | "rejected";
  rowsTotal: number;
  rowsAdded: number;
  rowsUnchanged: number;
  rowsRejected: number;
  createdBy: string;
  createdAt: Date;
}

const importColumns = [
  "id",
  "filename",
  "trigger",
  "status",
  "rows_total",
  "rows_added",
  "rows_unchanged",
  "rows_rejected",
  "created_by",
  "created_at",
] as const;

type ImportRow = {
  id: string;
  filename: string;
  trigger: "upload" | "feed";
  status: "applied" | "rejected";
  rows_total: number;
  rows_added: number;
  rows_unchanged: number;
  rows_rejected: number;
  created_by: string;
  created_at: Date;
};

const toImport = (r: ImportRow): ImportSummary => ({
  id: r.id,
  filename: r.filename,
  trigger: r.trigger,
  status: r.status,
  rowsTotal: r.rows_total,
  rowsAdded: r.rows_added,
  rowsUnchanged: r.rows_unchanged,
  rowsRejected: r.rows_rejected,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export async function recentImports(db: TenantDb, limit: number): Promise<ImportSummary[]> {
  const rows = await db
    .selectFrom("supervision_imports")
    .select(importColumns)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(toImport);
}

export async function findImport(db: TenantDb, importId: string) {
  const row = await db
    .selectFrom("supervision_imports")
    .select([...importColumns, "report"])
    .where("id", "=", importId)
    .executeTakeFirst();
  return row ? { ...toImport(row), report: row.report } : undefined;
}

export async function insertImport(
  db: TenantDb,
  values: {
    filename: string;
    sha256: string;
    trigger: "upload" | "feed";
    status: "applied" | "rejected";
    counts: { total: number; added: number; unchanged: number; rejected: number };
    report: ImportReportRow[];
    createdBy: string;
  },
): Promise<string> {
  const row = await db
    .insertInto("supervision_imports")
    .values({
      filename: values.filename,
      sha256: values.sha256,
      trigger: values.trigger,
      status: values.status,
      rows_total: values.counts.total,
      rows_added: values.counts.added,
      rows_unchanged: values.counts.unchanged,
      rows_rejected: values.counts.rejected,
      report: JSON.stringify(values.report),
      created_by: values.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setImportCounts(
  db: TenantDb,
  importId: string,
  counts: { total: number; added: number; unchanged: number; rejected: number },
  report: ImportReportRow[],
): Promise<void> {
  await db
    .updateTable("supervision_imports")
    .set({
      rows_total: counts.total,
      rows_added: counts.added,
      rows_unchanged: counts.unchanged,
      rows_rejected: counts.rejected,
      report: JSON.stringify(report),
    })
    .where("id", "=", importId)
    .execute();
}

/** People matched by an identifier from another system: their ids in any system, employee number or email. */
export async function matchPeople(db: TenantDb, keys: string[]) {
  const wanted = [...new Set(keys.filter((k) => k !== ""))];
  if (wanted.length === 0) return { bySourceId: new Map(), byEmployeeNumber: new Map(), byEmail: new Map() };
  const lower = wanted.map((k) => k.toLowerCase());
  const [sourceIds, people] = await Promise.all([
    db
      .selectFrom("person_source_ids as s")
      .innerJoin("people as p", "p.id", "s.person_id")
      .select(["s.external_id", "s.person_id"])
      .where("s.external_id", "in", wanted)
      .where("p.anonymised_on", "is", null)
      .execute(),
    db
      .selectFrom("people")
      .select(["id", "employee_number", "email"])
      .where("kind", "=", "staff")
      .where("anonymised_on", "is", null)
      .where((eb) => eb.or([eb("employee_number", "in", wanted), eb(sql<string>`lower(email)`, "in", lower)]))
      .execute(),
  ]);
  const bySourceId = new Map<string, Set<string>>();
  for (const s of sourceIds) {
    const set = bySourceId.get(s.external_id) ?? new Set<string>();
    set.add(s.person_id);
    bySourceId.set(s.external_id, set);
  }
  const byEmployeeNumber = new Map<string, string>();
  const byEmail = new Map<string, string>();
  for (const p of people) {
    if (p.employee_number) byEmployeeNumber.set(p.employee_number, p.id);
    if (p.email) byEmail.set(p.email.toLowerCase(), p.id);
  }
  return { bySourceId, byEmployeeNumber, byEmail };
}

export type PersonMatches = Awaited<ReturnType<typeof matchPeople>>;

/** Inserts imported supervisions; returns the keys (person, date, kind) that were new. */
export async function insertImported(
  db: TenantDb,
  rows: Array<{
    person_id: string;
    supervisor_person_id: string | null;
    kind: SupervisionKind;
    held_on: IsoDate;
    duration_minutes: number | null;
  }>,
  importId: string,
  recordedBy: string,
): Promise<Set<string>> {
  const added = new Set<string>();
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const inserted = await db
      .insertInto("supervisions")
      .values(
        batch.map((r) => ({
          ...r,
          status: "held" as const,
          source: "imported" as const,
          import_id: importId,
          recorded_by: recordedBy,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(["tenant_id", "person_id", "held_on", "kind"])
          .where("source", "=", "imported")
          .doNothing(),
      )
      .returning(["person_id", "held_on", "kind"])
      .execute();
    for (const r of inserted) added.add(importKey(r.person_id, r.held_on, r.kind));
  }
  return added;
}

export const importKey = (personId: string, heldOn: IsoDate, kind: string) => `${personId}|${heldOn}|${kind}`;

// ---- data protection ----

/** Removes what a person wrote or was written about them in their supervision (free text). */
export async function anonymiseSupervision(db: TenantDb, personId: string): Promise<void> {
  await db
    .deleteFrom("supervision_notes")
    .where("supervision_id", "in", (eb) =>
      eb.selectFrom("supervisions").select("id").where("person_id", "=", personId),
    )
    .execute();
  await db
    .updateTable("supervisions")
    .set({
      actions: null,
      cancelled_reason: null,
      updated_at: sql<Date>`now()`,
    })
    .where("person_id", "=", personId)
    .execute();
}
