import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * Organisation, posts and people, effective-dated: every row that changes over time has
 * valid_from and valid_to (the last day it holds; null while open), so any count can be asked
 * "as at" a date. A restructure or a move closes one row and opens another; nothing is overwritten.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;
  const period = sql`valid_from date not null, valid_to date,
    check (valid_to is null or valid_to >= valid_from)`;

  await sql`create table org_units (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    code text not null,
    created_at timestamptz not null default now(),
    unique (tenant_id, code)
  )`.execute(db);

  await sql`create table partner_organisations (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    name text not null,
    sector text not null check (sector in ('police', 'health', 'education', 'voluntary', 'other')),
    unique (tenant_id, name)
  )`.execute(db);

  await sql`create table foster_households (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    reference text not null,
    name text not null,
    approval_type text not null check (approval_type in ('mainstream', 'connected_person', 'short_breaks')),
    approved_on date not null,
    supervising_social_worker_id uuid,
    annual_review_due_on date,
    deregistered_on date,
    unique (tenant_id, reference)
  )`.execute(db);

  await sql`create table people (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    kind text not null default 'staff' check (kind in ('staff', 'foster_carer', 'partner_learner')),
    given_name text not null,
    family_name text not null,
    preferred_name text,
    email text,
    phone text,
    employee_number text,
    swe_number text check (swe_number ~ '^SW[1-9][0-9]{0,5}$'),
    swe_status text check (swe_status in ('registered', 'registered_with_conditions', 'suspended', 'removed')),
    swe_first_registered_on date,
    swe_last_checked_on date,
    started_on date,
    foster_household_id uuid references foster_households(id),
    partner_organisation_id uuid references partner_organisations(id),
    partner_status text check (partner_status in ('requested', 'approved', 'declined')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (tenant_id, swe_number),
    unique (tenant_id, employee_number)
  )`.execute(db);
  await sql`create index people_name on people (tenant_id, family_name, given_name)`.execute(db);
  await sql`alter table foster_households add foreign key (supervising_social_worker_id) references people(id)`.execute(
    db,
  );

  // Special category data, held apart: only HR roles read this table.
  await sql`create table person_equality (
    id uuid primary key default gen_random_uuid(),
    person_id uuid not null unique references people(id),
    ${tenant},
    date_of_birth date,
    gender text check (gender in ('0', '1', '2', '9')),
    ethnicity text,
    disability text check (disability in ('yes', 'no', 'not_declared'))
  )`.execute(db);

  await sql`create table org_unit_versions (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    org_unit_id uuid not null references org_units(id),
    name text not null,
    unit_type text not null check (unit_type in ('directorate', 'service', 'area', 'team', 'home')),
    parent_id uuid references org_units(id),
    manager_person_id uuid references people(id),
    ${period}
  )`.execute(db);
  await sql`create index org_unit_versions_unit on org_unit_versions (org_unit_id, valid_from)`.execute(db);
  await sql`create index org_unit_versions_parent on org_unit_versions (parent_id)`.execute(db);

  await sql`create table job_roles (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    code text not null,
    name text not null,
    social_work_qualified boolean not null default false,
    case_holder boolean not null default false,
    dfe_org_role smallint check (dfe_org_role between 1 and 6),
    sort_order integer not null default 0,
    unique (tenant_id, code)
  )`.execute(db);

  await sql`create table career_levels (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    code text not null,
    name text not null,
    sort_order integer not null default 0,
    unique (tenant_id, code)
  )`.execute(db);

  await sql`create table posts (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    reference text not null,
    org_unit_id uuid not null references org_units(id),
    job_role_id uuid not null references job_roles(id),
    grade text,
    fte numeric(5, 3) not null check (fte > 0 and fte <= 1.5),
    social_work_qualified boolean not null default false,
    ${period},
    unique (tenant_id, reference, valid_from)
  )`.execute(db);
  await sql`create index posts_unit on posts (org_unit_id, valid_from)`.execute(db);

  await sql`create table assignments (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id),
    post_id uuid references posts(id),
    org_unit_id uuid not null references org_units(id),
    job_role_id uuid not null references job_roles(id),
    career_level text,
    contract_type text not null check (contract_type in
      ('permanent', 'fixed_term', 'agency', 'locum', 'apprentice', 'student', 'secondee', 'volunteer')),
    fte numeric(5, 3) not null check (fte > 0 and fte <= 1.5),
    line_manager_person_id uuid references people(id),
    ${period}
  )`.execute(db);
  await sql`create index assignments_person on assignments (person_id, valid_from)`.execute(db);
  await sql`create index assignments_unit on assignments (org_unit_id, valid_from)`.execute(db);
  await sql`create index assignments_post on assignments (post_id)`.execute(db);
  await sql`create index assignments_manager on assignments (line_manager_person_id)`.execute(db);

  await sql`create table leavings (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id),
    left_on date not null,
    reason_code smallint not null check (reason_code between 1 and 10),
    destination_code smallint check (destination_code between 1 and 9),
    exit_themes text[] not null default '{}',
    exit_notes text,
    recorded_at timestamptz not null default now(),
    unique (person_id, left_on)
  )`.execute(db);

  // The identifier each source system (HR, e-learning, case management) knows a person by.
  await sql`create table person_source_ids (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id),
    source text not null,
    external_id text not null,
    unique (tenant_id, source, external_id),
    unique (tenant_id, person_id, source)
  )`.execute(db);

  for (const table of [
    "org_units",
    "partner_organisations",
    "foster_households",
    "people",
    "org_unit_versions",
    "job_roles",
    "career_levels",
    "posts",
    "assignments",
    "person_source_ids",
  ]) {
    await tenantTable(db, table);
  }
  await tenantTable(db, "person_equality", {
    date_of_birth: "equality",
    gender: "equality",
    ethnicity: "equality",
    disability: "equality",
  });
  await tenantTable(db, "leavings", { exit_notes: "private_note" });
}
