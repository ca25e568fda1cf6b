import type { ColumnType, Generated } from "kysely";
import "../../platform/files/schema.js";

type TenantId = ColumnType<string, string | undefined, never>;
/** A calendar date as ISO yyyy-mm-dd (the pg DATE parser leaves it a string). */
type DateCol = string;
type Numeric = ColumnType<number, number | string, number | string>;
type Json<T> = ColumnType<T, string, string>;

/** Where a milestone falls, counted from the start in full-time programme time. */
export type MilestoneOffset = { months: number } | { weeks: number };
export const milestoneKinds = ["agreement", "review", "final_review", "portfolio", "panel"] as const;
export type MilestoneKind = (typeof milestoneKinds)[number];

/** One milestone of a programme template. */
export interface MilestoneTemplate {
  code: string;
  name: string;
  kind: MilestoneKind;
  at: MilestoneOffset;
  optional?: boolean;
}

/** A standard the programme assesses against, copied into the template version (data, not code). */
export interface ProgrammeStandard {
  /** e.g. "PCF-ASYE", "KSS-CFP", "ECS-2026". */
  framework: string;
  /** Unique within the template version, e.g. "PCF-1", "KSS-6". */
  code: string;
  title: string;
}

export const evidenceKinds = [
  "observation",
  "reflection",
  "feedback_people",
  "feedback_professional",
  "training",
  "other",
] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/** The least evidence a portfolio needs, by kind (e.g. 3 direct observations). */
export type MinimumEvidence = Partial<Record<EvidenceKind, number>>;

/** Supervision rhythm: every `every` until `until` (from the start), the last stage with no end. */
export interface SupervisionStage {
  until: MilestoneOffset | null;
  every: MilestoneOffset;
}

export const routes = ["university", "step_up", "frontline", "apprenticeship", "other"] as const;
export type EntryRoute = (typeof routes)[number];
export const pauseReasons = [
  "maternity_leave",
  "adoption_leave",
  "shared_parental_leave",
  "long_sickness",
  "other",
] as const;
export type PauseReason = (typeof pauseReasons)[number];
export const judgements = ["on_track", "some_concerns", "not_on_track"] as const;
export type Judgement = (typeof judgements)[number];
export type EnrolmentStatus = "active" | "passed" | "failed" | "withdrawn";
export type PanelDecision = "endorsed" | "not_endorsed" | "deferred";

export interface EarlyCareerProgrammesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  code: string;
  name: string;
  retired_on: DateCol | null;
  created_at: Generated<Date>;
}

export interface EarlyCareerProgrammeVersionsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  programme_id: string;
  version: number;
  length_months: number;
  max_months: ColumnType<number, number | undefined, number>;
  milestones: Json<MilestoneTemplate[]>;
  standards: Json<ProgrammeStandard[]>;
  min_evidence: Json<MinimumEvidence>;
  supervision_rhythm: Json<SupervisionStage[]>;
  protected_caseload_percent: Numeric | null;
  protected_caseload_children: number | null;
  protected_time_percent: Numeric | null;
  core_course_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface EarlyCareerCohortsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  programme_id: string;
  name: string;
  intake_on: DateCol;
  coordinator_person_id: string | null;
  created_at: Generated<Date>;
}

export interface EarlyCareerEnrolmentsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  cohort_id: string;
  person_id: string;
  programme_version_id: string;
  route: EntryRoute;
  registered_on: DateCol | null;
  start_on: DateCol;
  fte: ColumnType<number, number | string | undefined, number | string>;
  org_unit_id: string | null;
  line_manager_person_id: string | null;
  assessor_person_id: string | null;
  mentor_person_id: string | null;
  status: ColumnType<EnrolmentStatus, EnrolmentStatus | undefined, EnrolmentStatus>;
  /** The planned end: template length, pro rata, plus pauses; an extension sets it. */
  end_on: DateCol;
  portfolio_submitted_on: DateCol | null;
  assessor_signed_off_on: DateCol | null;
  assessor_recommendation: "pass" | "fail" | null;
  panel_on: DateCol | null;
  panel_decision: PanelDecision | null;
  panel_notes: string | null;
  moderation_sampled: ColumnType<boolean, boolean | undefined, boolean>;
  moderation_outcome: string | null;
  outcome_on: DateCol | null;
  outcome_recorded_by: string | null;
  withdrawn_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EarlyCareerPausesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  enrolment_id: string;
  reason: PauseReason;
  from_on: DateCol;
  to_on: DateCol | null;
  notes: string | null;
  recorded_by: string;
  created_at: Generated<Date>;
}

