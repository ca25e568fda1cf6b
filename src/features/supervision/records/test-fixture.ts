import {
  type AccessFixture,
  addPracticeRecords,
  seedAccessFixture,
} from "../../../../test/support/access-fixture.js";
import type { TestApp } from "../../../../test/support/app.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";

/**
 * The access fixture with its practice records: Pat (the practitioner role's person) has a held
 * supervision of 2 November 2026 with Lina (the line manager role's person) as supervisor and a
 * reflective note; Olive (another directorate) has one with no supervisor. Pat and Lina get
 * email addresses (the confirmation email), and everyone an employee number (the import).
 */
export interface RecordsFixture {
  f: AccessFixture;
  ctx: TenantContext;
  pat: string;
  lina: string;
  sam: string;
  olive: string;
  /** Pat's supervision (Lina supervising, with a note) and Olive's. */
  patSupervision: string;
  oliveSupervision: string;
  otherSupervision: string;
  /** A signed-in session for a role of the access fixture (as its person). */
  as(role: string): Promise<string>;
}

export const NOTE_TEXT = "How the last visit left me feeling";

export async function seedRecordsFixture(t: TestApp): Promise<RecordsFixture> {
  const f = await seedAccessFixture(t);
  const practice = await addPracticeRecords(t, f);
  const ctx: TenantContext = { tenantId: t.tenantId, actor: { id: "system:fixture" } };
  const system = t.app.platform.data.system;
  const idOf = async (given: string) =>
    (await system.selectFrom("people").select("id").where("given_name", "=", given).executeTakeFirstOrThrow())
      .id;
  const [pat, lina, sam, olive] = [
    await idOf("Pat"),
    await idOf("Lina"),
    await idOf("Sam"),
    await idOf("Olive"),
  ];
  await t.app.platform.data.run(ctx, async (db) => {
    await db
      .updateTable("people")
      .set({ email: "pat@council.example", employee_number: "E-PAT" })
      .where("id", "=", pat)
      .execute();
    await db
      .updateTable("people")
      .set({ email: "lina@council.example", employee_number: "E-LINA" })
      .where("id", "=", lina)
      .execute();
    await db.updateTable("people").set({ employee_number: "E-OLIVE" }).where("id", "=", olive).execute();
  });
  return {
    f,
    ctx,
    pat,
    lina,
    sam,
    olive,
    patSupervision: practice.council.supervision,
    oliveSupervision: practice.outOfScope.supervision,
    otherSupervision: practice.other.supervision,
    as: (role: string) => {
      const r = f.roles[role];
      if (!r) throw new Error(`No role ${role}`);
      return t.signIn({ roles: r.grants, personId: r.personId, displayName: role });
    },
  };
}
