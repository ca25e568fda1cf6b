import type { FastifyInstance } from "fastify";
import type { PeopleFixture } from "../../../test/support/people-fixture.js";
import type { TenantContext } from "../../platform/tenancy/data-access.js";

/** Small Kysely and service inserts the appraisal tests build on. */

export const cycle2026 = {
  name: "2026 to 2027",
  starts_on: "2026-04-01",
  ends_on: "2027-03-31",
  objectives_due_on: "2026-06-30",
  mid_year_due_on: "2026-10-31",
  completion_due_on: "2027-03-31",
};

export async function addCycle(
  app: FastifyInstance,
  ctx: TenantContext,
  values: Partial<typeof cycle2026> = {},
): Promise<string> {
  const row = await app.platform.data.run(ctx, (db) =>
    db
      .insertInto("appraisal_cycles")
      .values({ ...cycle2026, ...values, created_by: "system:fixture" })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

/** A person in post (social worker, permanent, full time) from 2024, with a line manager. */
export async function addPerson(
  app: FastifyInstance,
  f: PeopleFixture,
  key: string,
  name: [string, string],
  unit: string,
  manager: string | null,
): Promise<string> {
  const personId = await app.people.createPerson(f.ctx, { given_name: name[0], family_name: name[1] });
  await app.platform.data.run(f.ctx, (db) =>
    app.people.addAssignment(db, personId, {
      org_unit_id: f.id[unit] as string,
      job_role_id: f.id.SW as string,
      contract_type: "permanent",
      fte: 1,
      line_manager_person_id: manager ? (f.id[manager] as string) : null,
      valid_from: "2024-01-01",
    }),
  );
  f.id[key] = personId;
  return personId;
}

/** An appraisal as far as the stages given. */
export async function addAppraisal(
  app: FastifyInstance,
  ctx: TenantContext,
  a: {
    cycleId: string;
    personId: string;
    appraiserPersonId?: string | null;
    objectivesAgreedOn?: string | null;
    midYearOn?: string | null;
    completedOn?: string | null;
  },
): Promise<string> {
  const row = await app.platform.data.run(ctx, (db) =>
    db
      .insertInto("appraisals")
      .values({
        cycle_id: a.cycleId,
        person_id: a.personId,
        appraiser_person_id: a.appraiserPersonId ?? null,
        objectives_agreed_on: a.objectivesAgreedOn ?? null,
        mid_year_on: a.midYearOn ?? null,
        completed_on: a.completedOn ?? null,
        created_by: "system:fixture",
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}
