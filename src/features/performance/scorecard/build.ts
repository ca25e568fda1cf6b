import type { FastifyInstance } from "fastify";
import type { AccessScope } from "../../../platform/auth/principal.js";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { TenantCache } from "../../../platform/tenancy/tenant-cache.js";
import type { MeasureValue, ScoredMeasure, StandingTarget } from "../library/api.js";
import { type MeasureDefinition, type MeasureKey, measureDefinitions } from "../library/definitions.js";
import type { Rag } from "../schema.js";
import { belowTargetFirst, type Period, type TrendPoint, trendPeriods } from "./format.js";
import { monthFigures } from "./scorecard.repository.js";

/** One measure on the scorecard for a unit's month, with its recent trend. */
export interface ScoreRow {
  key: MeasureKey;
  def: MeasureDefinition;
  value: MeasureValue;
  target: StandingTarget | null;
  rag: Rag | null;
  /** The months ending with the period, oldest first: snapshots (entries for entered measures the snapshot lacks), the live month last. */
  trend: TrendPoint[];
}

/**
 * Every measure for a unit (null: the council) in a period, from the measure library (the
 * current month live; a past month from its snapshot, never recomputed), scored against the
 * target standing then; with the last `trendMonths` months' figures.
 */
export async function buildScorecard(
  app: FastifyInstance,
  ctx: TenantContext,
  options: { unitId: string | null; period: Period; trendMonths: number },
): Promise<ScoreRow[]> {
  const { unitId, period } = options;
  const months = trendPeriods(period, options.trendMonths);
  const [scored, figures] = await Promise.all([
    app.performance.scorecard(ctx, { unitId, asAt: period.asAt }),
    // The months' snapshots and entries, remembered until the council's data changes.
    app.platform.data.run(ctx, (db) =>
      TenantCache.of(app, "scorecard-months", app.platform.clock, 2000, 15 * 60_000).get(
        db,
        ctx.tenantId,
        `${unitId ?? "-"}:${months.join(",")}`,
        () => monthFigures(db, unitId, months),
      ),
    ),
  ]);
  return scored.map((m: ScoredMeasure) => {
    const trend = months.map((p): TrendPoint => {
      const f = p === period.periodEnd ? m : figures.get(m.key)?.get(p);
      return { periodEnd: p, value: f && !f.suppressed ? f.value : null, suppressed: f?.suppressed ?? false };
    });
    return { key: m.key, def: measureDefinitions[m.key], value: m, target: m.target, rag: m.rag, trend };
  });
}

/**
 * Whether a past month's figures are provisional: no snapshot held them (the month's job has not
 * run yet, or a unit is new), so they were worked out from the records as they stood then.
 */
export function withoutSnapshot(period: Period, rows: readonly ScoreRow[]): boolean {
  return !period.live && rows.some((r) => r.value.provisional);
}

/** The units directly below a unit (null: the viewer's top units) with one measure in a period, those below target first. */
export async function drillDown(
  app: FastifyInstance,
  ctx: TenantContext,
  scope: AccessScope,
  options: { key: MeasureKey; unitId: string | null; period: Period },
) {
  const units = await app.performance.unitsBelow(ctx, scope, {
    key: options.key,
    unitId: options.unitId,
    asAt: options.period.asAt,
  });
  return belowTargetFirst(units);
}

export type { IsoDate };
