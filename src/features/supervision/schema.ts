import type { ColumnType, Generated } from "kysely";
import "../people/schema.js";

type TenantId = ColumnType<string, string | undefined, never>;
/** A calendar date as ISO yyyy-mm-dd (the pg DATE parser leaves it a string). */
type DateCol = string;

/** What a supervision was. `case` is case supervision imported from the case management system. */
export const supervisionKinds = [
  "individual",
  "group",
  "reflective",
  "practice_model_group",
  "case",
] as const;
export type SupervisionKind = (typeof supervisionKinds)[number];
export const supervisionStatuses = ["held", "cancelled"] as const;
export type SupervisionStatus = (typeof supervisionStatuses)[number];

/** Which people a policy rule is for; `early_career` takes the rhythm from the NQSW's template. */
export const ruleTargets = ["default", "job_role", "career_level", "early_career"] as const;
export type RuleTarget = (typeof ruleTargets)[number];
export type EveryUnit = "weeks" | "months";
/** `same`: part-time staff are supervised as often as full-time; `pro_rata`: the interval is divided by FTE. */
export type PartTimeTreatment = "same" | "pro_rata";

/** Where a person stands on a date: in date, due within the "due soon" days, or overdue. */
export type ComplianceStatus = "in_date" | "due" | "overdue";

/** Themes an observer of supervision may record (reportable). */
export const observationThemes = [
  "child_focus",
  "reflection_and_analysis",
  "risk_and_decision_making",
  "wellbeing_and_support",
  "practice_model",
  "smart_actions",
  "learning_and_development",
  "relationship_and_challenge",
] as const;
export type ObservationTheme = (typeof observationThemes)[number];
export const qualityGrades = ["outstanding", "good", "requires_improvement", "inadequate"] as const;
export type QualityGrade = (typeof qualityGrades)[number];

export interface ImportReportRow {
  row: number;
  outcome: "added" | "unchanged" | "rejected";
  message?: string;
}

export interface SupervisionSettingsTable {
  tenant_id: TenantId;
  max_direct_reports: ColumnType<number, number | undefined, number>;
  due_soon_days: ColumnType<number, number | undefined, number>;
  in_date_target_percent: ColumnType<number, number | string | undefined, number | string>;
  updated_at: Generated<Date>;
}

export interface SupervisionPolicyRulesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  applies_to: RuleTarget;
  job_role_id: string | null;
  career_level: string | null;
  every_value: number | null;
  every_unit: EveryUnit | null;
  part_time: ColumnType<PartTimeTreatment, PartTimeTreatment | undefined, PartTimeTreatment>;
  counting_kinds: ColumnType<SupervisionKind[], SupervisionKind[] | undefined, SupervisionKind[]>;
  expected_minutes: number | null;
  valid_from: DateCol;
  valid_to: DateCol | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface SupervisionAgreementsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  supervisor_person_id: string | null;
  agreed_on: DateCol;
  review_on: DateCol | null;
  frequency_text: string | null;
  arrangements: string | null;
  supervisee_signed_on: DateCol | null;
  supervisor_signed_on: DateCol | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SupervisionImportsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  filename: string;
  sha256: string;
  trigger: "upload" | "feed";
  status: "applied" | "rejected";
  rows_total: ColumnType<number, number | undefined, number>;
  rows_added: ColumnType<number, number | undefined, number>;
  rows_unchanged: ColumnType<number, number | undefined, number>;
  rows_rejected: ColumnType<number, number | undefined, number>;
  report: ColumnType<ImportReportRow[], string | undefined, string>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface SupervisionsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  supervisor_person_id: string | null;
  kind: SupervisionKind;
  held_on: DateCol;
  status: SupervisionStatus;
  cancelled_reason: string | null;
  rearranged_on: DateCol | null;
  duration_minutes: number | null;
  actions: string | null;
  source: ColumnType<"recorded" | "imported", "recorded" | "imported" | undefined, "recorded" | "imported">;
  import_id: string | null;
  confirmed_on: DateCol | null;
  recorded_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** The reflective note: only the supervisee and the supervisor read it; never audited, logged or exported. */
export interface SupervisionNotesTable {
  supervision_id: string;
  tenant_id: TenantId;
  note: string;
  updated_at: Generated<Date>;
}

export interface SupervisionObservationsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  supervision_id: string | null;
  supervisor_person_id: string;
  observer_person_id: string | null;
  observed_on: DateCol;
  themes: ColumnType<ObservationTheme[], ObservationTheme[] | undefined, ObservationTheme[]>;
  rating: QualityGrade | null;
  strengths: string | null;
  development: string | null;
  recorded_by: string;
  created_at: Generated<Date>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    supervision_settings: SupervisionSettingsTable;
    supervision_policy_rules: SupervisionPolicyRulesTable;
    supervision_agreements: SupervisionAgreementsTable;
    supervision_imports: SupervisionImportsTable;
    supervisions: SupervisionsTable;
    supervision_notes: SupervisionNotesTable;
    supervision_observations: SupervisionObservationsTable;
  }
}
