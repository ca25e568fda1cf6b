import type { FastifyInstance } from "fastify";
import { dateInLondon } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import type { MeasureKey } from "../library/definitions.js";
import { monthEnds, previousMonthEnd } from "../library/periods.js";

/** Each entered measure's demo range (percent) and a plausible monthly count behind it. */
const ranges: Record<string, { low: number; high: number; denominator: [number, number] }> = {
  assessments_in_45_days: { low: 88, high: 96, denominator: [140, 220] },
  visits_in_time: { low: 90, high: 97, denominator: [260, 340] },
  children_max_three_social_workers: { low: 70, high: 82, denominator: [520, 600] },
  audits_good_or_better: { low: 60, high: 78, denominator: [30, 50] },
  audits_inadequate: { low: 3, high: 9, denominator: [30, 50] },
};

/** A deterministic number from text: the same figures every time. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The month's figures for a measure: a count in the range and the numerator nearest the wanted rate. */
export function demoEntry(key: MeasureKey, periodEnd: string, index: number) {
  const r = ranges[key];
  if (!r) throw new Error(`${key} is not entered`);
  const [dLow, dHigh] = r.denominator;
  // Both audit measures count the same month's audits.
  const pool = key.startsWith("audits_") ? "audits" : key;
  const denominator = dLow + (hash(`${pool}:${periodEnd}:n`) % (dHigh - dLow + 1));
  // A gentle improvement over the year with some month-to-month noise.
  const trend = key === "audits_inadequate" ? 1 - index / 11 : index / 11;
  const noise = (hash(`${key}:${periodEnd}:v`) % 1000) / 1000;
  const rate = r.low + (r.high - r.low) * (0.6 * trend + 0.4 * noise);
  const numerator = Math.round((rate / 100) * denominator);
  const value = Math.round((numerator / denominator) * 1000) / 10;
  return { numerator, denominator, value };
}

/**
 * Twelve months of council-wide values, ending last month, for the five entered measures: for
 * every council that has none. Runs before the performance snapshots; does nothing a second time.
 */
export async function seedDemoPerformanceEntries(app: FastifyInstance): Promise<void> {
  const months = monthEnds(previousMonthEnd(dateInLondon(app.platform.clock.now())), 12);
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    await app.platform.data.run(ctx, async (db) => {
      if (await db.selectFrom("performance_entries").select("id").limit(1).executeTakeFirst()) return;
      const rows = Object.keys(ranges).flatMap((key) =>
        months.map((periodEnd, index) => ({
          measure_key: key,
          org_unit_id: null,
          period_end: periodEnd,
          ...demoEntry(key as MeasureKey, periodEnd, index),
          source: "import" as const,
          note: null,
          entered_by: "system:demo",
        })),
      );
      await db.insertInto("performance_entries").values(rows).execute();
    });
  }
}
