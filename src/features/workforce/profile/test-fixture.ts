import type { TestApp } from "../../../../test/support/app.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";

/**
 * The people fixture (five fillers in Early Help) with what the profile counts (23 November 2026):
 *
 *   Fay Fresh   Assessment, social worker, permanent 1.0 in post P3, from 1 June 2026 (started then)
 *   Career levels: Alice "experienced", Fay "nqsw"; nobody else has one.
 *   Equality: Eve (1985, female, WBRI, the fixture's own), the fillers (1990, female, WBRI),
 *             Alice and Bob (male, WBRI, no date of birth); Dan and Fay nothing recorded.
 *
 *   Employed on the date: Alice 1, Bob 0.5 + 0.5, Eve 0.8, Fay 1, fillers 5 x 1 = 9 people, 8.8 FTE.
 *   Agency: Dan 1.0 in P2. Posts P1, P2, P3 (1.0 each): vacancy 1 (P2), covered 1.
 */
export async function seedProfileFixture(
  t: TestApp,
): Promise<{ ctx: TenantContext; id: Record<string, string> }> {
  const { ctx, id } = await seedPeopleFixture(t.app, t.tenantId, { fillers: 5 });
  id.fay = await t.app.people.createPerson(ctx, {
    given_name: "Fay",
    family_name: "Fresh",
    started_on: "2026-06-01",
  });
  await t.app.platform.data.run(ctx, async (db) => {
    await t.app.people.addAssignment(db, id.fay as string, {
      org_unit_id: id.T1 as string,
      job_role_id: id.SW as string,
      post_id: id.P3 as string,
      contract_type: "permanent",
      career_level: "nqsw",
      fte: 1,
      valid_from: "2026-06-01",
    });
    await db
      .insertInto("career_levels")
      .values([
        { code: "nqsw", name: "Newly qualified", sort_order: 10 },
        { code: "experienced", name: "Experienced social worker", sort_order: 20 },
      ])
      .execute();
    await db
      .updateTable("assignments")
      .set({ career_level: "experienced" })
      .where("person_id", "=", id.alice as string)
      .execute();
    const fillers = [1, 2, 3, 4, 5].map((n) => id[`filler${n}`] as string);
    await db
      .insertInto("person_equality")
      .values([
        ...fillers.map((person_id) => ({
          person_id,
          date_of_birth: "1990-01-01",
          gender: "2" as const,
          ethnicity: "WBRI",
        })),
        { person_id: id.alice as string, gender: "1" as const, ethnicity: "WBRI" },
        { person_id: id.bob as string, gender: "1" as const, ethnicity: "WBRI" },
      ])
      .execute();
  });
  return { ctx, id };
}
