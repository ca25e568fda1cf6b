import type { FastifyInstance } from "fastify";
import type { AccessScope } from "../../../platform/auth/principal.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { TenantCache } from "../../../platform/tenancy/tenant-cache.js";
import type { Rag } from "../schema.js";
import type { MeasureValue, PerformanceApi, ScoredMeasure, StandingTarget } from "./api.js";
import {
  computedKeys,
  isMeasureKey,
  type MeasureKey,
  measureDefinitions,
  measureKeys,
} from "./definitions.js";
import * as repo from "./performance.repository.js";
import { isPeriodEnd, monthEnd } from "./periods.js";
import { ragOf } from "./rag.js";

/** The compute helper's function (library/compute): computed measures for each unit asked, suppression applied. */
export type ComputeMeasures = (
  app: FastifyInstance,
  ctx: TenantContext,
  options: { unitIds: (string | null)[]; asAt: IsoDate },
) => Promise<Map<string | null, Map<MeasureKey, MeasureValue>>>;

/** An entered value, with the month it was entered for (earlier than the month asked when that month has none). */
export interface EnteredValue extends MeasureValue {
  periodEnd: IsoDate;
}

/** Units written in one insert when taking a snapshot, bounded by its parameters (150 x 14 rows x 8). */
const SNAPSHOT_CHUNK = 150;
const ragOrder: Record<Rag, number> = { red: 0, amber: 1, green: 2 };
const emptyValue = (key: MeasureKey): MeasureValue => ({
  key,
  value: null,
  numerator: null,
  denominator: null,
  suppressed: false,
  source: measureDefinitions[key].source,
});

/**
 * The measure library's service, `app.performance`. Live values: the computed measures (the
 * compute helper, per unit including the units below) and the entered ones (the unit's own entry
 * for the month containing the date, else its latest earlier month's, carrying that month as
 * `periodEnd`). A past month end with a snapshot reads the snapshot, never recomputed; an entered
 * measure the snapshot has no row for (its figure was entered after the job ran) reads that
 * month's entry. Targets: the unit's own standing on the date, else the nearest unit above's on
 * that date's tree, else the council's. Live values and targets are cached by the council's data
 * version.
 */
export class PerformanceService implements PerformanceApi {
  readonly #cache: TenantCache;

  constructor(
    private readonly app: FastifyInstance,
    private readonly compute: ComputeMeasures,
  ) {
    // The data version already moves on every change; the time to live only bounds the rare
    // case of two writers committing out of order, so it is long (the whole council's figures
    // take seconds to work out at 5,000 staff).
    this.#cache = new TenantCache(app.platform.clock, 2000, 15 * 60_000);
  }

  today(): IsoDate {
    return dateInLondon(this.app.platform.clock.now());
  }

  /** Whether the date is a month end before this month: read from the snapshot when one was taken. */
  isPastPeriod(asAt: IsoDate): boolean {
    return isPeriodEnd(asAt) && asAt < monthEnd(this.today());
  }

  async valuesOn(ctx: TenantContext, options: { unitId: string | null; asAt: IsoDate }) {
    const version = await this.#version(ctx);
    const values = await this.#valuesAt(ctx, version, options.unitId, options.asAt);
    return new Map(values);
  }

