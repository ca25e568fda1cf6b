import type { Insertable } from "kysely";
import type { TenantDb } from "../../platform/tenancy/data-access.js";
import type {
  EarlyCareerCohortsTable,
  EarlyCareerEnrolmentsTable,
  EarlyCareerMilestonesTable,
  EarlyCareerProgrammesTable,
  EarlyCareerProgrammeVersionsTable,
  MilestoneTemplate,
  MinimumEvidence,
  ProgrammeStandard,
  SupervisionStage,
} from "./schema.js";

/**
 * Rows for the early-career areas' tests, inserted directly (the areas' own rules aside): a
 * programme with a version, a cohort, an enrolment with its milestones. Each area's fixture
 * keeps its own data; these only write it.
 */

/** A programme version's columns, the JSON ones as values (written as JSON here). */
export type VersionSeed = Omit<
  Insertable<EarlyCareerProgrammeVersionsTable>,
  "programme_id" | "milestones" | "standards" | "min_evidence" | "supervision_rhythm"
> & {
  milestones: MilestoneTemplate[];
  standards: ProgrammeStandard[];
  min_evidence: MinimumEvidence;
  supervision_rhythm: SupervisionStage[];
};

export type MilestoneSeed = Omit<Insertable<EarlyCareerMilestonesTable>, "enrolment_id">;

export async function insertVersion(db: TenantDb, programmeId: string, v: VersionSeed): Promise<string> {
  const row = await db
    .insertInto("early_career_programme_versions")
    .values({
      ...v,
      programme_id: programmeId,
      milestones: JSON.stringify(v.milestones),
      standards: JSON.stringify(v.standards),
      min_evidence: JSON.stringify(v.min_evidence),
      supervision_rhythm: JSON.stringify(v.supervision_rhythm),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A programme with one version. */
export async function insertProgramme(
  db: TenantDb,
  programme: Insertable<EarlyCareerProgrammesTable>,
  version: VersionSeed,
): Promise<{ programmeId: string; versionId: string }> {
  const row = await db
    .insertInto("early_career_programmes")
    .values(programme)
    .returning("id")
    .executeTakeFirstOrThrow();
  return { programmeId: row.id, versionId: await insertVersion(db, row.id, version) };
}

export async function insertCohort(
  db: TenantDb,
  cohort: Insertable<EarlyCareerCohortsTable>,
): Promise<string> {
  const row = await db
    .insertInto("early_career_cohorts")
    .values(cohort)
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An enrolment and its milestones (in the order given); the enrolment's id and the milestones' ids. */
export async function insertEnrolment(
  db: TenantDb,
  enrolment: Insertable<EarlyCareerEnrolmentsTable>,
  milestones: MilestoneSeed[] = [],
): Promise<{ id: string; milestoneIds: string[] }> {
  const row = await db
    .insertInto("early_career_enrolments")
    .values(enrolment)
    .returning("id")
    .executeTakeFirstOrThrow();
  const milestoneIds: string[] = [];
  for (const m of milestones) {
    const milestone = await db
      .insertInto("early_career_milestones")
      .values({ ...m, enrolment_id: row.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    milestoneIds.push(milestone.id);
  }
  return { id: row.id, milestoneIds };
}
