import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { CpdCategory, CpdKind } from "../schema.js";
import "../schema.js";
import "../../learning/schema.js";

/** An entry as the pages and exports read it. */
export interface CpdEntry {
  id: string;
  personId: string;
  entryOn: IsoDate;
  title: string;
  kind: CpdKind;
  category: CpdCategory;
  hours: number | null;
  learnt: string | null;
  impact: string | null;
  sweStandards: number[];
  pcfDomains: string[];
  kssStatements: string[];
  learningRecordId: string | null;
  peerName: string | null;
  peerOn: IsoDate | null;
  peerNotes: string | null;
  status: "draft" | "final";
  finalisedAt: Date | null;
  sharedWithSupervisor: boolean;
  updatedAt: Date;
}

/** What is written for an entry (person, creator and dates aside). */
export interface CpdEntryValues {
  entry_on: IsoDate;
  title: string;
  kind: CpdKind;
  category: CpdCategory;
  hours: number;
  learnt: string | null;
  impact: string | null;
  swe_standards: number[];
  pcf_domains: string[];
  kss_statements: string[];
  learning_record_id: string | null;
  peer_name: string | null;
  peer_on: IsoDate | null;
  peer_notes: string | null;
  status: "draft" | "final";
  shared_with_supervisor: boolean;
}

const entryColumns = [
  "e.id",
  "e.person_id as personId",
  "e.entry_on as entryOn",
  "e.title",
  "e.kind",
  "e.category",
  "e.hours",
  "e.learnt",
  "e.impact",
  "e.swe_standards as sweStandards",
  "e.pcf_domains as pcfDomains",
  "e.kss_statements as kssStatements",
  "e.learning_record_id as learningRecordId",
  "e.peer_name as peerName",
  "e.peer_on as peerOn",
  "e.peer_notes as peerNotes",
  "e.status",
  "e.finalised_at as finalisedAt",
  "e.shared_with_supervisor as sharedWithSupervisor",
  "e.updated_at as updatedAt",
] as const;

export async function entriesOf(
  db: TenantDb,
  personId: string,
  options: { sharedOnly?: boolean } = {},
): Promise<CpdEntry[]> {
  let q = db.selectFrom("cpd_entries as e").select(entryColumns).where("e.person_id", "=", personId);
  if (options.sharedOnly) q = q.where("e.shared_with_supervisor", "=", true);
  return q.orderBy("e.entry_on", "desc").orderBy("e.created_at", "desc").execute();
}

export async function findEntry(db: TenantDb, entryId: string): Promise<CpdEntry | undefined> {
  return db
    .selectFrom("cpd_entries as e")
    .select(entryColumns)
    .where("e.id", "=", entryId)
    .executeTakeFirst();
}

export async function insertEntry(
  db: TenantDb,
  personId: string,
  createdBy: string,
  values: CpdEntryValues,
): Promise<string> {
  const row = await db
    .insertInto("cpd_entries")
    .values({
      ...values,
      person_id: personId,
      created_by: createdBy,
      finalised_at: values.status === "final" ? sql<Date>`now()` : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEntry(db: TenantDb, entryId: string, values: CpdEntryValues): Promise<void> {
  await db
    .updateTable("cpd_entries")
    .set({
      ...values,
      // Finalised once: the first time it became final (kept while it stays final).
      finalised_at: values.status === "final" ? sql<Date>`coalesce(finalised_at, now())` : sql<null>`null`,
      updated_at: sql<Date>`now()`,
    })
    .where("id", "=", entryId)
    .execute();
}

export async function deleteEntry(db: TenantDb, entryId: string): Promise<void> {
  // The evidence files go with the entry (their links cascade from the entry; the files do not).
  const files = await db
    .selectFrom("cpd_evidence")
    .select("stored_file_id")
    .where("cpd_entry_id", "=", entryId)
    .execute();
  await db.deleteFrom("cpd_entries").where("id", "=", entryId).execute();
  if (files.length > 0) {
    await db
      .deleteFrom("stored_files")
      .where(
        "id",
        "in",
        files.map((f) => f.stored_file_id),
      )
      .execute();
  }
}

/** Whether another entry already records this learning record. */
export async function learningRecordUsed(db: TenantDb, recordId: string, exceptEntryId: string | null) {
  let q = db.selectFrom("cpd_entries").select("id").where("learning_record_id", "=", recordId);
  if (exceptEntryId) q = q.where("id", "!=", exceptEntryId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface CompletedLearning {
  id: string;
  title: string;
  completedOn: IsoDate;
  hours: number;
  provider: string | null;
}

/** The person's completed learning (not rejected) that no CPD entry records yet, newest first. */
export async function unrecordedLearning(db: TenantDb, personId: string): Promise<CompletedLearning[]> {
  const rows = await db
    .selectFrom("learning_records as r")
    .select(["r.id", "r.title", "r.completed_on as completedOn", "r.hours", "r.provider"])
    .where("r.person_id", "=", personId)
    .where("r.verification", "!=", "rejected")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("cpd_entries as e").select("e.id").whereRef("e.learning_record_id", "=", "r.id"),
        ),
      ),
    )
    .orderBy("r.completed_on", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, hours: Number(r.hours ?? 0) }));
}