  async targetsOn(ctx: TenantContext, options: { unitId: string | null; asAt: IsoDate }) {
    const { unitId, asAt } = options;
    return this.app.platform.data.run(ctx, async (db) => {
      const version = await this.#cache.version(db);
      const targets = await this.#cache.getAt(version, ctx.tenantId, `targets:${unitId ?? "-"}:${asAt}`, () =>
        this.#targetsIn(db, ctx.tenantId, version, [unitId], asAt),
      );
      return new Map(targets.get(unitId));
    });
  }

  async scorecard(
    ctx: TenantContext,
    options: { unitId: string | null; asAt: IsoDate },
  ): Promise<ScoredMeasure[]> {
    const { unitId, asAt } = options;
    const [values, targets] = await Promise.all([
      this.#valuesForPeriod(ctx, [unitId], asAt),
      this.targetsOn(ctx, options),
    ]);
    const unitValues = values.get(unitId) ?? new Map<MeasureKey, MeasureValue>();
    return measureKeys.map((key) => scored(unitValues.get(key) ?? emptyValue(key), targets.get(key) ?? null));
  }

  async trend(ctx: TenantContext, options: { key: MeasureKey; unitId: string | null; periods: IsoDate[] }) {
    const { key, unitId, periods } = options;
    return this.app.platform.data.run(ctx, async (db) => {
      const version = await this.#cache.version(db);
      // The whole trend, remembered until the council's data changes (the measure page's chart).
      const cacheKey = `trend:${key}:${unitId ?? "-"}:${periods.join(",")}`;
      return this.#cache.getAt(version, ctx.tenantId, cacheKey, async () => {
        const rows = await repo.snapshotsFor(db, [unitId], periods, key);
        const byPeriod = new Map(rows.map((r) => [r.periodEnd, fromSnapshot(r)]));
        if (measureDefinitions[key].source === "entered") {
          // A month's figure entered after the job ran has no snapshot row: that month's entry.
          const missing = periods.filter((p) => !byPeriod.has(p));
          for (const e of await repo.entriesInMonths(db, unitId, missing, key))
            byPeriod.set(e.periodEnd, fromEntry(e));
        }
        const out: Array<{
          periodEnd: IsoDate;
          value: MeasureValue | null;
          target: StandingTarget | null;
          rag: Rag | null;
        }> = [];
        // Each month's target as it stood then, on that month's tree: one read of the unit
        // versions (remembered) and one of the target rows over the whole span.
        const versions = await this.#cache.getAt(version, ctx.tenantId, "unit-versions", () =>
          repo.unitVersions(db),
        );
        const chainAt = new Map(periods.map((p) => [p, chainOf(unitId, parentsOn(versions, p))]));
        const sorted = [...periods].sort();
        const spans =
          sorted.length === 0
            ? []
            : await repo.targetsBetween(
                db,
                [...new Set([...chainAt.values()].flat())],
                sorted[0] as IsoDate,
                sorted.at(-1) as IsoDate,
                key,
              );
        for (const periodEnd of periods) {
          const standingThen = spans.filter(
            (t) => t.validFrom <= periodEnd && (t.validTo === null || t.validTo >= periodEnd),
          );
          const target =
            nearest(new Map([[unitId, chainAt.get(periodEnd) ?? [null]]]), standingThen)
              .get(unitId)
              ?.get(key) ?? null;
          const value = byPeriod.get(periodEnd) ?? null;
          out.push({ periodEnd, value, target, rag: target && value ? ragOf(value.value, target) : null });
        }
        return out;
      });
    });
  }

  async takeSnapshot(
    ctx: TenantContext,
    periodEnd: IsoDate,
    progress?: (done: number, total: number) => Promise<void>,
  ): Promise<number> {
    if (!isPeriodEnd(periodEnd)) throw new Error(`${periodEnd} is not a month end`);
    const { data } = this.app.platform;
    const { units, taken } = await data.run(ctx, async (db) => ({
      units: await repo.unitsOn(db, periodEnd),
      taken: await repo.computedRowsTaken(db, periodEnd),
    }));
    const all: (string | null)[] = [null, ...units.map((u) => u.orgUnitId)];
    // Units whose computed rows were all taken are not worked out again; entered rows still are
    // (a figure entered after the job ran is added, never one already taken changed).
    const toCompute = all.filter((id) => (taken.get(id) ?? 0) < computedKeys.length);
    let written = 0;
    let done = 0;
    const total = all.length;
    // One computation for every unit (it reads the council's data once whatever the units asked),
    // written in chunks bounded by one insert's parameters.
    const computed =
      toCompute.length === 0
        ? new Map()
        : await this.compute(this.app, ctx, { unitIds: toCompute, asAt: periodEnd });
    for (let i = 0; i < toCompute.length; i += SNAPSHOT_CHUNK) {
      const chunk = toCompute.slice(i, i + SNAPSHOT_CHUNK);
      const rows = chunk.flatMap((unitId) =>
        computedKeys.map((key) => {
          const v = computed.get(unitId)?.get(key) ?? emptyValue(key);
          return { ...snapshotRow(v, unitId, periodEnd), source: "computed" as const };
        }),
      );
      written += await data.run(ctx, (db) => repo.insertSnapshots(db, rows));
      done += chunk.length;
      await progress?.(done, total);
    }
    written += await data.run(ctx, async (db) => {
      const entries = await repo.entriesFor(db, all, periodEnd, true);
      const entered = await repo.insertSnapshots(
        db,
        entries
          .filter((e) => isMeasureKey(e.measureKey) && measureDefinitions[e.measureKey].source === "entered")
          .map((e) => ({ ...snapshotRow(fromEntry(e), e.orgUnitId, periodEnd), source: "entered" as const })),
      );
      // The run's audited record (snapshot rows are not audited one by one): it also moves the
      // council's data version, so figures remembered without this month's rows are worked out again.
      if (written + entered > 0) {
        await db
          .insertInto("performance_snapshot_takes")
          .values({ period_end: periodEnd, rows: written + entered, taken_by: ctx.actor.id })
          .execute();
      }
      return entered;
    });
    await progress?.(total, total);
    return written;
  }

  async unitsBelow(
    ctx: TenantContext,
    scope: AccessScope,
    options: { key: MeasureKey; unitId: string | null; asAt: IsoDate },
  ) {
    const { key, unitId, asAt } = options;
    const tree = await this.app.people.orgTree(ctx, scope, asAt);
    const visible = new Set(tree.rows.map((r) => r.orgUnitId));
    // Null: the top units the viewer reaches (the council's top units for council-wide roles).
    let below = tree.rows.filter((r) =>
      unitId === null ? r.parentId === null || !visible.has(r.parentId) : r.parentId === unitId,
    );
    // At the top, one unit (a council with one directorate): walk down to where the tree
    // divides, so the drill-down lists the services or teams to compare.
    for (let only = below[0]; unitId === null && below.length === 1 && only; only = below[0]) {
      const children = tree.rows.filter((r) => r.parentId === only.orgUnitId);
      if (children.length === 0) break;
      below = children;
    }
    if (below.length === 0) return [];
    const ids = below.map((r) => r.orgUnitId);
    const [values, targets] = await Promise.all([
      this.#valuesForPeriod(ctx, ids, asAt),
      this.app.platform.data.run(ctx, async (db) =>
        this.#targetsIn(db, ctx.tenantId, await this.#cache.version(db), ids, asAt, key),
      ),
    ]);
    const parents = new Set(tree.rows.map((r) => r.parentId));
    return below
      .map((r) => ({
        orgUnitId: r.orgUnitId,
        name: r.name,
        measure: scored(
          values.get(r.orgUnitId)?.get(key) ?? emptyValue(key),
          targets.get(r.orgUnitId)?.get(key) ?? null,
        ),
        hasChildren: parents.has(r.orgUnitId),
      }))
      .sort((a, b) => rank(a.measure.rag) - rank(b.measure.rag) || a.name.localeCompare(b.name, "en-GB"));
  }

  #version(ctx: TenantContext): Promise<number> {
    return this.app.platform.data.run(ctx, (db) => this.#cache.version(db));
  }

  /** Live values for one unit, cached by data version. */
  #valuesAt(ctx: TenantContext, version: number, unitId: string | null, asAt: IsoDate) {
    return this.#cache.getAt(version, ctx.tenantId, `values:${unitId ?? "-"}:${asAt}`, async () => {
      const live = await this.#liveValues(ctx, [unitId], asAt);
      return live.get(unitId) ?? new Map<MeasureKey, MeasureValue>();
    });
  }

  /**
   * The computed measures of the council and every unit on the date's tree, worked out once per
   * data version and date: the scorecard of any unit and the drill-down below it read the same
   * figures, and computing every unit costs little more than computing one.
   */
  #computedAll(ctx: TenantContext, version: number, asAt: IsoDate) {
    return this.#cache.getAt(version, ctx.tenantId, `computed:${asAt}`, async () => {
      const units = await this.app.platform.data.run(ctx, (db) =>
        this.#cache.getAt(version, ctx.tenantId, `units:${asAt}`, () => repo.unitsOn(db, asAt)),
      );
      return this.compute(this.app, ctx, { unitIds: [null, ...units.map((u) => u.orgUnitId)], asAt });
    });
  }

  /** Computed (the whole council's, cached) and entered values for the units, live on the date. */
  async #liveValues(ctx: TenantContext, unitIds: (string | null)[], asAt: IsoDate) {
    const out = new Map<string | null, Map<MeasureKey, MeasureValue>>();
    if (unitIds.length === 0) return out;
    const computed = await this.#computedAll(ctx, await this.#version(ctx), asAt);
    const entries = await this.app.platform.data.run(ctx, (db) => repo.entriesFor(db, unitIds, asAt, false));
    for (const unitId of unitIds) {
      const values = new Map<MeasureKey, MeasureValue>();
      const entered = new Map(entries.filter((e) => e.orgUnitId === unitId).map((e) => [e.measureKey, e]));
      for (const key of measureKeys) {
        if (measureDefinitions[key].source === "computed") {
          values.set(key, computed.get(unitId)?.get(key) ?? emptyValue(key));
        } else {
          const entry = entered.get(key);
          values.set(key, entry ? fromEntry(entry) : emptyValue(key));
        }
      }
      out.set(unitId, values);
    }
    return out;
  }

  /**
   * Values for the units on the date: for a past month end, each unit's snapshot (with that
   * month's entries for entered measures it has no row for); live for units without one.
   */
  async #valuesForPeriod(ctx: TenantContext, unitIds: (string | null)[], asAt: IsoDate) {
    const out = new Map<string | null, Map<MeasureKey, MeasureValue>>();
    let live = unitIds;
    if (this.isPastPeriod(asAt)) {
      const { rows, entries } = await this.app.platform.data.run(ctx, async (db) => ({
        rows: await repo.snapshotsFor(db, unitIds, [asAt]),
        entries: await repo.entriesFor(db, unitIds, asAt, true),
      }));
      for (const r of rows) {
        if (!isMeasureKey(r.measureKey)) continue;
        const values = out.get(r.orgUnitId) ?? new Map<MeasureKey, MeasureValue>();
        values.set(r.measureKey, fromSnapshot(r));
        out.set(r.orgUnitId, values);
      }
      for (const e of entries) {
        const values = out.get(e.orgUnitId);
        if (values && isMeasureKey(e.measureKey) && !values.has(e.measureKey))
          values.set(e.measureKey, fromEntry(e));
      }
      live = unitIds.filter((id) => !out.has(id));
    }
    // A past month the snapshot has no figures for: worked out now, marked as such.
    const mark = (values: Map<MeasureKey, MeasureValue>) =>
      this.isPastPeriod(asAt)
        ? new Map([...values].map(([k, v]) => [k, { ...v, provisional: true as const }]))
        : new Map(values);
    if (live.length === 1) {
      const [only] = live as [string | null];
      out.set(only, mark(await this.#valuesAt(ctx, await this.#version(ctx), only, asAt)));
    } else if (live.length > 1) {
      const version = await this.#version(ctx);
      const key = `values:${live.map((id) => id ?? "-").join(",")}:${asAt}`;
      const values = await this.#cache.getAt(version, ctx.tenantId, key, () =>
        this.#liveValues(ctx, live, asAt),
      );
      for (const [id, unitValues] of values) out.set(id, mark(unitValues));
    }
    return out;
  }

  /**
   * The targets standing on the date for each unit: its own, else the nearest unit above's on
   * that date's tree, else the council's.
   */
  async #targetsIn(
    db: TenantDb,
    tenantId: string,
    version: number,
    unitIds: (string | null)[],
    asAt: IsoDate,
    measureKey?: MeasureKey,
  ): Promise<Map<string | null, Map<MeasureKey, StandingTarget>>> {
    const units = await this.#cache.getAt(version, tenantId, `units:${asAt}`, () => repo.unitsOn(db, asAt));
    const parentOf = new Map(units.map((u) => [u.orgUnitId, u.parentId]));
    const chains = new Map(unitIds.map((unitId) => [unitId, chainOf(unitId, parentOf)]));
    const wanted = [...new Set([...chains.values()].flat())];
    return nearest(chains, await repo.targetsStanding(db, wanted, asAt, measureKey));
  }
}

