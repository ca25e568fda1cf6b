import type { ColumnType, Generated, Selectable } from "kysely";

type TenantId = ColumnType<string, string | undefined, never>;
type Numeric = ColumnType<string | null, number | null | undefined, number | null>;

export interface LearningCoursesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  code: string;
  title: string;
  summary: string | null;
  tier: string;
  group_key: string;
  strand: string | null;
  strand_level: string | null;
  delivery: string;
  duration_hours: Numeric;
  cpd_hours: Numeric;
  provider: string | null;
  cost_pence: number | null;
  audience: string | null;
  booking_route: string;
  outcomes: ColumnType<string[], string[] | undefined, string[]>;
  pcf_domains: ColumnType<string[], string[] | undefined, string[]>;
  kss_statements: ColumnType<string[], string[] | undefined, string[]>;
  prerequisite_course_ids: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<"active" | "withdrawn", "active" | "withdrawn" | undefined, "active" | "withdrawn">;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type Course = Selectable<LearningCoursesTable>;

type DateCol = string;
type Arr<T> = ColumnType<T[], T[] | undefined, T[]>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type StampNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface LearningSettingsTable {
  tenant_id: TenantId;
  offer_hours: ColumnType<number, number | undefined, number>;
  cancel_cutoff_days: ColumnType<number, number | undefined, number>;
  /** Waiting-list priority, highest first: "nqsw", "overdue" (see bookings). */
  waiting_priority: Arr<string>;
  updated_at: Stamp;
}

export interface LearningRequirementsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  code: string;
  title: string;
  description: string | null;
  created_at: Generated<Date>;
}
export type Requirement = Selectable<LearningRequirementsTable>;

/** A requirement's rules from valid_from to valid_to (inclusive). Empty audience arrays = anyone. */
export interface LearningRequirementVersionsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  requirement_id: string;
  valid_from: DateCol;
  valid_to: DateCol | null;
  course_ids: string[];
  person_kinds: Arr<string>;
  job_role_ids: Arr<string>;
  career_levels: Arr<string>;
  /** Units whose subtrees the requirement covers. */
  org_unit_ids: Arr<string>;
  contract_types: Arr<string>;
  carer_approval_types: Arr<string>;
  due_within_days: number;
  /** Foster carers: the clock starts at the household's approval, 12 months (18 connected persons). */
  carers_from_approval: ColumnType<boolean, boolean | undefined, boolean>;
  renew_every_months: number | null;
  grace_days: ColumnType<number, number | undefined, number>;
  due_soon_days: ColumnType<number, number | undefined, number>;
  restarts_clock: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string;
  created_at: Generated<Date>;
}
export type RequirementVersionRow = Selectable<LearningRequirementVersionsTable>;

export type RecordSource = "attendance" | "e_learning" | "external" | "prior_learning";
export type Verification = "verified" | "awaiting" | "rejected";

export interface LearningRecordsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  course_id: string | null;
  title: string;
  completed_on: DateCol;
  source: RecordSource;
  hours: Numeric;
  provider: string | null;
  evidence_upload_id: string | null;
  evidence_note: string | null;
  expires_on: DateCol | null;
  verification: ColumnType<Verification, Verification | undefined, Verification>;
  verified_by: string | null;
  verified_at: StampNull;
  booking_id: string | null;
  /** The sending system's key (e-learning: platform, user, course, date), for idempotent imports. */
  external_ref: string | null;
  created_by: string;
  created_at: Generated<Date>;
}
export type LearningRecord = Selectable<LearningRecordsTable>;

export interface LearningExemptionsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  requirement_id: string;
  from_on: DateCol;
  to_on: DateCol | null;
  reason: string;
  approved_by: string;
  created_by: string;
  created_at: Generated<Date>;
}

export type PauseReason = "maternity_or_adoption" | "long_sickness" | "other";
export interface LearningPausesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  from_on: DateCol;
  to_on: DateCol | null;
  reason: PauseReason;
  note: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export type SessionStatus = "scheduled" | "cancelled";