export async function learningRecordOf(
  db: TenantDb,
  personId: string,
  recordId: string,
): Promise<CompletedLearning | undefined> {
  const r = await db
    .selectFrom("learning_records as r")
    .select(["r.id", "r.title", "r.completed_on as completedOn", "r.hours", "r.provider"])
    .where("r.id", "=", recordId)
    .where("r.person_id", "=", personId)
    .where("r.verification", "!=", "rejected")
    .executeTakeFirst();
  return r ? { ...r, hours: Number(r.hours ?? 0) } : undefined;
}

export interface EvidenceRow {
  id: string;
  entryId: string;
  storedFileId: string;
  description: string | null;
  filename: string;
  contentType: string;
  sizeBytes: number;
  createdAt: Date;
}

export async function evidenceOf(db: TenantDb, entryId: string): Promise<EvidenceRow[]> {
  return evidenceQuery(db).where("v.cpd_entry_id", "=", entryId).orderBy("v.created_at").execute();
}

export async function findEvidence(db: TenantDb, entryId: string, evidenceId: string) {
  return evidenceQuery(db)
    .where("v.cpd_entry_id", "=", entryId)
    .where("v.id", "=", evidenceId)
    .executeTakeFirst();
}

function evidenceQuery(db: TenantDb) {
  return db
    .selectFrom("cpd_evidence as v")
    .innerJoin("stored_files as f", "f.id", "v.stored_file_id")
    .select([
      "v.id",
      "v.cpd_entry_id as entryId",
      "v.stored_file_id as storedFileId",
      "v.description",
      "f.filename",
      "f.content_type as contentType",
      "f.size_bytes as sizeBytes",
      "v.created_at as createdAt",
    ]);
}

export async function insertEvidence(
  db: TenantDb,
  entryId: string,
  storedFileId: string,
  description: string | null,
  createdBy: string,
): Promise<string> {
  const row = await db
    .insertInto("cpd_evidence")
    .values({ cpd_entry_id: entryId, stored_file_id: storedFileId, description, created_by: createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Hours of final entries by person and category, between two dates. */
export async function finalHours(
  db: TenantDb,
  personIds: string[],
  from: IsoDate,
  to: IsoDate,
): Promise<{ personId: string; category: CpdCategory; hours: number; entries: number }[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom("cpd_entries")
    .select([
      "person_id as personId",
      "category",
      sql<number>`coalesce(sum(hours), 0)::float8`.as("hours"),
      sql<number>`count(*)::int`.as("entries"),
    ])
    .where("person_id", "in", personIds)
    .where("status", "=", "final")
    .where("entry_on", ">=", from)
    .where("entry_on", "<=", to)
    .groupBy(["person_id", "category"])
    .execute();
}

/**
 * On anonymisation: the person's evidence files go, and their entries keep only what the
 * 70:20:10 figures count (date, kind, category, hours, standards, draft or final); what they
 * wrote and who their peer was go.
 */
export async function anonymiseEntries(db: TenantDb, personId: string): Promise<void> {
  await db
    .deleteFrom("stored_files")
    .where("id", "in", (eb) =>
      eb
        .selectFrom("cpd_evidence")
        .innerJoin("cpd_entries", "cpd_entries.id", "cpd_evidence.cpd_entry_id")
        .select("cpd_evidence.stored_file_id")
        .where("cpd_entries.person_id", "=", personId),
    )
    .execute();
  await db
    .updateTable("cpd_entries")
    .set({
      title: "CPD entry",
      learnt: null,
      impact: null,
      peer_name: null,
      peer_person_id: null,
      peer_on: null,
      peer_notes: null,
      learning_record_id: null,
      updated_at: sql<Date>`now()`,
    })
    .where("person_id", "=", personId)
    .execute();
}
