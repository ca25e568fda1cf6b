import type { ColumnType, Generated, Selectable } from "kysely";
import "../people/schema.js";

type TenantId = ColumnType<string, string | undefined, never>;
/** A calendar date as ISO yyyy-mm-dd (the pg DATE parser leaves it a string). */
type DateCol = string;
type Numeric = ColumnType<number, number | string, number | string>;
type NullableNumeric = ColumnType<number | null, number | string | null | undefined, number | string | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type Json<T> = ColumnType<T, string | undefined, string>;

export const feedKinds = ["agency", "absence", "stability", "indicators"] as const;
export type WorkforceFeedKind = (typeof feedKinds)[number];

export const stayOutcomes = ["staying", "undecided", "leaving", "left"] as const;
export type StayOutcome = (typeof stayOutcomes)[number];

export const recruitmentStages = [
  "applied",
  "shortlisted",
  "interviewed",
  "offered",
  "accepted",
  "dbs_cleared",
  "started",
  "withdrawn",
] as const;
export type RecruitmentStage = (typeof recruitmentStages)[number];

export const campaignStatuses = ["open", "closed", "filled", "withdrawn"] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** One refused or noted row of a feed file. */
export interface FeedReportRow {
  row: number;
  outcome: "applied" | "unchanged" | "rejected";
  message?: string;
}

export interface WorkforceSettingsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  la_code: string | null;
  lea_number: string | null;
  region_code: string | null;
  comparator_codes: WithDefault<string[]>;
  working_days_per_year: WithDefault<number>;
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface WorkforceFeedRunsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  kind: WorkforceFeedKind;
  trigger: "feed" | "upload";
  filename: string;
  sha256: string;
  rows_total: WithDefault<number>;
  rows_applied: WithDefault<number>;
  rows_unchanged: WithDefault<number>;
  rows_rejected: WithDefault<number>;
  report: Json<FeedReportRow[]>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface AgencyPlacementsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  placement_ref: string;
  agency_name: string;
  person_id: string;
  assignment_id: string | null;
  post_id: string | null;
  org_unit_id: string;
  fte: Numeric;
  starts_on: DateCol;
  ends_on: DateCol | null;
  feed_run_id: string | null;
  updated_at: Generated<Date>;
}

export interface SicknessAbsencesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  period_from: DateCol;
  period_to: DateCol;
  working_days_lost: Numeric;
  feed_run_id: string | null;
}

export interface StayConversationsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  held_on: DateCol;
  held_by_person_id: string | null;
  themes: WithDefault<string[]>;
  actions: string | null;
  outcome: StayOutcome;
  follow_up_on: DateCol | null;
  recorded_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StabilityFiguresTable {
  id: Generated<string>;
  tenant_id: TenantId;
  census_year: number;
  org_unit_id: string | null;
  children: number;
  children_three_plus: number;
  feed_run_id: string | null;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

/** The DfE's published components and rates, by column name of csww_indicators_*.csv. */
export const indicatorColumns = [
  "inpost_fte",
  "inpost_headcount",
  "starters_fte",
  "starters_headcount",
  "leavers_fte",
  "leavers_headcount",
  "turnover_rate_fte",
  "turnover_rate_headcount",
  "agency_fte",
  "agency_headcount",
  "agency_rate_fte",
  "agency_rate_headcount",
  "agency_cover_fte",
  "agency_cover_rate_fte",
  "vacancy_fte",
  "vacancy_rate_fte",
  "vacancy_agency_cover_rate_fte",
  "case_holders_fte",
  "cases",
  "caseload_fte",
  "working_days_lost_fte",
  "absence_rate_fte",
] as const;
export type IndicatorColumn = (typeof indicatorColumns)[number];

export type DfeIndicatorsTable = {
  id: Generated<string>;
  tenant_id: TenantId;
  time_period: number;
  geographic_level: "National" | "Regional" | "Local authority";
  area_code: string;
  area_name: string;
  region_code: string | null;
  old_la_code: string | null;
  feed_run_id: string | null;
} & { [K in IndicatorColumn]: NullableNumeric };

export interface RecruitmentCampaignsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  reference: string;
  title: string;
  org_unit_id: string;
  post_id: string | null;
  job_role_id: string | null;
  fte: Numeric;
  advert_opens_on: DateCol;
  advert_closes_on: DateCol | null;
  channels: WithDefault<string[]>;
  status: WithDefault<CampaignStatus>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface RecruitmentApplicantsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  campaign_id: string;
  given_name: string;
  family_name: string;
  email: string | null;
  source: string;
  reasons_applied: WithDefault<string[]>;
  stage: WithDefault<RecruitmentStage>;
  stage_on: DateCol;
  person_id: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface RecruitmentStageEventsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  applicant_id: string;
  stage: RecruitmentStage;
  on_date: DateCol;
  recorded_by: string;
  created_at: Generated<Date>;
}

export interface WorkforceForecastAssumptionsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  horizon_months: WithDefault<number>;
  annual_turnover_percent: NullableNumeric;
  recruits_per_month: NullableNumeric;
  early_career_retention_percent: ColumnType<number, number | string | undefined, number | string>;
  agency_conversions_per_month: ColumnType<number, number | string | undefined, number | string>;
  establishment_change_fte: ColumnType<number, number | string | undefined, number | string>;
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface CensusSpecificationsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  collection_year: number;
  reference_date: DateCol;
  xsd: string;
  code_lists: Json<Record<string, Record<string, string>>>;
  rules: Json<unknown[]>;
  source_note: string;
  loaded_by: string;
  loaded_at: Generated<Date>;
}

export interface CensusPersonDetailsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  qualification_institution: string | null;
  qualification_level: number | null;
  step_up_grad: boolean | null;
  frontline_grad: boolean | null;
  start_origin: number | null;
  cfkss_status: number | null;
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface CensusReturnsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  collection_year: number;
  specification_year: number;
  reference_date: DateCol;
  workers: number;
  problems: number;
  measures: Json<Record<string, unknown>>;
  xml: string;
  generated_by: string;
  generated_at: Generated<Date>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    workforce_settings: WorkforceSettingsTable;
    workforce_feed_runs: WorkforceFeedRunsTable;
    agency_placements: AgencyPlacementsTable;
    sickness_absences: SicknessAbsencesTable;
    stay_conversations: StayConversationsTable;
    stability_figures: StabilityFiguresTable;
    dfe_indicators: DfeIndicatorsTable;
    recruitment_campaigns: RecruitmentCampaignsTable;
    recruitment_applicants: RecruitmentApplicantsTable;
    recruitment_stage_events: RecruitmentStageEventsTable;
    workforce_forecast_assumptions: WorkforceForecastAssumptionsTable;
    census_specifications: CensusSpecificationsTable;
    census_returns: CensusReturnsTable;
    census_person_details: CensusPersonDetailsTable;
  }
}

export type StayConversation = Selectable<StayConversationsTable>;
export type RecruitmentCampaign = Selectable<RecruitmentCampaignsTable>;
export type RecruitmentApplicant = Selectable<RecruitmentApplicantsTable>;
export type DfeIndicator = Selectable<DfeIndicatorsTable>;
