import type { FastifyInstance } from "fastify";
import type { IsoDate } from "../../../../platform/dates.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import { type CohortRow, type CycleRow, cohort } from "../../../appraisal/appraisal.repository.js";
import { inPostContractTypes } from "../../../people/people.service.js";
import type { MeasureValue } from "../api.js";
import { groupUp, type UnitTree } from "./rollup.js";
import { type FamilyValues, measureValue, noValue } from "./values.js";

/**
 * Appraisal completion: the cycle open on the date (started on or before it, not ended; the
 * latest to start if two overlap) and its cohort as the appraisal service counts it in
 * `completionRate` (in post on the cycle's first day, in the unit of their main assignment then,
 * not gone before completion was due or before the date), read once for every unit; completed
 * means an appraisal completed on or before the date.
 */
export function openCycle(cycles: readonly CycleRow[], asAt: IsoDate): CycleRow | undefined {
  return [...cycles]
    .sort((a, b) => b.startsOn.localeCompare(a.startsOn))
    .find((c) => c.startsOn <= asAt && c.endsOn >= asAt);
}

export function appraisalValue(rows: readonly Pick<CohortRow, "completedOn">[], asAt: IsoDate): MeasureValue {
  const completed = rows.filter((r) => r.completedOn !== null && r.completedOn <= asAt).length;
  return measureValue("appraisal_completion", {
    numerator: completed,
    denominator: rows.length,
    people: rows.length,
  });
}

export async function appraisalFamily(
  app: FastifyInstance,
  ctx: TenantContext,
  tree: UnitTree,
  asAt: IsoDate,
): Promise<FamilyValues> {
  const cycle = openCycle(await app.appraisals.cycles(ctx), asAt);
  if (!cycle) return () => [noValue("appraisal_completion")];
  const leftBefore = asAt < cycle.completionDueOn ? asAt : cycle.completionDueOn;
  const rows = await app.platform.data.run(ctx, (db) =>
    cohort(db, {
      cycleId: cycle.id,
      on: cycle.startsOn,
      leftBefore,
      contractTypes: inPostContractTypes,
      scope: undefined,
    }),
  );
  const groups = groupUp(tree, rows, (r) => [r.orgUnitId]);
  return (unitId) => [appraisalValue(groups.get(unitId) ?? [], asAt)];
}
