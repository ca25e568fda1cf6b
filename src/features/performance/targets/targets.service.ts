import type { Clock } from "../../../platform/clock.js";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import type { PerformanceApi } from "../library/api.js";
import * as repo from "./targets.repository.js";

export type { OwnerRow, TargetRow } from "./targets.repository.js";

/** A target to set: the row without its author (the signed-in user). */
export type TargetInput = Omit<repo.NewTarget, "createdBy">;

/**
 * Targets per measure and unit (null: the council), effective-dated: setting one ends the row in
 * force the day before the new one starts and inserts the new row, in one transaction; a figure
 * is never changed in place. Measure owners, one per measure.
 */
export class TargetsService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly performance: Pick<PerformanceApi, "targetsOn">,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /**
   * The targets standing today for the unit (the measure library's `targetsOn`: inherited from
   * above when it has none), and its own that start later.
   */
  async standing(ctx: TenantContext, unitId: string | null) {
    const today = this.today();
    const held = await this.performance.targetsOn(ctx, { unitId, asAt: today });
    const ids = [...held.values()].map((t) => t.id);
    return this.data.run(ctx, async (db) => ({
      standing: await repo.targetsById(db, ids, today),
      upcoming: await repo.upcomingTargets(db, unitId, today),
    }));
  }

  target(ctx: TenantContext, id: string) {
    return this.data.run(ctx, (db) => repo.targetById(db, id, this.today()));
  }

  /** A target row and every row of its measure for its unit, latest first. */
  history(ctx: TenantContext, id: string) {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const target = await repo.targetById(db, id, today);
      if (!target) return null;
      return { target, series: await repo.targetSeries(db, target.measureKey, target.orgUnitId, today) };
    });
  }

  /** The series' latest row (the one a change replaces), or null when there is none. */
  latest(ctx: TenantContext, measureKey: string, unitId: string | null) {
    return this.data.run(
      ctx,
      async (db) => (await repo.targetSeries(db, measureKey, unitId, this.today()))[0] ?? null,
    );
  }

  /**
   * Sets a measure's target for a unit from a date: the row in force then ends the day before and
   * the new row starts. The new start must be after the latest row's start (history is not rewritten).
   */
  setTarget(ctx: TenantContext, input: TargetInput): Promise<{ id: string; replaced: boolean }> {
    return this.data.run(ctx, async (db) => {
      const series = await repo.targetSeries(db, input.measureKey, input.orgUnitId, this.today());
      const latest = series[0];
      if (latest && input.validFrom <= latest.validFrom) {
        throw new RuleError(
          "valid_from-day",
          `Date the target starts must be after ${formatDay(latest.validFrom)}, when the current target started`,
        );
      }
      const replaced =
        (await repo.endSeries(db, input.measureKey, input.orgUnitId, addDays(input.validFrom, -1))) > 0;
      const id = await repo.insertTarget(db, { ...input, createdBy: ctx.actor.id });
      return { id, replaced };
    });
  }

  owners(ctx: TenantContext) {
    return this.data.run(ctx, async (db) => ({
      owners: await repo.owners(db),
      candidates: await repo.ownerCandidates(db),
    }));
  }

  /** Sets or clears (null) the owner of each measure given; measures not given are left alone. */
  setOwners(ctx: TenantContext, choices: Map<string, string | null>): Promise<number> {
    return this.data.run(ctx, async (db) => {
      const current = new Map((await repo.owners(db)).map((o) => [o.measureKey, o.personId]));
      const allowed = new Set((await repo.ownerCandidates(db)).map((c) => c.personId));
      let changed = 0;
      for (const [key, personId] of choices) {
        if ((current.get(key) ?? null) === personId) continue;
        if (personId === null) await repo.removeOwner(db, key);
        else {
          if (!allowed.has(personId)) throw new RuleError(`owner_${key}`, "Select a person from the list");
          await repo.setOwner(db, key, personId, ctx.actor.id);
        }
        changed++;
      }
      return changed;
    });
  }
}

const MONTHS = "January February March April May June July August September October November December".split(
  " ",
);

/** "2026-01-01" as "1 January 2026". */
export function formatDay(date: IsoDate): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
