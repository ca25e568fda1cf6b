import type { FastifyInstance } from "fastify";
import type { IsoDate } from "../../../../platform/dates.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import { type CohortRow, type CycleRow, cohort } from "../../../appraisal/appraisal.repository.js";
import { inPostContractTypes } from "../../../people/people.service.js";
import type { MeasureValue } from "../api.js";
import { groupUp, type UnitTree } from "./rollup.js";
import { type FamilyValues, measureValue, noValue } from "./values.js";

/**
 * Appraisal completion: the latest cycle whose completion was due on or before the date (the
 * last round the board can judge; a cycle under way counts no one complete until it is due) and
 * its cohort as the appraisal service counts it in `completionRate` (in post on the cycle's
 * first day, in the unit of their main assignment then, not gone before completion was due or
 * before the date), read once for every unit; completed means an appraisal completed on or
 * before the date.
 */
export function reportedCycle(cycles: readonly CycleRow[], asAt: IsoDate): CycleRow | undefined {
  return [...cycles]
    .filter((c) => c.completionDueOn <= asAt)
    .sort(
      (a, b) => b.completionDueOn.localeCompare(a.completionDueOn) || b.startsOn.localeCompare(a.startsOn),
    )[0];
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
  const cycle = reportedCycle(await app.appraisals.cycles(ctx), asAt);
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
