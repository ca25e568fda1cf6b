import type { ColumnType, Generated, Selectable } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { FeedFieldKey } from "./mapping.js";

type TenantId = ColumnType<string, string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type FeedKind = "people";
export type RunStatus = "checking" | "previewed" | "importing" | "imported" | "failed";
export type RunTrigger = "upload" | "folder";
export type ImportMode = "all" | "valid_only";
export type RowAction = "create" | "update" | "unchanged" | "reject" | "unmatched";
export type PossibleLeaverStatus = "open" | "confirmed" | "dismissed" | "reappeared";

/** Which CSV header feeds which field (header names as they appear in the file). */
export type ColumnMapping = Partial<Record<FeedFieldKey, string>>;

export interface FeedSourcesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  name: string;
  kind: ColumnType<FeedKind, FeedKind | undefined, FeedKind>;
  /** The source system whose identifiers the feed carries (person_source_ids.source). */
  system: ColumnType<string, string | undefined, string>;
  column_mapping: Json<ColumnMapping>;
  full_extract: ColumnType<boolean, boolean | undefined, boolean>;
  create_new_people: ColumnType<boolean, boolean | undefined, boolean>;
  hr_contact_email: string | null;
  folder_name: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RunCounts {
  create: number;
  update: number;
  unchanged: number;
  reject: number;
  unmatched: number;
  possibleLeavers: number;
}

export interface RunProgress {
  stage: "reading" | "saving" | "importing";
  done: number;
  total: number;
}

export interface FeedRunsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  source_id: string;
  filename: string;
  trigger: RunTrigger;
  status: RunStatus;
  mode: ImportMode | null;
  effective_on: IsoDate;
  headers: ColumnType<string[], string[] | undefined, string[]>;
  row_count: ColumnType<number, number | undefined, number>;
  counts: NullableJson<RunCounts>;
  progress: NullableJson<RunProgress>;
  error: string | null;
  /** The uploaded file, kept only until it has been checked. */
  file: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  created_by: string;
  created_at: ColumnType<Date, Date, never>;
  imported_by: string | null;
  imported_at: Date | null;
}

export interface RowError {
  column: string;
  message: string;
}

/** A row's values after checking: only the fields the mapping names (null: the cell was empty). */
export type RowData = Partial<Record<FeedFieldKey, string | number | null>>;

export interface FeedRunRowsTable {
  tenant_id: TenantId;
  run_id: string;
  row_number: number;
  external_id: string | null;
  action: RowAction;
  person_id: string | null;
  changes: ColumnType<string[], string[] | undefined, string[]>;
  errors: NullableJson<RowError[]>;
  data: NullableJson<RowData>;
  resolution: "linked" | "created" | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}

export interface FeedPossibleLeaversTable {
  id: Generated<string>;
  tenant_id: TenantId;
  source_id: string;
  run_id: string;
  person_id: string;
  external_id: string;
  status: ColumnType<PossibleLeaverStatus, PossibleLeaverStatus | undefined, PossibleLeaverStatus>;
  flagged_on: IsoDate;
  decided_by: string | null;
  decided_at: Date | null;
}

declare module "../../../platform/db/schema.js" {
  interface Database {
    feed_sources: FeedSourcesTable;
    feed_runs: FeedRunsTable;
    feed_run_rows: FeedRunRowsTable;
    feed_possible_leavers: FeedPossibleLeaversTable;
  }
}

export type FeedSource = Selectable<FeedSourcesTable>;
export type FeedRun = Omit<Selectable<FeedRunsTable>, "file">;
export type FeedRunRow = Selectable<FeedRunRowsTable>;
