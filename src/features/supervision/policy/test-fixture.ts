import {
  type AccessFixture,
  addPracticeRecords,
  seedAccessFixture,
} from "../../../../test/support/access-fixture.js";
import type { TestApp } from "../../../../test/support/app.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";

/**
 * The access fixture with its supervision records (Pat supervised by Lina; Olive out of scope;
 * a default rule of every 4 weeks from 1 January 2024) and the demo's career levels.
 */
export async function seedPolicyFixture(t: TestApp) {
  const access: AccessFixture = await seedAccessFixture(t);
  const practice = await addPracticeRecords(t, access);
  const ctx: TenantContext = { tenantId: t.tenantId, actor: { id: "system:fixture" } };
  await t.app.platform.data.run(ctx, async (db) => {
    await db
      .insertInto("career_levels")
      .values([
        { code: "nqsw", name: "NQSW (ASYE)", sort_order: 1 },
        { code: "sw", name: "Social Worker", sort_order: 2 },
        { code: "senior", name: "Senior Practitioner", sort_order: 3 },
      ])
      .execute();
  });
  const person = (key: "practitioner" | "line_manager" | "service_manager" | "quality_assurance_lead") =>
    access.roles[key]?.personId as string;
  const signInAs = (role: string) => {
    const r = access.roles[role];
    if (!r) throw new Error(`no role ${role}`);
    return t.signIn({ roles: r.grants, personId: r.personId });
  };
  const run = <T>(work: (db: TenantDb) => Promise<T>) => t.app.platform.data.run(ctx, work);
  const jobRole = async (code: string) =>
    (
      await run((db) =>
        db.selectFrom("job_roles").select("id").where("code", "=", code).executeTakeFirstOrThrow(),
      )
    ).id;
  return {
    access,
    practice,
    ctx,
    run,
    signInAs,
    jobRole,
    pat: person("practitioner"),
    lina: person("line_manager"),
    sam: person("service_manager"),
  };
}
