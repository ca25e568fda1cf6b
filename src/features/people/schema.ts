import type { ColumnType, Generated, Selectable } from "kysely";
import type {
  ContractType,
  FosterApprovalType,
  PartnerSector,
  PersonKind,
  SweStatus,
  UnitType,
} from "./reference/domain.js";

type TenantId = ColumnType<string, string | undefined, never>;
/** A calendar date as ISO yyyy-mm-dd (the pg DATE parser leaves it a string). */
type DateCol = string;
type Numeric = ColumnType<number, number | string, number | string>;

export interface OrgUnitsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  code: string;
  created_at: Generated<Date>;
}

export interface OrgUnitVersionsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  org_unit_id: string;
  name: string;
  unit_type: UnitType;
  parent_id: string | null;
  manager_person_id: string | null;
  valid_from: DateCol;
  valid_to: DateCol | null;
}

export interface PartnerOrganisationsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  name: string;
  sector: PartnerSector;
}

export interface FosterHouseholdsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  reference: string;
  name: string;
  approval_type: FosterApprovalType;
  approved_on: DateCol;
  supervising_social_worker_id: string | null;
  annual_review_due_on: DateCol | null;
  deregistered_on: DateCol | null;
}

export interface PeopleTable {
  id: Generated<string>;
  tenant_id: TenantId;
  kind: ColumnType<PersonKind, PersonKind | undefined, PersonKind>;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  email: string | null;
  phone: string | null;
  employee_number: string | null;
  swe_number: string | null;
  swe_status: SweStatus | null;
  swe_first_registered_on: DateCol | null;
  swe_last_checked_on: DateCol | null;
  started_on: DateCol | null;
  foster_household_id: string | null;
  partner_organisation_id: string | null;
  partner_status: "requested" | "approved" | "declined" | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  anonymised_on: ColumnType<DateCol | null, DateCol | null | undefined, DateCol | null>;
}

export interface PersonEqualityTable {
  id: Generated<string>;
  person_id: string;
  tenant_id: TenantId;
  date_of_birth: DateCol | null;
  gender: "0" | "1" | "2" | "9" | null;
  ethnicity: string | null;
  disability: "yes" | "no" | "not_declared" | null;
}

export interface JobRolesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  code: string;
  name: string;
  social_work_qualified: ColumnType<boolean, boolean | undefined, boolean>;
  case_holder: ColumnType<boolean, boolean | undefined, boolean>;
  dfe_org_role: number | null;
  sort_order: ColumnType<number, number | undefined, number>;
}

export interface CareerLevelsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  code: string;
  name: string;
  sort_order: ColumnType<number, number | undefined, number>;
}

export interface PostsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  reference: string;
  org_unit_id: string;
  job_role_id: string;
  grade: string | null;
  fte: Numeric;
  social_work_qualified: ColumnType<boolean, boolean | undefined, boolean>;
  valid_from: DateCol;
  valid_to: DateCol | null;
}

export interface AssignmentsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  post_id: string | null;
  org_unit_id: string;
  job_role_id: string;
  career_level: string | null;
  contract_type: ContractType;
  fte: Numeric;
  line_manager_person_id: string | null;
  valid_from: DateCol;
  valid_to: DateCol | null;
}

export interface LeavingsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  left_on: DateCol;
  reason_code: number;
  destination_code: number | null;
  exit_themes: ColumnType<string[], string[] | undefined, string[]>;
  exit_notes: string | null;
  recorded_at: Generated<Date>;
}

export interface PersonSourceIdsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  source: string;
  external_id: string;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    org_units: OrgUnitsTable;
    org_unit_versions: OrgUnitVersionsTable;
    partner_organisations: PartnerOrganisationsTable;
    foster_households: FosterHouseholdsTable;
    people: PeopleTable;
    person_equality: PersonEqualityTable;
    job_roles: JobRolesTable;
    career_levels: CareerLevelsTable;
    posts: PostsTable;
    assignments: AssignmentsTable;
    leavings: LeavingsTable;
    person_source_ids: PersonSourceIdsTable;
  }
}

export type Person = Selectable<PeopleTable>;
export type Assignment = Selectable<AssignmentsTable>;
export type Post = Selectable<PostsTable>;
export type OrgUnitVersion = Selectable<OrgUnitVersionsTable>;
export type JobRole = Selectable<JobRolesTable>;
export type Leaving = Selectable<LeavingsTable>;
export type FosterHousehold = Selectable<FosterHouseholdsTable>;