export interface LearningSessionsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  course_id: string;
  capacity: number;
  minimum: ColumnType<number, number | undefined, number>;
  booking_closes_on: DateCol;
  venue: string | null;
  room: string | null;
  online_link: string | null;
  trainers: Arr<string>;
  notes: string | null;
  status: ColumnType<SessionStatus, SessionStatus | undefined, SessionStatus>;
  cancelled_reason: string | null;
  /** Bumped on every change, so calendars replace the event (.ics SEQUENCE). */
  ics_sequence: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Stamp;
}
export type LearningSession = Selectable<LearningSessionsTable>;

export interface LearningSessionPartsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  session_id: string;
  part_number: number;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
}
export type SessionPart = Selectable<LearningSessionPartsTable>;

export const liveBookingStatuses = ["requested", "booked", "waiting", "offered"] as const;
export type BookingStatus =
  | (typeof liveBookingStatuses)[number]
  | "cancelled"
  | "declined"
  | "rejected"
  | "lapsed";
export type BookingOutcome = "completed" | "partly_attended" | "no_show";

export interface LearningBookingsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  session_id: string;
  person_id: string;
  status: BookingStatus;
  approval_by: "manager" | "learning_team" | null;
  requested_by: string;
  decided_by: string | null;
  decided_at: StampNull;
  decision_note: string | null;
  waiting_since: StampNull;
  offer_expires_at: StampNull;
  cancelled_at: StampNull;
  cancel_reason: string | null;
  outcome: BookingOutcome | null;
  created_at: Generated<Date>;
  updated_at: Stamp;
}
export type Booking = Selectable<LearningBookingsTable>;

export type AttendanceStatus = "attended" | "partly_attended" | "no_show";
export interface LearningAttendanceTable {
  id: Generated<string>;
  tenant_id: TenantId;
  booking_id: string;
  part_id: string;
  status: AttendanceStatus;
  no_show_reason: string | null;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

export interface LearningInterestTable {
  id: Generated<string>;
  tenant_id: TenantId;
  course_id: string;
  person_id: string;
  note: string | null;
  registered_at: Generated<Date>;
}

export interface LearningElearningTitlesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  /** The title folded for matching (lower case, single spaces). */
  title_key: string;
  title: string;
  /** Null: seen, not yet mapped. */
  course_id: string | null;
  created_at: Generated<Date>;
}

export interface LearningElearningRunsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  filename: string;
  trigger: "upload" | "folder";
  status: "imported" | "failed";
  counts: ColumnType<Record<string, number>, string | undefined, string>;
  unmatched: ColumnType<Array<Record<string, string>>, string | undefined, string>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface LearningRemindersSentTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  requirement_id: string;
  kind: "due_soon" | "overdue" | "expired";
  due_on: DateCol;
  sent_at: Generated<Date>;
}

export interface LearningComplianceTable {
  tenant_id: TenantId;
  person_id: string;
  requirement_id: string;
  as_at: DateCol;
  /** The unit of the person's assignment on as_at (the team a percentage counts them in). */
  org_unit_id: string | null;
  status: string;
  due_on: DateCol | null;
  expires_on: DateCol | null;
  grace_ends_on: DateCol | null;
  met_on: DateCol | null;
  met_course_id: string | null;
}

export interface LearningComplianceStaleTable {
  id: Generated<string>;
  tenant_id: TenantId;
  /** Null: everyone (a rule changed). */
  person_id: string | null;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    learning_courses: LearningCoursesTable;
    learning_settings: LearningSettingsTable;
    learning_requirements: LearningRequirementsTable;
    learning_requirement_versions: LearningRequirementVersionsTable;
    learning_records: LearningRecordsTable;
    learning_exemptions: LearningExemptionsTable;
    learning_pauses: LearningPausesTable;
    learning_sessions: LearningSessionsTable;
    learning_session_parts: LearningSessionPartsTable;
    learning_bookings: LearningBookingsTable;
    learning_attendance: LearningAttendanceTable;
    learning_interest: LearningInterestTable;
    learning_elearning_titles: LearningElearningTitlesTable;
    learning_elearning_runs: LearningElearningRunsTable;
    learning_reminders_sent: LearningRemindersSentTable;
    learning_compliance: LearningComplianceTable;
    learning_compliance_stale: LearningComplianceStaleTable;
  }
}
