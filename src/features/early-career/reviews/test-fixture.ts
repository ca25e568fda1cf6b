import type { FastifyInstance } from "fastify";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import type { MilestoneTemplate } from "../schema.js";
import { insertCohort, insertEnrolment, insertProgramme } from "../test-fixture.js";

/** The one-year ASYE's milestones, as the tests' programme template. */
export const asyeMilestones: MilestoneTemplate[] = [
  { code: "agreement", name: "Support and assessment agreement", kind: "agreement", at: { weeks: 4 } },
  { code: "review-3", name: "3-month review", kind: "review", at: { months: 3 } },
  { code: "review-6", name: "6-month review", kind: "review", at: { months: 6 } },
  { code: "review-9", name: "9-month review", kind: "review", at: { months: 9 }, optional: true },
  { code: "final", name: "Final review", kind: "final_review", at: { months: 12 } },
  { code: "portfolio", name: "Portfolio submission", kind: "portfolio", at: { months: 11 } },
  { code: "panel", name: "Internal moderation panel", kind: "panel", at: { months: 12 } },
];

/** Due dates of a full-time enrolment starting 7 September 2026, by milestone code. */
const dueFrom7September: Record<string, string> = {
  agreement: "2026-10-05",
  "review-3": "2026-12-07",
  "review-6": "2027-03-07",
  "review-9": "2027-06-07",
  final: "2027-09-07",
  portfolio: "2027-08-07",
  panel: "2027-09-07",
};

/**
 * A programme (one version), returning its version id; made directly (rows only), so these tests
 * do not depend on the programmes area.
 */
export async function addProgramme(app: FastifyInstance, ctx: TenantContext, code = "ASYE") {
  return app.platform.data.run(ctx, (db) =>
    insertProgramme(
      db,
      { code, name: "Assessed and Supported Year in Employment" },
      {
        version: 1,
        length_months: 12,
        max_months: 24,
        milestones: asyeMilestones,
        standards: [{ framework: "PCF-ASYE", code: "PCF-1", title: "Professionalism" }],
        min_evidence: { observation: 3, reflection: 1 },
        supervision_rhythm: [{ until: null, every: { weeks: 4 } }],
        protected_caseload_percent: 90,
        protected_time_percent: 10,
        created_by: "system:fixture",
      },
    ),
  );
}

export async function addCohort(
  app: FastifyInstance,
  ctx: TenantContext,
  programmeId: string,
  name: string,
  coordinatorPersonId: string | null = null,
) {
  return app.platform.data.run(ctx, (db) =>
    insertCohort(db, {
      programme_id: programmeId,
      name,
      intake_on: "2026-09-07",
      coordinator_person_id: coordinatorPersonId,
    }),
  );
}

/**
 * A full-time enrolment starting 7 September 2026 (planned end 7 September 2027) with the ASYE's
 * milestones; returns its id and its milestones' ids by code.
 */
export async function addEnrolment(
  app: FastifyInstance,
  ctx: TenantContext,
  e: {
    cohortId: string;
    versionId: string;
    personId: string;
    assessorPersonId?: string | null;
    lineManagerPersonId?: string | null;
  },
) {
  return app.platform.data.run(ctx, async (db) => {
    const enrolment = await insertEnrolment(
      db,
      {
        cohort_id: e.cohortId,
        person_id: e.personId,
        programme_version_id: e.versionId,
        route: "university",
        registered_on: "2026-08-01",
        start_on: "2026-09-07",
        fte: 1,
        assessor_person_id: e.assessorPersonId ?? null,
        line_manager_person_id: e.lineManagerPersonId ?? null,
        end_on: "2027-09-07",
      },
      asyeMilestones.map((m, sequence) => ({
        code: m.code,
        name: m.name,
        kind: m.kind,
        sequence: sequence + 1,
        optional: m.optional ?? false,
        due_on: dueFrom7September[m.code] ?? "2027-09-07",
      })),
    );
    const milestones: Record<string, string> = {};
    for (const [i, m] of asyeMilestones.entries()) milestones[m.code] = enrolment.milestoneIds[i] as string;
    return { id: enrolment.id, milestones };
  });
}

/** The council's career levels, lowest first ("nqsw", "sw", "esw"). */
export async function addCareerLevels(app: FastifyInstance, ctx: TenantContext) {
  await app.platform.data.run(ctx, async (db) => {
    await db
      .insertInto("career_levels")
      .values([
        { code: "nqsw", name: "NQSW (ASYE)", sort_order: 1 },
        { code: "sw", name: "Social Worker", sort_order: 2 },
        { code: "esw", name: "Experienced Social Worker", sort_order: 3 },
      ])
      .execute();
  });
}

/** An account holding a role (for the co-ordinators the overdue flags go to). */
export async function addUser(app: FastifyInstance, ctx: TenantContext, email: string, role: string) {
  await app.platform.data.run(ctx, async (db) => {
    const user = await db
      .insertInto("users")
      .values({ email, display_name: email })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("user_roles").values({ user_id: user.id, role, unit_id: null }).execute();
  });
}
