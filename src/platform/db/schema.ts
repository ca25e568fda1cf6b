import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/**
 * The platform's own tables. Features add theirs by declaration merging:
 *   declare module "../../platform/db/schema.js" { interface Database { posts: PostsTable } }
 * Every domain table carries `tenant_id` (filled from the transaction's tenant by default).
 */
export interface Database {
  tenants: TenantsTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  audit_field_classes: AuditFieldClassesTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  outbox_messages: OutboxMessagesTable;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TenantId = ColumnType<string, string | undefined, never>;

export interface TenantsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  hostnames: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  expires_at: Timestamp;
  updated_at: Timestamp;
}

export type FieldClass = "ordinary" | "equality" | "private_note" | "secret";

export interface AuditFieldClassesTable {
  table_name: string;
  column_name: string;
  class: Exclude<FieldClass, "ordinary">;
}

export interface AuditEventsTable {
  id: Generated<number>;
  tenant_id: string;
  occurred_at: Date;
  actor: string;
  table_name: string;
  record_id: string | null;
  action: "insert" | "update" | "delete";
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changed: string[] | null;
}

export type JobStatus = "queued" | "running" | "succeeded" | "failed";

export interface JobsTable {
  id: Generated<number>;
  tenant_id: string | null;
  name: string;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  run_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  progress: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface JobSchedulesTable {
  name: string;
  cron: string;
  next_run_at: Timestamp;
  last_run_at: Timestamp | null;
}

export type OutboxStatus = "pending" | "sent" | "held" | "failed";

export interface OutboxMessagesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  to_address: string;
  subject: string;
  body: string;
  reference: string | null;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  provider_id: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export type Tenant = Selectable<TenantsTable>;
export type NewJob = Insertable<JobsTable>;
