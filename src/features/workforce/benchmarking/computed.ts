import type { FastifyInstance } from "fastify";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { censusYearDates, censusYearOf } from "../measures/formulas.js";
import { type ComputedMeasures, FIRST_YEAR } from "./benchmark.js";
import type { BenchmarkSettings } from "./places.js";

/** At most this many census years are worked out from the platform's records on one page. */
const MAX_COMPUTED_YEARS = 10;

/**
 * The authority's own measures, worked out from this platform's records by the measures area,
 * for each complete census year (30 September passed) from the first with a recorded leaving
 * (else the first assignment), and for which the DfE's
 * file has no row for the authority (all of them when the authority is not in the files).
 */
export async function computedMeasures(
  app: FastifyInstance,
  ctx: TenantContext,
  settings: BenchmarkSettings,
): Promise<ComputedMeasures> {
  const computed: ComputedMeasures = new Map();
  if (!app.hasDecorator("workforceMeasures") || !app.workforceMeasures) return computed;
  const today = app.people.today();
  const current = censusYearOf(today);
  const lastComplete = censusYearDates(current).referenceDate <= today ? current : current - 1;
  const { firstRecord, lastPublished } = await app.platform.data.run(ctx, async (db) => {
    // The platform's history starts with its first recorded leaving (before that, assignments
    // are only the current holders' start dates: no leavers, so turnover would read 0).
    const firstLeaving = await db
      .selectFrom("leavings")
      .select((eb) => eb.fn.min("left_on").as("from"))
      .executeTakeFirst();
    const first = firstLeaving?.from
      ? firstLeaving
      : await db
          .selectFrom("assignments")
          .select((eb) => eb.fn.min("valid_from").as("from"))
          .executeTakeFirst();
    const published = settings.laCode
      ? await db
          .selectFrom("dfe_indicators")
          .select((eb) => eb.fn.max("time_period").as("year"))
          .where("geographic_level", "=", "Local authority")
          .where("area_code", "=", settings.laCode)
          .executeTakeFirst()
      : undefined;
    return {
      firstRecord: first?.from ? String(first.from).slice(0, 10) : null,
      lastPublished: published?.year ?? null,
    };
  });
  if (!firstRecord) return computed;
  const from = Math.max(
    FIRST_YEAR,
    censusYearOf(firstRecord),
    (lastPublished ?? 0) + 1,
    lastComplete - MAX_COMPUTED_YEARS + 1,
  );
  for (let year = from; year <= lastComplete; year++) {
    const { dataset, measures } = await app.workforceMeasures.measuresFor(ctx, { year, unitId: null });
    if (dataset.workers.length > 0) computed.set(year, measures);
  }
  return computed;
}