export interface EarlyCareerExtensionsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  enrolment_id: string;
  reason: string;
  approved_by: string;
  new_end_on: DateCol;
  recorded_on: DateCol;
  recorded_by: string;
  created_at: Generated<Date>;
}

export interface EarlyCareerMilestonesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  enrolment_id: string;
  code: string;
  name: string;
  kind: MilestoneKind;
  sequence: number;
  optional: ColumnType<boolean, boolean | undefined, boolean>;
  due_on: DateCol;
  completed_on: DateCol | null;
}

export interface EarlyCareerReviewsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  milestone_id: string;
  enrolment_id: string;
  held_on: DateCol;
  /** None for the support and assessment agreement. */
  judgement: Judgement | null;
  evidence_seen: string | null;
  action_plan: string | null;
  recorded_by_person_id: string | null;
  recorded_by: string;
  nqsw_confirmed_on: DateCol | null;
  manager_confirmed_on: DateCol | null;
  manager_confirmed_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EarlyCareerEvidenceTable {
  id: Generated<string>;
  tenant_id: TenantId;
  enrolment_id: string;
  kind: EvidenceKind;
  title: string;
  occurred_on: DateCol;
  summary: string | null;
  observer_name: string | null;
  /** Codes of the template version's standards. */
  standards: ColumnType<string[], string[] | undefined, string[]>;
  learning_record_id: string | null;
  stored_file_id: string | null;
  added_by_person_id: string | null;
  added_as: "nqsw" | "assessor" | "coordinator";
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EarlyCareerProgressionsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  enrolment_id: string;
  person_id: string;
  /** The level the person held when they passed (null if they had none). */
  from_career_level: string | null;
  to_career_level: string;
  pay_point: string | null;
  effective_on: DateCol;
  status: ColumnType<"open" | "confirmed", "open" | "confirmed" | undefined, "open" | "confirmed">;
  confirmed_on: DateCol | null;
  confirmed_source: "hr" | "feed" | null;
  confirmed_by: string | null;
  created_at: Generated<Date>;
}

export interface EarlyCareerProtectionChecksTable {
  id: Generated<string>;
  tenant_id: TenantId;
  enrolment_id: string;
  recorded_on: DateCol;
  caseload_children: number | null;
  development_time_percent: Numeric | null;
  source: ColumnType<"manual" | "caseloads", "manual" | "caseloads" | undefined, "manual" | "caseloads">;
  notes: string | null;
  recorded_by: string;
  created_at: Generated<Date>;
}

export interface EarlyCareerMilestoneFlagsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  milestone_id: string;
  due_on: DateCol;
  flagged_on: DateCol;
}

export interface EarlyCareerSurveyInvitationsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  enrolment_id: string;
  invited_on: DateCol;
  responded: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface EarlyCareerSurveyResponsesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  programme_id: string;
  /** e.g. "2026 to 2027": the programme year the person completed in (1 September to 31 August). */
  programme_year: string;
  answers: Json<Record<string, string | number | null>>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    early_career_programmes: EarlyCareerProgrammesTable;
    early_career_programme_versions: EarlyCareerProgrammeVersionsTable;
    early_career_cohorts: EarlyCareerCohortsTable;
    early_career_enrolments: EarlyCareerEnrolmentsTable;
    early_career_pauses: EarlyCareerPausesTable;
    early_career_extensions: EarlyCareerExtensionsTable;
    early_career_milestones: EarlyCareerMilestonesTable;
    early_career_reviews: EarlyCareerReviewsTable;
    early_career_evidence: EarlyCareerEvidenceTable;
    early_career_progressions: EarlyCareerProgressionsTable;
    early_career_protection_checks: EarlyCareerProtectionChecksTable;
    early_career_milestone_flags: EarlyCareerMilestoneFlagsTable;
    early_career_survey_invitations: EarlyCareerSurveyInvitationsTable;
    early_career_survey_responses: EarlyCareerSurveyResponsesTable;
  }
}
