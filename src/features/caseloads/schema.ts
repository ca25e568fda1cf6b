import type { ColumnType, Generated } from "kysely";
import "../people/schema.js";

type TenantId = ColumnType<string, string | undefined, never>;
/** A calendar date as ISO yyyy-mm-dd (the pg DATE parser leaves it a string). */
type DateCol = string;
type NullableNumeric = ColumnType<number | null, number | string | null | undefined, number | string | null>;

export const targetKinds = ["team_average", "individual_cap"] as const;
export type TargetKind = (typeof targetKinds)[number];
export const snapshotSources = ["feed", "upload", "typed"] as const;
export type SnapshotSource = (typeof snapshotSources)[number];

/** Children by case category, e.g. { child_protection: 3, child_in_need: 5 }. */
export type CaseCategories = Record<string, number>;

export interface SnapshotReportRow {
  row: number;
  outcome: "added" | "rejected";
  message?: string;
}

export interface CaseloadTargetsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  kind: TargetKind;
  org_unit_id: string | null;
  job_role_id: string | null;
  career_level: string | null;
  children: NullableNumeric;
  percent_of_team: NullableNumeric;
  valid_from: DateCol;
  valid_to: DateCol | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface CaseloadWeightsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  category: string;
  name: string;
  weight: ColumnType<number, number | string, number | string>;
  valid_from: DateCol;
  valid_to: DateCol | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface CaseloadSnapshotsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  as_at: DateCol;
  source: SnapshotSource;
  filename: string | null;
  sha256: string | null;
  rows_total: ColumnType<number, number | undefined, number>;
  rows_rejected: ColumnType<number, number | undefined, number>;
  report: ColumnType<SnapshotReportRow[], string | undefined, string>;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseloadEntriesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  snapshot_id: string;
  person_id: string;
  /** The snapshot's date, copied so that "as at" queries need no join. */
  as_at: DateCol;
  children: number;
  categories: ColumnType<CaseCategories | null, string | null | undefined, string | null>;
  weighted: NullableNumeric;
}

export interface CaseloadAlertsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  entry_id: string;
  person_id: string;
  manager_person_id: string | null;
  as_at: DateCol;
  children: number;
  cap: ColumnType<number, number | string, number | string>;
  created_at: Generated<Date>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    caseload_targets: CaseloadTargetsTable;
    caseload_weights: CaseloadWeightsTable;
    caseload_snapshots: CaseloadSnapshotsTable;
    caseload_entries: CaseloadEntriesTable;
    caseload_alerts: CaseloadAlertsTable;
  }
}
