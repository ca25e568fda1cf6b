import type { FastifyInstance } from "fastify";
import type { TenantContext } from "../../../src/platform/tenancy/data-access.js";

/** A fixture id by key, or an error naming the key when it is missing. */
export function mustId(id: Record<string, string>): (key: string) => string {
  return (key) => {
    const value = id[key];
    if (!value) throw new Error(`no ${key}`);
    return value;
  };
}

/** A member of the team: fixture key, given and family names, employee number, career level. */
export type TeamMember = readonly [
  key: string,
  given: string,
  family: string,
  employeeNumber: string,
  careerLevel?: string,
];

/**
 * A team (T3) in Safeguarding (S1, from test/support/people-fixture.ts) with its manager Maya
 * Mensah (E020, a senior social worker placed in the service, so the team is her reports) and
 * its members: registered social workers line managed by Maya, all from 1 January 2023, each
 * emailed as given.family@example.org. The new ids go into `id` (T3, maya and each member's key).
 */
export async function seedManagedTeam(
  app: FastifyInstance,
  ctx: TenantContext,
  id: Record<string, string>,
  team: { name: string; members: readonly TeamMember[] },
): Promise<void> {
  const { people } = app;
  const must = mustId(id);
  await app.platform.data.run(ctx, async (db) => {
    id.T3 = await people.createUnitIn(db, {
      code: "T3",
      name: team.name,
      unit_type: "team",
      parent_id: must("S1"),
      valid_from: "2023-01-01",
    });
  });
  id.maya = await people.createPerson(
    ctx,
    {
      given_name: "Maya",
      family_name: "Mensah",
      email: "maya.mensah@example.org",
      employee_number: "E020",
      started_on: "2023-01-01",
    },
    {
      org_unit_id: must("S1"),
      job_role_id: must("SSW"),
      contract_type: "permanent",
      fte: 1,
      valid_from: "2023-01-01",
    },
  );
  for (const [key, given, family, employeeNumber, level] of team.members) {
    id[key] = await people.createPerson(
      ctx,
      {
        given_name: given,
        family_name: family,
        email: `${given.toLowerCase()}.${family.toLowerCase()}@example.org`,
        employee_number: employeeNumber,
        swe_status: "registered",
        started_on: "2023-01-01",
      },
      {
        org_unit_id: must("T3"),
        job_role_id: must("SW"),
        ...(level ? { career_level: level } : {}),
        contract_type: "permanent",
        fte: 1,
        line_manager_person_id: must("maya"),
        valid_from: "2023-01-01",
      },
    );
  }
}