const rank = (rag: Rag | null) => (rag === null ? 3 : ragOrder[rag]);

/** A unit and the units above it on a tree, then the council (null). */
function chainOf(unitId: string | null, parentOf: Map<string, string | null>): (string | null)[] {
  const chain: (string | null)[] = [];
  for (let id: string | null = unitId; id !== null && chain.length < 30; id = parentOf.get(id) ?? null) {
    if (chain.includes(id)) break;
    chain.push(id);
  }
  chain.push(null);
  return chain;
}

/** Each unit's parent on a date, from every version of every unit. */
function parentsOn(versions: readonly repo.UnitVersion[], asAt: IsoDate): Map<string, string | null> {
  return new Map(
    versions
      .filter((v) => v.validFrom <= asAt && (v.validTo === null || v.validTo >= asAt))
      .map((v) => [v.orgUnitId, v.parentId]),
  );
}

/**
 * The target for each unit from the rows standing on one date: the nearest unit's up its chain;
 * between two standing rows of one unit, the later start (rows come newest first).
 */
function nearest(
  chains: Map<string | null, (string | null)[]>,
  rows: readonly repo.TargetRow[],
): Map<string | null, Map<MeasureKey, StandingTarget>> {
  const out = new Map<string | null, Map<MeasureKey, StandingTarget>>();
  for (const [unitId, chain] of chains) {
    const targets = new Map<MeasureKey, StandingTarget>();
    for (const row of rows) {
      if (!isMeasureKey(row.measureKey)) continue;
      const at = chain.indexOf(row.orgUnitId);
      if (at < 0) continue;
      const held = targets.get(row.measureKey);
      if (!held || chain.indexOf(held.orgUnitId) > at) targets.set(row.measureKey, standing(row));
    }
    out.set(unitId, targets);
  }
  return out;
}

