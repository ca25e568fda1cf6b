import { sql } from "kysely";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { ProgrammeContent } from "./definition.js";

/** A stored template version. */
export interface ProgrammeVersion extends ProgrammeContent {
  id: string;
  programmeId: string;
  version: number;
  createdBy: string;
  createdAt: Date;
}

export interface ProgrammeRow {
  id: string;
  code: string;
  name: string;
  retiredOn: string | null;
}

/** A programme in the list: its current version's number and shape, and its enrolments. */
export interface ProgrammeListItem extends ProgrammeRow {
  version: number;
  lengthMonths: number;
  maxMonths: number;
  milestones: number;
  standards: number;
  enrolments: number;
}

export interface VersionSummary {
  id: string;
  version: number;
  lengthMonths: number;
  createdBy: string;
  createdAt: Date;
  enrolments: number;
}

const versionColumns = [
  "v.id",
  "v.programme_id",
  "v.version",
  "v.length_months",
  "v.max_months",
  "v.milestones",
  "v.standards",
  "v.min_evidence",
  "v.supervision_rhythm",
  "v.protected_caseload_percent",
  "v.protected_caseload_children",
  "v.protected_time_percent",
  "v.core_course_ids",
  "v.created_by",
  "v.created_at",
] as const;

type VersionRecord = {
  id: string;
  programme_id: string;
  version: number;
  length_months: number;
  max_months: number;
  milestones: ProgrammeContent["milestones"];
  standards: ProgrammeContent["standards"];
  min_evidence: ProgrammeContent["minEvidence"];
  supervision_rhythm: ProgrammeContent["supervisionRhythm"];
  protected_caseload_percent: number | null;
  protected_caseload_children: number | null;
  protected_time_percent: number | null;
  core_course_ids: string[];
  created_by: string;
  created_at: Date;
};

const num = (v: number | string | null) => (v === null ? null : Number(v));

function toVersion(r: VersionRecord): ProgrammeVersion {
  return {
    id: r.id,
    programmeId: r.programme_id,
    version: r.version,
    lengthMonths: r.length_months,
    maxMonths: r.max_months,
    milestones: r.milestones,
    standards: r.standards,
    minEvidence: r.min_evidence,
    supervisionRhythm: r.supervision_rhythm,
    protectedCaseloadPercent: num(r.protected_caseload_percent),
    protectedCaseloadChildren: r.protected_caseload_children,
    protectedTimePercent: num(r.protected_time_percent),
    coreCourseIds: r.core_course_ids ?? [],
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export async function listProgrammes(db: TenantDb): Promise<ProgrammeListItem[]> {
  const rows = await db
    .selectFrom("early_career_programmes as p")
    .innerJoin("early_career_programme_versions as v", "v.programme_id", "p.id")
    .where(({ eb, selectFrom }) =>
      eb(
        "v.version",
        "=",
        selectFrom("early_career_programme_versions as w")
          .select(({ fn }) => fn.max("w.version").as("m"))
          .whereRef("w.programme_id", "=", "p.id"),
      ),
    )
    .select([
      "p.id",
      "p.code",
      "p.name",
      "p.retired_on",
      "v.version",
      "v.length_months",
      "v.max_months",
      sql<number>`jsonb_array_length(v.milestones)`.as("milestones"),
      sql<number>`jsonb_array_length(v.standards)`.as("standards"),
      (eb) =>
        eb
          .selectFrom("early_career_enrolments as e")
          .innerJoin("early_career_programme_versions as ev", "ev.id", "e.programme_version_id")
          .whereRef("ev.programme_id", "=", "p.id")
          .select(sql<number>`count(*)::int`.as("n"))
          .as("enrolments"),
    ])
    .orderBy("p.retired_on", (ob) => ob.nullsFirst())
    .orderBy("p.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    retiredOn: r.retired_on,
    version: r.version,
    lengthMonths: r.length_months,
    maxMonths: r.max_months,
    milestones: Number(r.milestones),
    standards: Number(r.standards),
    enrolments: Number(r.enrolments ?? 0),
  }));
}

export async function findProgramme(db: TenantDb, id: string): Promise<ProgrammeRow | undefined> {
  const r = await db
    .selectFrom("early_career_programmes")
    .select(["id", "code", "name", "retired_on"])
    .where("id", "=", id)
    .executeTakeFirst();
  return r && { id: r.id, code: r.code, name: r.name, retiredOn: r.retired_on };
}

export async function findProgrammeByCode(db: TenantDb, code: string) {
  return db.selectFrom("early_career_programmes").select("id").where("code", "=", code).executeTakeFirst();
}

export async function currentVersion(
  db: TenantDb,
  programmeId: string,
): Promise<ProgrammeVersion | undefined> {
  const r = await db
    .selectFrom("early_career_programme_versions as v")
    .select(versionColumns)
    .where("v.programme_id", "=", programmeId)
    .orderBy("v.version", "desc")
    .limit(1)
    .executeTakeFirst();
  return r && toVersion(r);
}

export async function findVersion(db: TenantDb, versionId: string): Promise<ProgrammeVersion | undefined> {
  const r = await db
    .selectFrom("early_career_programme_versions as v")
    .select(versionColumns)
    .where("v.id", "=", versionId)
    .executeTakeFirst();
  return r && toVersion(r);
}

export async function versionHistory(db: TenantDb, programmeId: string): Promise<VersionSummary[]> {
  const rows = await db
    .selectFrom("early_career_programme_versions as v")
    .select([
      "v.id",
      "v.version",
      "v.length_months",
      "v.created_by",
      "v.created_at",
      (eb) =>
        eb
          .selectFrom("early_career_enrolments as e")
          .whereRef("e.programme_version_id", "=", "v.id")
          .select(sql<number>`count(*)::int`.as("n"))
          .as("enrolments"),
    ])
    .where("v.programme_id", "=", programmeId)
    .orderBy("v.version", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    lengthMonths: r.length_months,
    createdBy: r.created_by,
    createdAt: r.created_at,
    enrolments: Number(r.enrolments ?? 0),
  }));
}

export async function insertProgramme(db: TenantDb, code: string, name: string): Promise<string> {
  const r = await db
    .insertInto("early_career_programmes")
    .values({ code, name })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function renameProgramme(db: TenantDb, id: string, name: string): Promise<void> {
  await db.updateTable("early_career_programmes").set({ name }).where("id", "=", id).execute();
}

/** Locks the programme row so two saves cannot both take the same version number. */
export async function lockProgramme(db: TenantDb, id: string): Promise<boolean> {
  const r = await db
    .selectFrom("early_career_programmes")
    .select("id")
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertVersion(
  db: TenantDb,
  programmeId: string,
  version: number,
  c: ProgrammeContent,
  createdBy: string,
): Promise<string> {
  const r = await db
    .insertInto("early_career_programme_versions")
    .values({
      programme_id: programmeId,
      version,
      length_months: c.lengthMonths,
      max_months: c.maxMonths,
      milestones: JSON.stringify(c.milestones),
      standards: JSON.stringify(c.standards),
      min_evidence: JSON.stringify(c.minEvidence),
      supervision_rhythm: JSON.stringify(c.supervisionRhythm),
      protected_caseload_percent: c.protectedCaseloadPercent,
      protected_caseload_children: c.protectedCaseloadChildren,
      protected_time_percent: c.protectedTimePercent,
      core_course_ids: c.coreCourseIds,
      created_by: createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}
