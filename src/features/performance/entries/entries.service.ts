import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import type { EntrySource } from "../schema.js";
import * as repo from "./entries.repository.js";

export type { EntryFilter, EntryRow, EntryValues } from "./entries.repository.js";

export type SaveOutcome = "added" | "replaced" | "unchanged";

function same(held: NonNullable<Awaited<ReturnType<typeof repo.entryFor>>>, e: repo.EntryValues): boolean {
  return (
    held.value === e.value &&
    held.numerator === e.numerator &&
    held.denominator === e.denominator &&
    (held.note ?? null) === (e.note ?? null)
  );
}

/**
 * Values entered for the measures the platform does not hold, one per measure, unit (null: the
 * council) and month: the same month again replaces the figures (the audit trail keeps the old);
 * the same figures again change nothing.
 */
export class EntriesService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  list(ctx: TenantContext, filter: repo.EntryFilter, page: { limit: number; offset: number }) {
    return this.data.run(ctx, async (db) => ({
      total: await repo.countEntries(db, filter),
      rows: await repo.listEntries(db, filter, page),
    }));
  }

  entry(ctx: TenantContext, id: string) {
    return this.data.run(ctx, (db) => repo.entryById(db, id));
  }

  unitsByCode(ctx: TenantContext) {
    return this.data.run(ctx, (db) => repo.unitsByCode(db));
  }

  /** Adds the month's value, or replaces the one held. */
  save(ctx: TenantContext, entry: repo.EntryValues, source: EntrySource): Promise<SaveOutcome> {
    return this.data.run(ctx, (db) => this.#save(db, ctx, entry, source));
  }

  /** Every row of a file, all in one transaction: what was added, replaced and left as it was. */
  importRows(ctx: TenantContext, rows: readonly repo.EntryValues[]) {
    return this.data.run(ctx, async (db) => {
      const counts: Record<SaveOutcome, number> = { added: 0, replaced: 0, unchanged: 0 };
      for (const row of rows) counts[await this.#save(db, ctx, row, "import")]++;
      return counts;
    });
  }

  async #save(
    db: Parameters<typeof repo.entryFor>[0],
    ctx: TenantContext,
    entry: repo.EntryValues,
    source: EntrySource,
  ): Promise<SaveOutcome> {
    const held = await repo.entryFor(db, entry.measureKey, entry.orgUnitId, entry.periodEnd);
    if (!held) {
      await repo.insertEntry(db, entry, source, ctx.actor.id);
      return "added";
    }
    if (same(held, entry)) return "unchanged";
    await repo.replaceEntry(db, held.id, entry, source, ctx.actor.id);
    await repo.correctSnapshot(db, entry);
    return "replaced";
  }
}