function scored(value: MeasureValue, target: StandingTarget | null): ScoredMeasure {
  return { ...value, target, rag: target ? ragOf(value.value, target) : null };
}

function standing(row: repo.TargetRow): StandingTarget {
  return {
    id: row.id,
    key: row.measureKey as MeasureKey,
    orgUnitId: row.orgUnitId,
    direction: row.direction,
    target: row.target,
    amberFrom: row.amberFrom,
    targetDate: row.targetDate,
    validFrom: row.validFrom,
  };
}

function fromSnapshot(r: repo.SnapshotRow): MeasureValue {
  return {
    key: r.measureKey as MeasureKey,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    suppressed: r.suppressed,
    source: r.source,
  };
}

function fromEntry(e: repo.EntryRow): EnteredValue {
  return { ...fromSnapshot({ ...e, suppressed: false, source: "entered" }), periodEnd: e.periodEnd };
}

function snapshotRow(v: MeasureValue, unitId: string | null, periodEnd: IsoDate) {
  return {
    measureKey: v.key,
    orgUnitId: unitId,
    periodEnd,
    value: v.suppressed ? null : v.value,
    numerator: v.suppressed ? null : v.numerator,
    denominator: v.suppressed ? null : v.denominator,
    suppressed: v.suppressed,
  };
}
