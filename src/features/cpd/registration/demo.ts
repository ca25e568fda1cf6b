import type { FastifyInstance } from "fastify";
import { type Insertable, sql } from "kysely";
import { addDays } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import "../../auth/schema.js";
import type { CpdRegisterChecksTable } from "./schema.js";

/**
 * Register checks for the demo council: the generated people already have registration numbers,
 * statuses and dates last checked. This records, as the monthly feed would have, a check for the
 * first 60 registered social workers (by registration number) on their date last checked; two
 * more, not linked to a demo account, were found suspended and removed by hand a week ago; so the register check and the team readiness have something
 * to show. Idempotent: a council with any register check is left alone. Returns checks added.
 */
export async function seedDemoRegistration(app: FastifyInstance): Promise<number> {
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  const today = app.cpdRegistration.today();
  let added = 0;
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    added += await app.platform.data.run(ctx, async (db) => {
      const any = await db.selectFrom("cpd_register_checks").select("id").limit(1).executeTakeFirst();
      if (any) return 0;
      const people = await db
        .selectFrom("people")
        .select([
          "people.id",
          "people.swe_number",
          "people.swe_status",
          sql<string | null>`people.swe_last_checked_on::text`.as("checked"),
        ])
        .where("people.kind", "=", "staff")
        .where("people.anonymised_on", "is", null)
        .where("people.swe_number", "is not", null)
        .where("people.swe_status", "in", ["registered", "registered_with_conditions"])
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom("users").select("users.id").whereRef("users.person_id", "=", "people.id"),
            ),
          ),
        )
        .orderBy(sql`length(people.swe_number)`)
        .orderBy("people.swe_number")
        .limit(62)
        .execute();
      if (people.length === 0) return 0;
      const checks: Insertable<CpdRegisterChecksTable>[] = people
        .slice(0, Math.max(0, people.length - 2))
        .map((p) => ({
          person_id: p.id,
          checked_on: p.checked ?? addDays(today, -30),
          status: p.swe_status ?? "registered",
          swe_number: p.swe_number,
          source: "feed",
          recorded_by: "system:demo",
          note: null,
        }));
      const lapsed = [
        {
          person: people[checks.length],
          status: "suspended" as const,
          note: "Interim suspension order seen on the register",
        },
        {
          person: people[checks.length + 1],
          status: "removed" as const,
          note: "Removed from the register: did not renew",
        },
      ];
      for (const l of lapsed) {
        if (!l.person) continue;
        checks.push({
          person_id: l.person.id,
          checked_on: addDays(today, -7),
          status: l.status,
          swe_number: l.person.swe_number,
          source: "manual",
          recorded_by: "system:demo",
          note: l.note,
        });
        await db
          .updateTable("people")
          .set({ swe_status: l.status, swe_last_checked_on: addDays(today, -7) })
          .where("id", "=", l.person.id)
          .execute();
      }
      await db
        .insertInto("cpd_register_checks")
        .values(checks)
        .onConflict((oc) => oc.doNothing())
        .execute();
      return checks.length;
    });
  }
  return added;
}
