import type { TestApp } from "../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../test/support/people-fixture.js";
import type { TenantContext } from "../../platform/tenancy/data-access.js";

/**
 * The people fixture (see test/support/people-fixture.ts) made ready for caseloads:
 *
 *   Alice Adams  Assessment (T1), social worker 1.0, career level NQSW, E001, SW1001
 *   Bob Brown    Assessment (T1) social worker 0.5 AND Family Support (T2) family support worker 0.5
 *   Dan Davis    Assessment (T1), social worker, agency 1.0
 *   Eve Evans    Family Support (T2), family support worker 0.8, E005, HR id HR-0005
 *   Mo Manager   line manager of Alice, Bob and Dan (mo.manager@example.org, E900), in T1 (no cases)
 *
 * Targets from 2024-01-01: council-wide team average 16; NQSW cap 90% of the team's target (14).
 */
export interface CaseloadFixture extends PeopleFixture {
  ctx: TenantContext;
}

export async function seedCaseloadFixture(
  t: TestApp,
  options: { targets?: boolean } = {},
): Promise<CaseloadFixture> {
  const f = await seedPeopleFixture(t.app, t.tenantId);
  const { ctx, id } = f;
  id.mo = await t.app.people.createPerson(ctx, {
    given_name: "Mo",
    family_name: "Manager",
    email: "mo.manager@example.org",
    employee_number: "E900",
    started_on: "2023-01-01",
  });
  await t.app.platform.data.run(ctx, async (db) => {
    await t.app.people.addAssignment(db, id.mo as string, {
      org_unit_id: id.T1 as string,
      job_role_id: id.SSW as string,
      post_id: null,
      contract_type: "permanent",
      fte: 1,
      valid_from: "2023-01-01",
    });
    await db
      .insertInto("career_levels")
      .values([
        { code: "nqsw", name: "NQSW", sort_order: 1 },
        { code: "sw", name: "Social worker", sort_order: 2 },
      ])
      .execute();
    await db
      .updateTable("assignments")
      .set({ line_manager_person_id: id.mo as string })
      .where("person_id", "in", [id.alice as string, id.bob as string, id.dan as string])
      .execute();
    await db
      .updateTable("assignments")
      .set({ career_level: "nqsw" })
      .where("person_id", "=", id.alice as string)
      .execute();
    if (options.targets === false) return;
    await db
      .insertInto("caseload_targets")
      .values([
        { kind: "team_average", children: 16, valid_from: "2024-01-01", created_by: "system:fixture" },
        {
          kind: "individual_cap",
          career_level: "nqsw",
          percent_of_team: 90,
          valid_from: "2024-01-01",
          created_by: "system:fixture",
        },
      ])
      .execute();
  });
  return f;
}

/** The HR analyst (caseloads.manage, whole council). */
export const hrRoles = [{ role: "hr_workforce_analyst", unitId: null }];
