import type { FastifyInstance } from "fastify";
import { demoCatalogue } from "./catalogue.js";

/**
 * In demo mode, North East Lincolnshire's catalogue (demo/catalogue.ts) for each council that has
 * no courses yet. Does nothing once a council has courses.
 */
export async function seedDemoCatalogue(app: FastifyInstance): Promise<number> {
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  let made = 0;
  for (const tenant of tenants) {
    await app.platform.data.run({ tenantId: tenant.id, actor: { id: "system:demo" } }, async (db) => {
      const existing = await db.selectFrom("learning_courses").select("id").limit(1).execute();
      if (existing.length > 0) return;
      await db
        .insertInto("learning_courses")
        .values(
          demoCatalogue.map((c) => ({
            code: c.code,
            title: c.title,
            tier: c.tier,
            group_key: c.group,
            strand: c.strand,
            strand_level: c.strandLevel,
            delivery: c.delivery,
            duration_hours: c.durationHours,
            cpd_hours: c.cpdHours,
            provider: c.provider,
            audience: c.audience,
            booking_route: c.bookingRoute,
            pcf_domains: c.pcfDomains,
          })),
        )
        .execute();
      made += demoCatalogue.length;
    });
  }
  return made;
}
