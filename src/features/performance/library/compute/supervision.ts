import type { FastifyInstance } from "fastify";
import { tenantScope } from "../../../../platform/auth/principal.js";
import type { IsoDate } from "../../../../platform/dates.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import type { Counts } from "../../../supervision/compliance/compliance.service.js";
import type { MeasureValue } from "../api.js";
import { type FamilyValues, measureValue } from "./values.js";

/**
 * Supervision in date: the supervision compliance service's own roll-up (everyone placed on the
 * date with a policy rule, each unit with everything below it, once per council and data
 * version). In date means not overdue: "due" (due soon) people are still in date.
 */
export function supervisionValue(counts: Pick<Counts, "total" | "overdue"> | undefined): MeasureValue {
  const total = counts?.total ?? 0;
  return measureValue("supervision_in_date", {
    numerator: total - (counts?.overdue ?? 0),
    denominator: total,
    people: total,
  });
}

export async function supervisionFamily(
  app: FastifyInstance,
  ctx: TenantContext,
  asAt: IsoDate,
): Promise<FamilyValues> {
  const roll = await app.supervisionCompliance.rollup(ctx, tenantScope, [asAt]);
  return (unitId) => [supervisionValue(unitId === null ? roll.everyone[0] : roll.units.get(unitId)?.[0])];
}
