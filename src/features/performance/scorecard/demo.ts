import type { FastifyInstance } from "fastify";
import { dateInLondon } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { isMeasureKey, type MeasureGroup, measureDefinitions, measureKeys } from "../library/definitions.js";
import { snapshotsFor } from "../library/performance.repository.js";
import { periodName, previousMonthEnd } from "../library/periods.js";
import { ragOf } from "../library/rag.js";
import { targetText, valueText } from "./format.js";
import { saveCommentary } from "./scorecard.repository.js";

const MEASURES = 6;

const nextSteps: Record<MeasureGroup, string> = {
  workforce:
    "The recruitment campaign for permanent social workers continues, and every agency placement is reviewed at the monthly workforce panel with a plan to convert or end it.",
  practice:
    "Team managers have the list of overdue supervisions and caseloads over their cap from this service; the heads of service review it with them weekly until the figure is back on target.",
  development:
    "The learning and development team is following up outstanding mandatory training and CPD logs with each team manager, and has added sessions where waiting lists are longest.",
  quality:
    "The figure comes from the case management system and the casework audit programme; the practice improvement group is looking at the themes behind it this month.",
};

function verdict(rag: ReturnType<typeof ragOf>, direction: "higher" | "lower"): string {
  if (rag === "green") return "This meets the target, and the aim now is to hold it.";
  if (rag === "amber") return "This is close to the target but does not yet meet it.";
  if (rag === "red")
    return `This is ${direction === "higher" ? "below" : "above"} the target and is a priority for the service.`;
  return "There is no figure or target to compare this month.";
}

/**
 * Last month's commentary on the first 6 measures that have an owner (the owners the targets
 * seed names), written as their owner: the figure from last month's snapshot against the target
 * standing then, and what is being done. Runs after the targets and snapshot seeds. Does nothing
 * for a council that already has commentary or has named no owners.
 */
export async function seedDemoCommentary(app: FastifyInstance): Promise<void> {
  const today = dateInLondon(app.platform.clock.now());
  const lastMonth = previousMonthEnd(today);
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    const owners = await app.platform.data.run(ctx, async (db) => {
      if (await db.selectFrom("performance_commentaries").select("id").limit(1).executeTakeFirst()) return [];
      return db
        .selectFrom("performance_measure_owners as o")
        .leftJoin("users as u", "u.person_id", "o.owner_person_id")
        .select(["o.measure_key as measureKey", "o.owner_person_id as ownerPersonId", "u.id as userId"])
        .execute();
    });
    const byKey = new Map(owners.filter((o) => isMeasureKey(o.measureKey)).map((o) => [o.measureKey, o]));
    const chosen = measureKeys.filter((k) => byKey.has(k)).slice(0, MEASURES);
    if (chosen.length === 0) continue;
    const targets = await app.performance.targetsOn(ctx, { unitId: null, asAt: lastMonth });
    await app.platform.data.run(ctx, async (db) => {
      const snapshots = new Map(
        (await snapshotsFor(db, [null], [lastMonth])).map((s) => [s.measureKey, s] as const),
      );
      for (const key of chosen) {
        const owner = byKey.get(key);
        if (!owner) continue;
        const def = measureDefinitions[key];
        const s = snapshots.get(key) ?? null;
        const target = targets.get(key) ?? null;
        const rag = s && target && !s.suppressed ? ragOf(s.value, target) : null;
        const figure = valueText(s, def.format, "not recorded");
        const body = [
          `${def.title} was ${figure} at the end of ${periodName(lastMonth)}${target ? `, against a target of ${targetText(target, def.format)}` : ""}. ${verdict(rag, target?.direction ?? def.direction)}`,
          nextSteps[def.group],
        ].join("\n\n");
        await saveCommentary(db, {
          measureKey: key,
          unitId: null,
          periodEnd: lastMonth,
          body,
          writtenBy: owner.userId ? `user:${owner.userId}` : `person:${owner.ownerPersonId}`,
          writtenAt: app.platform.clock.now(),
        });
      }
    });
  }
}
