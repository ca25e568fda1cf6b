import type { FastifyInstance } from "fastify";
import type { IsoDate } from "../../../../platform/dates.js";
import type { TenantContext } from "../../../../platform/tenancy/data-access.js";
import type { MeasureValue } from "../api.js";
import { computedKeys, type MeasureKey } from "../definitions.js";
import { appraisalFamily } from "./appraisal.js";
import { caseloadFamily, snapshotDateOn } from "./caseloads.js";
import { earlyCareerFamily } from "./early-career.js";
import { cpdFamily, trainingFamily } from "./learning.js";
import { unitTreeOn } from "./rollup.js";
import { suppressSiblings } from "./secondary.js";
import { studentFamily } from "./students.js";
import { supervisionFamily } from "./supervision.js";
import { type FamilyValues, noValue } from "./values.js";
import { workforceFamily } from "./workforce.js";

/**
 * Every computed measure for each unit asked (null: the whole council), each unit with every unit
 * below it as the organisation stood on the date, from the data as it stood then (assignments,
 * posts and units in force on the date; records dated on or before it). Each family of measures
 * reads its data once for the whole council and rolls it up the tree, so asking for every unit
 * costs little more than asking for one. Small numbers are held back in each unit, then in
 * siblings where one held back could be worked out (secondary.ts).
 */
export async function computeMeasures(
  app: FastifyInstance,
  ctx: TenantContext,
  options: {
    unitIds: (string | null)[];
    asAt: IsoDate;
    /** False: each unit's own small-number rule only (the families' hand-worked tests). */
    secondary?: boolean;
  },
): Promise<Map<string | null, Map<MeasureKey, MeasureValue>>> {
  const { asAt } = options;
  const { data } = app.platform;
  const { tree, families } = await data.run(ctx, async (db) => {
    const [tree, snapshotOn] = await Promise.all([unitTreeOn(db, asAt), snapshotDateOn(db, asAt)]);
    const families = await Promise.all([
      workforceFamily(db, tree, asAt),
      caseloadFamily(db, tree, snapshotOn),
      earlyCareerFamily(db, tree, asAt, snapshotOn),
      studentFamily(db, tree, asAt),
    ]);
    return { tree, families };
  });
  const services: FamilyValues[] = await Promise.all([
    supervisionFamily(app, ctx, asAt),
    appraisalFamily(app, ctx, tree, asAt),
    trainingFamily(app, ctx, tree, asAt),
    cpdFamily(app, ctx, tree, asAt),
  ]);
  const all = [...families, ...services];
  const valuesOf = (unitId: string | null) => {
    const found = new Map<MeasureKey, MeasureValue>();
    for (const family of all) for (const v of family(unitId)) found.set(v.key, v);
    return new Map(computedKeys.map((k) => [k, found.get(k) ?? noValue(k)]));
  };
  // Every unit on the tree, so that a held-back figure cannot be worked out from its siblings'.
  const everyUnit = new Map<string | null, Map<MeasureKey, MeasureValue>>();
  for (const unitId of [null, ...tree.parentOf.keys()]) everyUnit.set(unitId, valuesOf(unitId));
  if (options.secondary !== false) suppressSiblings(tree, everyUnit);
  const out = new Map<string | null, Map<MeasureKey, MeasureValue>>();
  for (const unitId of new Set(options.unitIds)) out.set(unitId, everyUnit.get(unitId) ?? valuesOf(unitId));
  return out;
}
