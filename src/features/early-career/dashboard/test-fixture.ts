import type { TestApp } from "../../../../test/support/app.js";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { EvidenceKind, Judgement, MilestoneKind, ProgrammeStandard } from "../schema.js";
import { insertCohort, insertEnrolment, insertProgramme } from "../test-fixture.js";

/**
 * Enrolment rows for the dashboard's tests, inserted directly (the other areas' services are
 * built alongside): a programme with one version, cohorts, enrolments with their milestones,
 * reviews and evidence.
 */
export const fixtureCtx = (t: TestApp): TenantContext => ({
  tenantId: t.tenantId,
  actor: { id: "system:fixture" },
});

const run = <T>(t: TestApp, work: (db: TenantDb) => Promise<T>) =>
  t.app.platform.data.run(fixtureCtx(t), work);

export const fourStandards: ProgrammeStandard[] = [1, 2, 3, 4].map((n) => ({
  framework: "PCF-ASYE",
  code: `PCF-${n}`,
  title: `Domain ${n}`,
}));

export async function addProgramme(
  t: TestApp,
  options: {
    code?: string;
    caseloadPercent?: number | null;
    caseloadChildren?: number | null;
    timePercent?: number | null;
  } = {},
): Promise<{ programmeId: string; versionId: string }> {
  return run(t, (db) =>
    insertProgramme(
      db,
      { code: options.code ?? "ASYE", name: "Assessed and Supported Year in Employment" },
      {
        version: 1,
        length_months: 12,
        milestones: [],
        standards: fourStandards,
        min_evidence: { observation: 3 },
        supervision_rhythm: [],
        protected_caseload_percent: options.caseloadPercent === undefined ? 90 : options.caseloadPercent,
        protected_caseload_children: options.caseloadChildren ?? null,
        protected_time_percent: options.timePercent === undefined ? 10 : options.timePercent,
        created_by: "system:fixture",
      },
    ),
  );
}

export async function addCohort(
  t: TestApp,
  programmeId: string,
  name: string,
  intakeOn: IsoDate,
): Promise<string> {
  return run(t, (db) => insertCohort(db, { programme_id: programmeId, name, intake_on: intakeOn }));
}

export interface MilestoneSeed {
  name: string;
  kind?: MilestoneKind;
  dueOn: IsoDate;
  optional?: boolean;
  completedOn?: IsoDate | null;
  review?: { heldOn: IsoDate; judgement: Judgement };
}

export interface EnrolmentSeed {
  cohortId: string;
  versionId: string;
  personId: string;
  startOn: IsoDate;
  endOn: IsoDate;
  orgUnitId?: string | null;
  assessorPersonId?: string | null;
  lineManagerPersonId?: string | null;
  status?: "active" | "passed" | "failed" | "withdrawn";
  outcomeOn?: IsoDate | null;
  milestones?: MilestoneSeed[];
  evidence?: Array<{ kind: EvidenceKind; standards: string[] }>;
}

export async function addEnrolment(t: TestApp, e: EnrolmentSeed): Promise<string> {
  return run(t, async (db) => {
    const milestones = e.milestones ?? [];
    const row = await insertEnrolment(
      db,
      {
        cohort_id: e.cohortId,
        person_id: e.personId,
        programme_version_id: e.versionId,
        route: "university",
        start_on: e.startOn,
        end_on: e.endOn,
        org_unit_id: e.orgUnitId ?? null,
        assessor_person_id: e.assessorPersonId ?? null,
        line_manager_person_id: e.lineManagerPersonId ?? null,
        status: e.status ?? "active",
        outcome_on: e.outcomeOn ?? null,
      },
      milestones.map((m, i) => ({
        code: `M${i + 1}`,
        name: m.name,
        kind: m.kind ?? "review",
        sequence: i + 1,
        optional: m.optional ?? false,
        due_on: m.dueOn,
        completed_on: m.completedOn ?? null,
      })),
    );
    for (const [i, m] of milestones.entries()) {
      if (m.review) {
        await db
          .insertInto("early_career_reviews")
          .values({
            milestone_id: row.milestoneIds[i] as string,
            enrolment_id: row.id,
            held_on: m.review.heldOn,
            judgement: m.review.judgement,
            recorded_by: "system:fixture",
          })
          .execute();
      }
    }
    for (const [i, item] of (e.evidence ?? []).entries()) {
      await db
        .insertInto("early_career_evidence")
        .values({
          enrolment_id: row.id,
          kind: item.kind,
          title: `Evidence ${i + 1}`,
          occurred_on: e.startOn,
          standards: item.standards,
          added_as: "nqsw",
          created_by: "system:fixture",
        })
        .execute();
    }
    return row.id;
  });
}
