import type { AccessScope } from "../../../platform/auth/principal.js";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import type { Direction, Rag } from "../schema.js";
import type { MeasureKey } from "./definitions.js";

/** One measure's value for a unit (null: the council) on a date or for a month. */
export interface MeasureValue {
  key: MeasureKey;
  /** Percent as 0-100 (one decimal), number or count; null when there is nothing to count or it is held back. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Held back: it counts fewer than 5 people, or beside its siblings it would give such a figure away. */
  suppressed: boolean;
  source: "computed" | "entered";
  /** An entered value's month, when it is an earlier month's than the one asked for. */
  periodEnd?: IsoDate;
  /** A past month with no snapshot for the unit (the job has not run, or the unit is new): worked out now, so it may change. */
  provisional?: true;
}

/** The target standing for a measure in a unit on a date: the unit's own, else the nearest unit above's, else the council's. */
export interface StandingTarget {
  id: string;
  key: MeasureKey;
  /** The unit the target was set for (null: the council), which may be above the unit asked about. */
  orgUnitId: string | null;
  direction: Direction;
  target: number;
  amberFrom: number;
  targetDate: IsoDate | null;
  validFrom: IsoDate;
}

/** A measure on the scorecard: its value, the target standing and the RAG. */
export interface ScoredMeasure extends MeasureValue {
  target: StandingTarget | null;
  rag: Rag | null;
}

/**
 * What the measure library offers the scorecard, board report and home pages; decorated on the
 * app as `performance`. Every method takes the unit (null: the whole council) and includes the
 * units below it. Access (whether the viewer reaches the unit) is the caller's check.
 */
export interface PerformanceApi {
  /** Every measure's value for the unit on the date: computed live, entered ones from the month's entry. Cached by data version. */
  valuesOn(
    ctx: TenantContext,
    options: { unitId: string | null; asAt: IsoDate },
  ): Promise<Map<MeasureKey, MeasureValue>>;
  /** The targets standing on the date for the unit (inherited from above when it has none). */
  targetsOn(
    ctx: TenantContext,
    options: { unitId: string | null; asAt: IsoDate },
  ): Promise<Map<MeasureKey, StandingTarget>>;
  /** valuesOn with targetsOn and the RAG, in library order. */
  scorecard(ctx: TenantContext, options: { unitId: string | null; asAt: IsoDate }): Promise<ScoredMeasure[]>;
  /**
   * The monthly snapshots of one measure for the unit over the months ending on the given month
   * ends (oldest first), with the target standing at each month end; a month with no snapshot
   * has value null. Never recomputed: what the job took is what is shown.
   */
  trend(
    ctx: TenantContext,
    options: { key: MeasureKey; unitId: string | null; periods: IsoDate[] },
  ): Promise<
    Array<{ periodEnd: IsoDate; value: MeasureValue | null; target: StandingTarget | null; rag: Rag | null }>
  >;
  /**
   * Takes the month's snapshot for the council and every unit live on the month end, for every
   * measure, unless already taken (a month is written once). Returns how many rows it wrote.
   */
  takeSnapshot(
    ctx: TenantContext,
    periodEnd: IsoDate,
    progress?: (done: number, total: number) => Promise<void>,
  ): Promise<number>;
  /**
   * The units directly below a unit (null: the top units the viewer reaches) on a date, each with
   * its scored measure: the drill-down. At the top, where the viewer reaches one unit, its own
   * units instead (down to where the tree divides).
   */
  unitsBelow(
    ctx: TenantContext,
    scope: AccessScope,
    options: { key: MeasureKey; unitId: string | null; asAt: IsoDate },
  ): Promise<Array<{ orgUnitId: string; name: string; measure: ScoredMeasure; hasChildren: boolean }>>;
}

declare module "fastify" {
  interface FastifyInstance {
    performance: PerformanceApi;
  }
}
