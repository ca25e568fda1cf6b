import type { FastifyInstance } from "fastify";
import { addDays, dateInLondon } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";

/** The demo's social work students: [given, family, days before today the placement started]. */
const STUDENTS = [
  ["Amara", "Okafor", 430],
  ["Ben", "Whitfield", 330],
  ["Chloe", "Marsh", 270],
  ["Dev", "Raman", 200],
  ["Erin", "Doyle", 150],
  ["Farah", "Siddiqui", 90],
  ["Gus", "Lindqvist", 40],
] as const;

/** A placement's length in days (about 100 working days). */
const PLACEMENT_DAYS = 140;

/**
 * Social work students on placement in the demo council's teams ("grow your own"): seven
 * placements of 140 days, six of them starting in the last 12 months, each a person with a
 * student contract assignment under a "Social work student" job role (not social work qualified,
 * so no census record or caseload), in the first teams by name, supervised by the team's manager.
 * Does nothing for a council that already has a student contract.
 */
export async function seedDemoStudents(app: FastifyInstance): Promise<void> {
  const today = dateInLondon(app.platform.clock.now());
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    await app.platform.data.run(ctx, async (db) => {
      const any = await db
        .selectFrom("assignments")
        .select("id")
        .where("contract_type", "=", "student")
        .limit(1)
        .executeTakeFirst();
      if (any) return;
      const teams = await db
        .selectFrom("org_unit_versions")
        .select(["org_unit_id", "manager_person_id"])
        .where("unit_type", "=", "team")
        .where("valid_from", "<=", addDays(today, -STUDENTS[0][2]))
        .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", today)]))
        .orderBy("name")
        .limit(STUDENTS.length)
        .execute();
      if (teams.length === 0) return;
      const role =
        (await db.selectFrom("job_roles").select("id").where("code", "=", "SWS").executeTakeFirst()) ??
        (await db
          .insertInto("job_roles")
          .values({
            code: "SWS",
            name: "Social work student",
            social_work_qualified: false,
            case_holder: false,
          })
          .returning("id")
          .executeTakeFirstOrThrow());
      for (const [i, [given, family, daysAgo]] of STUDENTS.entries()) {
        const team = teams[i % teams.length];
        if (!team) continue;
        const startsOn = addDays(today, -daysAgo);
        const endsOn = addDays(startsOn, PLACEMENT_DAYS - 1);
        const person = await db
          .insertInto("people")
          .values({
            given_name: given,
            family_name: family,
            email: `${given}.${family}@students.demo.test`.toLowerCase(),
            employee_number: `STU${String(i + 1).padStart(3, "0")}`,
            started_on: startsOn,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await db
          .insertInto("assignments")
          .values({
            person_id: person.id,
            org_unit_id: team.org_unit_id,
            job_role_id: role.id,
            contract_type: "student",
            fte: 1,
            line_manager_person_id: team.manager_person_id,
            valid_from: startsOn,
            valid_to: endsOn,
          })
          .execute();
      }
    });
  }
}
