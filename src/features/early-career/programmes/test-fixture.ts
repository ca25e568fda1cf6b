import type { FastifyInstance } from "fastify";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { insertCohort, insertEnrolment as insertEnrolmentRows } from "../test-fixture.js";

/**
 * An enrolment written straight into the tables (the enrolments area makes them through its own
 * service): a cohort on the programme if there is none, and the enrolment on the given version.
 */
export async function insertEnrolment(
  app: FastifyInstance,
  ctx: TenantContext,
  input: {
    programmeId: string;
    versionId: string;
    personId: string;
    startOn?: string;
    status?: "active" | "passed" | "failed" | "withdrawn";
    outcomeOn?: string | null;
  },
): Promise<string> {
  return app.platform.data.run(ctx, async (db) => {
    const startOn = input.startOn ?? "2025-09-01";
    const cohortName = `Cohort ${input.programmeId.slice(0, 8)} ${startOn}`;
    const cohortId =
      (
        await db
          .selectFrom("early_career_cohorts")
          .select("id")
          .where("name", "=", cohortName)
          .executeTakeFirst()
      )?.id ??
      (await insertCohort(db, { programme_id: input.programmeId, name: cohortName, intake_on: startOn }));
    const status = input.status ?? "active";
    const done = status === "passed" || status === "failed";
    const e = await insertEnrolmentRows(db, {
      cohort_id: cohortId,
      person_id: input.personId,
      programme_version_id: input.versionId,
      route: "university",
      start_on: startOn,
      end_on: `${Number(startOn.slice(0, 4)) + 1}${startOn.slice(4)}`,
      status,
      outcome_on: done ? (input.outcomeOn ?? "2026-09-01") : null,
      outcome_recorded_by: done ? "system:test" : null,
    });
    return e.id;
  });
}
