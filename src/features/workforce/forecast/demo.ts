import type { FastifyInstance } from "fastify";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import "../schema.js";

/**
 * Forecast assumptions for the demo council: 18 months ahead, turnover and recruits from the last
 * 12 months, 85% of completing NQSWs kept, half an agency worker made permanent a month, and two
 * more social work posts. Does nothing for a council that has assumptions or no staff. Needs the
 * people (and, for the pipeline, the early career) seeds before it.
 */
export async function seedDemoForecast(app: FastifyInstance): Promise<void> {
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    await app.platform.data.run(ctx, async (db) => {
      if (await db.selectFrom("workforce_forecast_assumptions").select("id").limit(1).executeTakeFirst())
        return;
      if (!(await db.selectFrom("assignments").select("id").limit(1).executeTakeFirst())) return;
      await db
        .insertInto("workforce_forecast_assumptions")
        .values({
          horizon_months: 18,
          annual_turnover_percent: null,
          recruits_per_month: null,
          early_career_retention_percent: 85,
          agency_conversions_per_month: 0.5,
          establishment_change_fte: 2,
          updated_by: "system:demo",
        })
        .execute();
    });
  }
}
