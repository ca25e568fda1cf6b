import type { FastifyInstance } from "fastify";
import { dateInLondon } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { hasSnapshots } from "./performance.repository.js";
import { monthEnds, previousMonthEnd } from "./periods.js";

/**
 * Twelve months of snapshots for the demo's trend charts: for every council with none yet, the
 * snapshots of the 12 month ends before this month, oldest first, as the monthly job would have
 * taken them. Runs after every other demo seed (the performance targets' and entries' included),
 * so the entered values and the computed measures' data are there to be taken. Returns the rows
 * written.
 */
export async function seedDemoSnapshots(app: FastifyInstance): Promise<number> {
  const today = dateInLondon(app.platform.clock.now());
  const periods = monthEnds(previousMonthEnd(today), 12);
  const tenants = await app.platform.data.system
    .selectFrom("tenants")
    .select("id")
    .orderBy("created_at")
    .execute();
  let written = 0;
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    if (await app.platform.data.run(ctx, hasSnapshots)) continue;
    for (const periodEnd of periods) written += await app.performance.takeSnapshot(ctx, periodEnd);
  }
  return written;
}
