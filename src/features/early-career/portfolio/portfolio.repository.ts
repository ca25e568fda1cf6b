import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type {
  EnrolmentStatus,
  EvidenceKind,
  MilestoneKind,
  MinimumEvidence,
  PanelDecision,
  ProgrammeStandard,
} from "../schema.js";
import "../../learning/schema.js";

/** The enrolment's portfolio: its template version's standards and minimum, and where it stands. */
export interface PortfolioState {
  enrolmentId: string;
  personId: string;
  status: EnrolmentStatus;
  startOn: IsoDate;
  standards: ProgrammeStandard[];
  minimum: MinimumEvidence;
  submittedOn: IsoDate | null;
  signedOffOn: IsoDate | null;
  recommendation: "pass" | "fail" | null;
  panelOn: IsoDate | null;
  panelDecision: PanelDecision | null;
  panelNotes: string | null;
  moderationSampled: boolean;
  moderationOutcome: string | null;
}

/** An evidence item as the pages read it. */
export interface EvidenceItem {
  id: string;
  enrolmentId: string;
  kind: EvidenceKind;
  title: string;
  occurredOn: IsoDate;
  summary: string | null;
  observerName: string | null;
  standards: string[];
  learningRecordId: string | null;
  learningRecordTitle: string | null;
  storedFileId: string | null;
  filename: string | null;
  sizeBytes: number | null;
  addedByPersonId: string | null;
  addedByName: string | null;
  addedAs: "nqsw" | "assessor" | "coordinator";
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What is written for an evidence item (enrolment, who added it and dates aside). */
export interface EvidenceValues {
  kind: EvidenceKind;
  title: string;
  occurred_on: IsoDate;
  summary: string | null;
  observer_name: string | null;
  standards: string[];
  learning_record_id: string | null;
}

export async function portfolioState(db: TenantDb, enrolmentId: string): Promise<PortfolioState | undefined> {
  const row = await db
    .selectFrom("early_career_enrolments as e")
    .innerJoin("early_career_programme_versions as v", "v.id", "e.programme_version_id")
    .select([
      "e.id",
      "e.person_id",
      "e.status",
      "e.start_on",
      "v.standards",
      "v.min_evidence",
      "e.portfolio_submitted_on",
      "e.assessor_signed_off_on",
      "e.assessor_recommendation",
      "e.panel_on",
      "e.panel_decision",
      "e.panel_notes",
      "e.moderation_sampled",
      "e.moderation_outcome",
    ])
    .where("e.id", "=", enrolmentId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    enrolmentId: row.id,
    personId: row.person_id,
    status: row.status,
    startOn: row.start_on,
    standards: row.standards,
    minimum: row.min_evidence,
    submittedOn: row.portfolio_submitted_on,
    signedOffOn: row.assessor_signed_off_on,
    recommendation: row.assessor_recommendation,
    panelOn: row.panel_on,
    panelDecision: row.panel_decision,
    panelNotes: row.panel_notes,
    moderationSampled: row.moderation_sampled,
    moderationOutcome: row.moderation_outcome,
  };
}

function evidenceQuery(db: TenantDb) {
  return db
    .selectFrom("early_career_evidence as x")
    .leftJoin("stored_files as f", "f.id", "x.stored_file_id")
    .leftJoin("learning_records as r", "r.id", "x.learning_record_id")
    .leftJoin("people as p", "p.id", "x.added_by_person_id")
    .select([
      "x.id",
      "x.enrolment_id as enrolmentId",
      "x.kind",
      "x.title",
      "x.occurred_on as occurredOn",
      "x.summary",
      "x.observer_name as observerName",
      "x.standards",
      "x.learning_record_id as learningRecordId",
      "r.title as learningRecordTitle",
      "x.stored_file_id as storedFileId",
      "f.filename",
      "f.size_bytes as sizeBytes",
      "x.added_by_person_id as addedByPersonId",
      sql<string | null>`case when p.id is null then null
        else coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name end`.as("addedByName"),
      "x.added_as as addedAs",
      "x.created_by as createdBy",
      "x.created_at as createdAt",
      "x.updated_at as updatedAt",
    ]);
}

/** An enrolment's evidence, newest first. */
export async function evidenceOf(db: TenantDb, enrolmentId: string): Promise<EvidenceItem[]> {
  return evidenceQuery(db)
    .where("x.enrolment_id", "=", enrolmentId)
    .orderBy("x.occurred_on", "desc")
    .orderBy("x.created_at", "desc")
    .execute();
}

export async function findEvidence(
  db: TenantDb,
  enrolmentId: string,
  evidenceId: string,
): Promise<EvidenceItem | undefined> {
  return evidenceQuery(db)
    .where("x.enrolment_id", "=", enrolmentId)
    .where("x.id", "=", evidenceId)
    .executeTakeFirst();
}

export async function insertEvidence(
  db: TenantDb,
  enrolmentId: string,
  values: EvidenceValues,
  by: {
    addedAs: "nqsw" | "assessor" | "coordinator";
    personId: string | null;
    createdBy: string;
    storedFileId: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto("early_career_evidence")
    .values({
      ...values,
      enrolment_id: enrolmentId,
      stored_file_id: by.storedFileId,
      added_by_person_id: by.personId,
      added_as: by.addedAs,
      created_by: by.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEvidence(
  db: TenantDb,
  evidenceId: string,
  values: EvidenceValues & { stored_file_id?: string | null },
): Promise<void> {
  await db
    .updateTable("early_career_evidence")
    .set({ ...values, updated_at: sql<Date>`now()` })
    .where("id", "=", evidenceId)
    .execute();
}

export async function deleteEvidence(db: TenantDb, evidenceId: string): Promise<void> {
  await db.deleteFrom("early_career_evidence").where("id", "=", evidenceId).execute();
}

export async function deleteStoredFile(db: TenantDb, storedFileId: string): Promise<void> {
  await db.deleteFrom("stored_files").where("id", "=", storedFileId).execute();
}

/** A person's completed learning, newest first (to link training evidence to). */
export async function learningRecordsOf(db: TenantDb, personId: string) {
  return db
    .selectFrom("learning_records")
    .select(["id", "title", "completed_on as completedOn"])
    .where("person_id", "=", personId)
    .orderBy("completed_on", "desc")
    .orderBy("title")
    .limit(200)
    .execute();
}

export async function learningRecordOf(db: TenantDb, personId: string, recordId: string) {
  return db
    .selectFrom("learning_records")
    .select(["id", "title"])
    .where("person_id", "=", personId)
    .where("id", "=", recordId)
    .executeTakeFirst();
}

export async function setSubmitted(db: TenantDb, enrolmentId: string, on: IsoDate): Promise<void> {
  await db
    .updateTable("early_career_enrolments")
    .set({ portfolio_submitted_on: on, updated_at: sql<Date>`now()` })
    .where("id", "=", enrolmentId)
    .execute();
}

export async function setSignOff(
  db: TenantDb,
  enrolmentId: string,
  values: { on: IsoDate; recommendation: "pass" | "fail" },
): Promise<void> {
  await db
    .updateTable("early_career_enrolments")
    .set({
      assessor_signed_off_on: values.on,
      assessor_recommendation: values.recommendation,
      updated_at: sql<Date>`now()`,
    })
    .where("id", "=", enrolmentId)
    .execute();
}

export async function setPanel(
  db: TenantDb,
  enrolmentId: string,
  values: {
    on: IsoDate;
    decision: PanelDecision;
    notes: string | null;
    sampled: boolean;
    moderationOutcome: string | null;
  },
): Promise<void> {
  await db
    .updateTable("early_career_enrolments")
    .set({
      panel_on: values.on,
      panel_decision: values.decision,
      panel_notes: values.notes,
      moderation_sampled: values.sampled,
      moderation_outcome: values.moderationOutcome,
      updated_at: sql<Date>`now()`,
    })
    .where("id", "=", enrolmentId)
    .execute();
}

/** Completes the enrolment's milestones of a kind (not already completed) on a day. */
export async function completeMilestones(
  db: TenantDb,
  enrolmentId: string,
  kind: MilestoneKind,
  on: IsoDate,
): Promise<void> {
  await db
    .updateTable("early_career_milestones")
    .set({ completed_on: on })
    .where("enrolment_id", "=", enrolmentId)
    .where("kind", "=", kind)
    .where("completed_on", "is", null)
    .execute();
}

/** Opens the enrolment's milestones of a kind again (a panel deferred its decision). */
export async function reopenMilestones(
  db: TenantDb,
  enrolmentId: string,
  kind: MilestoneKind,
): Promise<void> {
  await db
    .updateTable("early_career_milestones")
    .set({ completed_on: null })
    .where("enrolment_id", "=", enrolmentId)
    .where("kind", "=", kind)
    .where("completed_on", "is not", null)
    .execute();
}

/**
 * Data protection: an anonymised person's evidence keeps its kind, date and standards (the
 * programme's figures) but loses its words and files.
 */
export async function anonymiseEvidence(db: TenantDb, personId: string): Promise<void> {
  const enrolments = db.selectFrom("early_career_enrolments").select("id").where("person_id", "=", personId);
  await db
    .deleteFrom("stored_files")
    .where("id", "in", (eb) =>
      eb
        .selectFrom("early_career_evidence")
        .select("stored_file_id")
        .where("enrolment_id", "in", enrolments)
        .where("stored_file_id", "is not", null),
    )
    .execute();
  await db
    .updateTable("early_career_evidence")
    .set({
      title: "Removed",
      summary: null,
      observer_name: null,
      stored_file_id: null,
      learning_record_id: null,
      updated_at: sql<Date>`now()`,
    })
    .where("enrolment_id", "in", enrolments)
    .execute();
  await db
    .updateTable("early_career_enrolments")
    .set({ panel_notes: null, moderation_outcome: null, updated_at: sql<Date>`now()` })
    .where("person_id", "=", personId)
    .where((eb) => eb.or([eb("panel_notes", "is not", null), eb("moderation_outcome", "is not", null)]))
    .execute();
}
