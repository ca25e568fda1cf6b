import type { Clock } from "../../../platform/clock.js";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import { formatDate } from "../../../platform/views/render.js";
import type { PerformanceApi } from "../library/api.js";
import * as repo from "./targets.repository.js";

export type { OwnerRow, TargetRow } from "./targets.repository.js";

/** A target to set: the row without its author (the signed-in user). */
export type TargetInput = Omit<repo.NewTarget, "createdBy">;

/** What cancelling a target did: the row deleted and the one given its end back, or nothing as it has started. */
export type CancelOutcome =
  | { outcome: "cancelled"; cancelled: repo.TargetRow; reopened: repo.TargetRow | null }
  | { outcome: "started"; target: repo.TargetRow };

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
    /** The roles that see the scorecard: a measure's owner holds one. */
    private readonly ownerRoles: readonly string[],
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
   * the new row starts. The new start must be in this month or later (an earlier one would change
   * the RAG of months already reported to the board) and after the latest row's start (history is
   * not rewritten). The series is locked first, so two changes at once run one after the other.
   */
  async setTarget(ctx: TenantContext, input: TargetInput): Promise<{ id: string; replaced: boolean }> {
    const today = this.today();
    const monthStart = firstOfMonth(today);
    if (input.validFrom < monthStart) {
      throw new RuleError(
        "valid_from-day",
        `Date the target starts must be the same as or after ${formatDay(monthStart)}, the start of this month`,
      );
    }
    return this.data.run(ctx, async (db) => {
      await repo.lockSeries(db, input.measureKey, input.orgUnitId);
      const series = await repo.targetSeries(db, input.measureKey, input.orgUnitId, today);
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

  /**
   * Cancels a target that has not started (it starts after today): deletes its row and gives the
   * row it ended (the one before it in the series, ending the day before it starts) the end it
   * had: open when the cancelled row was the latest, else the day before the next one starts.
   * One transaction, the series locked as for a change. Null when there is no such target.
   */
  cancelTarget(ctx: TenantContext, id: string): Promise<CancelOutcome | null> {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const found = await repo.targetById(db, id, today);
      if (!found) return null;
      await repo.lockSeries(db, found.measureKey, found.orgUnitId);
      // Read again under the lock: another change to the series may have committed meanwhile.
      const series = await repo.targetSeries(db, found.measureKey, found.orgUnitId, today);
      const target = series.find((t) => t.id === id);
      if (!target) return null;
      if (target.validFrom <= today) return { outcome: "started", target };
      const before = series.find((t) => t.validFrom < target.validFrom) ?? null;
      await repo.deleteTarget(db, target.id);
      const reopened =
        before && (await repo.moveEnd(db, before.id, addDays(target.validFrom, -1), target.validTo)) > 0
          ? { ...before, validTo: target.validTo }
          : null;
      return { outcome: "cancelled", cancelled: target, reopened };
    });
  }

  owners(ctx: TenantContext) {
    return this.data.run(ctx, async (db) => ({
      owners: await repo.owners(db),
      candidates: await repo.ownerCandidates(db, this.ownerRoles),
    }));
  }

  /** Sets or clears (null) the owner of each measure given; measures not given are left alone. */
  setOwners(ctx: TenantContext, choices: Map<string, string | null>): Promise<number> {
    return this.data.run(ctx, async (db) => {
      const current = new Map((await repo.owners(db)).map((o) => [o.measureKey, o.personId]));
      const allowed = new Set((await repo.ownerCandidates(db, this.ownerRoles)).map((c) => c.personId));
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

/** The first day of the date's month: "2026-11-23" is in the month from "2026-11-01". */
export function firstOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 8)}01`;
}

/** "2026-01-01" as "1 January 2026". */
export function formatDay(date: IsoDate): string {
  return formatDate(date, false);
}
