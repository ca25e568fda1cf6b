import type { ColumnType, Generated, Selectable } from "kysely";
import "../people/schema.js";

type TenantId = ColumnType<string, string | undefined, never>;
/** A calendar date as ISO yyyy-mm-dd (the pg DATE parser leaves it a string). */
type DateCol = string;
type Numeric = ColumnType<number, number | string, number | string>;
type NullableNumeric = ColumnType<number | null, number | string | null | undefined, number | string | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export const directions = ["higher", "lower"] as const;
/** Whether a higher or a lower value is better. */
export type Direction = (typeof directions)[number];

export const rags = ["green", "amber", "red"] as const;
export type Rag = (typeof rags)[number];

export const entrySources = ["form", "import"] as const;
export type EntrySource = (typeof entrySources)[number];

export const actionStatuses = ["not_started", "on_track", "at_risk", "off_track", "complete"] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/**
 * A target for a measure in a unit (null: the whole council), effective-dated: a new target starts
 * the day the old one ends, so the trend chart draws the target that stood in each month.
 * Green: the value meets `target` (direction decides which side); amber: it is no worse than
 * `amber_from`; red: worse than that.
 */
export interface PerformanceTargetsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  measure_key: string;
  org_unit_id: string | null;
  direction: Direction;
  target: Numeric;
  amber_from: Numeric;
  /** The date by which the strategy says the target is to be met (Slough: "March 2015"). */
  target_date: DateCol | null;
  valid_from: DateCol;
  valid_to: DateCol | null;
  created_by: string;
  created_at: Generated<Date>;
}

/** Who owns a measure: writes its commentary for the board. One per measure per council. */
export interface PerformanceMeasureOwnersTable {
  id: Generated<string>;
  tenant_id: TenantId;
  measure_key: string;
  owner_person_id: string;
  updated_by: string;
  updated_at: Generated<Date>;
}

/**
 * A value of a measure the platform does not hold (assessments within 45 days, visits in time,
 * audit grades, changes of social worker), entered on a form or imported, for a month and a unit
 * (null: the whole council). The same month again replaces the value (audited).
 */
export interface PerformanceEntriesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  measure_key: string;
  org_unit_id: string | null;
  /** The month's last day: periods are calendar months. */
  period_end: DateCol;
  value: Numeric;
  numerator: NullableNumeric;
  denominator: NullableNumeric;
  source: EntrySource;
  note: string | null;
  entered_by: string;
  entered_at: Generated<Date>;
}

/**
 * A measure's value for a month and unit (null: the council) as the monthly job found it. Written
 * once and never recomputed, so last month's board report reads the same whatever changes today.
 */
export interface PerformanceSnapshotsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  measure_key: string;
  org_unit_id: string | null;
  period_end: DateCol;
  value: NullableNumeric;
  numerator: NullableNumeric;
  denominator: NullableNumeric;
  /** The value was held back because it counts fewer than 5 people. */
  suppressed: WithDefault<boolean>;
  source: "computed" | "entered";
  taken_at: Generated<Date>;
}

/** The owner's commentary on a measure for a month (a unit's, or the council's when null). */
export interface PerformanceCommentariesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  measure_key: string;
  org_unit_id: string | null;
  period_end: DateCol;
  body: string;
  written_by: string;
  written_at: Generated<Date>;
}

/** One run of the snapshot job for a month and council: audited, as its rows are not. */
export interface PerformanceSnapshotTakesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  period_end: DateCol;
  rows: number;
  taken_by: string;
  taken_at: Generated<Date>;
}

/** A strategy's action plan (Slough's workforce strategy 2014-17). */
export interface ActionPlansTable {
  id: Generated<string>;
  tenant_id: TenantId;
  title: string;
  starts_on: DateCol;
  ends_on: DateCol | null;
  created_by: string;
  created_at: Generated<Date>;
}

/** An outcome the strategy aims for, with the measures that show progress towards it. */
export interface PlanOutcomesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  plan_id: string;
  number: number;
  title: string;
  measure_keys: WithDefault<string[]>;
}

/** An action towards an outcome: its owner, due date and status (the latest update's). */
export interface PlanActionsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  outcome_id: string;
  title: string;
  owner_person_id: string | null;
  due_on: DateCol;
  status: ActionStatus;
  completed_on: DateCol | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A dated update on an action, with its evidence (a link or a description), and the status it set. */
export interface PlanActionUpdatesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  action_id: string;
  body: string;
  evidence: string | null;
  status: ActionStatus;
  written_by: string;
  written_at: Generated<Date>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    performance_targets: PerformanceTargetsTable;
    performance_measure_owners: PerformanceMeasureOwnersTable;
    performance_entries: PerformanceEntriesTable;
    performance_snapshots: PerformanceSnapshotsTable;
    performance_snapshot_takes: PerformanceSnapshotTakesTable;
    performance_commentaries: PerformanceCommentariesTable;
    action_plans: ActionPlansTable;
    plan_outcomes: PlanOutcomesTable;
    plan_actions: PlanActionsTable;
    plan_action_updates: PlanActionUpdatesTable;
  }
}

export type PerformanceTarget = Selectable<PerformanceTargetsTable>;
export type PerformanceSnapshot = Selectable<PerformanceSnapshotsTable>;
export type PerformanceEntry = Selectable<PerformanceEntriesTable>;
export type PlanAction = Selectable<PlanActionsTable>;
