import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import { ensurePublishedIndicators } from "./indicators.js";

/** The demo council is made up, so it is not in the DfE's files: East of England, LEA number 999. */
export const DEMO_REGION = "E12000006";
export const DEMO_LEA_NUMBER = "999";
/** Three real authorities of the East of England to compare it with: Essex, Hertfordshire, Suffolk. */
export const DEMO_COMPARATORS = ["E10000012", "E10000015", "E10000029"];

/**
 * The DfE's published indicators for every council that has none, and, for each demo council
 * (one with people in post), its settings if it has none: East of England, LEA number 999 and
 * three comparators. The census seed may have made the settings row first: then only its empty
 * comparators (and missing region) are filled. Idempotent; needs the people seed before it.
 */
export async function seedDemoBenchmarking(app: FastifyInstance): Promise<void> {
  await seedBenchmarkingWith(app.platform.data);
}

/** seedDemoBenchmarking on a DataAccess (the tests use it without the whole app). */
export async function seedBenchmarkingWith(data: DataAccess): Promise<void> {
  const tenants = await data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    await ensurePublishedIndicators(data, ctx);
    await data.run(ctx, async (db) => {
      if (!(await db.selectFrom("assignments").select("id").limit(1).executeTakeFirst())) return;
      await db
        .insertInto("workforce_settings")
        .values({
          lea_number: DEMO_LEA_NUMBER,
          region_code: DEMO_REGION,
          comparator_codes: DEMO_COMPARATORS,
          updated_by: ctx.actor.id,
        })
        .onConflict((oc) => oc.column("tenant_id").doNothing())
        .execute();
      await db
        .updateTable("workforce_settings")
        .set({
          comparator_codes: DEMO_COMPARATORS,
          region_code: sql<string>`coalesce(region_code, ${DEMO_REGION})`,
          updated_by: ctx.actor.id,
        })
        .where(sql<boolean>`cardinality(comparator_codes) = 0`)
        .execute();
    });
  }
}
