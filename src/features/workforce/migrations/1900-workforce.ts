import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * The workforce: the authority's settings for the DfE's measures and benchmarking, feeds from the
 * agency's managed service provider (placements) and HR (sickness absence), stay conversations,
 * the case management system's stability figure, the DfE's published indicators, recruitment
 * campaigns with their applicants and stages, the forecast's assumptions, and each census
 * collection year's specification (schema, code lists, validation rules) with the returns made.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;

  // One row per tenant: who the authority is in the DfE's files and whom it compares itself with.
  await sql`create table workforce_settings (
    id uuid primary key default gen_random_uuid(),
    ${tenant} unique,
    la_code text check (la_code ~ '^E[0-9]{8}$'),
    lea_number text check (lea_number ~ '^[0-9]{3}$'),
    region_code text check (region_code ~ '^E[0-9]{8}$'),
    comparator_codes text[] not null default '{}',
    working_days_per_year integer not null default 253 check (working_days_per_year between 200 and 366),
    updated_by text not null,
    updated_at timestamptz not null default now()
  )`.execute(db);
  await tenantTable(db, "workforce_settings");

  // Every file a workforce feed took (agency placements, sickness absence, stability, the DfE's
  // indicators): the same file again (sha256) is recognised; the report lists each refused row.
  await sql`create table workforce_feed_runs (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    kind text not null check (kind in ('agency', 'absence', 'stability', 'indicators')),
    trigger text not null check (trigger in ('feed', 'upload')),
    filename text not null,
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    rows_total integer not null default 0,
    rows_applied integer not null default 0,
    rows_unchanged integer not null default 0,
    rows_rejected integer not null default 0,
    report jsonb not null default '[]',
    created_by text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index workforce_feed_runs_kind on workforce_feed_runs (tenant_id, kind, created_at desc)`.execute(
    db,
  );
  await tenantTable(db, "workforce_feed_runs");

  // An agency worker's placement as the managed service provider sends it. The placement is also
  // an assignment (contract type agency) so every count reads one source; placement_ref keeps a
  // second file from adding it twice.
  await sql`create table agency_placements (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    placement_ref text not null check (length(placement_ref) between 1 and 60),
    agency_name text not null check (length(agency_name) between 1 and 120),
    person_id uuid not null references people(id) on delete cascade,
    assignment_id uuid references assignments(id) on delete set null,
    post_id uuid references posts(id),
    org_unit_id uuid not null references org_units(id),
    fte numeric(4, 2) not null check (fte > 0 and fte <= 1.5),
    starts_on date not null,
    ends_on date,
    feed_run_id uuid references workforce_feed_runs(id) on delete set null,
    updated_at timestamptz not null default now(),
    check (ends_on is null or ends_on >= starts_on),
    unique (tenant_id, placement_ref)
  )`.execute(db);
  await sql`create index agency_placements_person on agency_placements (tenant_id, person_id)`.execute(db);
  await tenantTable(db, "agency_placements");

  // Working days lost to sickness by person and period, from HR. The same period again replaces
  // the figure; nobody types it.
  await sql`create table sickness_absences (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    period_from date not null,
    period_to date not null,
    working_days_lost numeric(6, 2) not null check (working_days_lost >= 0 and working_days_lost <= 366),
    feed_run_id uuid references workforce_feed_runs(id) on delete set null,
    check (period_to >= period_from),
    unique (tenant_id, person_id, period_from, period_to)
  )`.execute(db);
  await sql`create index sickness_absences_period on sickness_absences (tenant_id, period_to)`.execute(db);
  await tenantTable(db, "sickness_absences");

  // "Talk before you walk": a conversation with someone thinking of leaving, and its outcome.
  await sql`create table stay_conversations (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    held_on date not null,
    held_by_person_id uuid references people(id) on delete set null,
    themes text[] not null default '{}',
    actions text check (length(actions) <= 2000),
    outcome text not null check (outcome in ('staying', 'undecided', 'leaving', 'left')),
    follow_up_on date,
    recorded_by text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index stay_conversations_person on stay_conversations (tenant_id, person_id, held_on desc)`.execute(
    db,
  );
  await tenantTable(db, "stay_conversations");

  // Stability: children with 3 or more social workers in the year to 30 September, a figure the
  // case management system works out (org_unit_id null: the whole authority).
  await sql`create table stability_figures (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    census_year integer not null check (census_year between 2000 and 2100),
    org_unit_id uuid references org_units(id),
    children integer not null check (children >= 0),
    children_three_plus integer not null check (children_three_plus >= 0 and children_three_plus <= children),
    feed_run_id uuid references workforce_feed_runs(id) on delete set null,
    recorded_by text not null,
    recorded_at timestamptz not null default now()
  )`.execute(db);
  await sql`create unique index stability_figures_one on stability_figures
    (tenant_id, census_year, coalesce(org_unit_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(
    db,
  );
  await tenantTable(db, "stability_figures");

  // The DfE's published headline measures (csww_indicators_*.csv), one row per year and place.
  // Components and published rates as printed; a suppressed or missing cell is null.
  const measureColumns = [
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
  ];
  await sql`create table dfe_indicators (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    time_period integer not null check (time_period between 2000 and 2100),
    geographic_level text not null check (geographic_level in ('National', 'Regional', 'Local authority')),
    area_code text not null,
    area_name text not null,
    region_code text,
    old_la_code text,
    ${sql.join(
      measureColumns.map((c) => sql`${sql.id(c)} numeric(12, 2)`),
      sql`, `,
    )},
    feed_run_id uuid references workforce_feed_runs(id) on delete set null,
    unique (tenant_id, time_period, geographic_level, area_code)
  )`.execute(db);
  await sql`create index dfe_indicators_area on dfe_indicators (tenant_id, area_code, time_period)`.execute(
    db,
  );
  await tenantTable(db, "dfe_indicators", {}, { audit: false });

  await sql`create table recruitment_campaigns (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    reference text not null check (length(reference) between 1 and 40),
    title text not null check (length(title) between 1 and 200),
    org_unit_id uuid not null references org_units(id),
    post_id uuid references posts(id),
    job_role_id uuid references job_roles(id),
    fte numeric(4, 2) not null check (fte > 0 and fte <= 1.5),
    advert_opens_on date not null,
    advert_closes_on date,
    channels text[] not null default '{}',
    status text not null default 'open' check (status in ('open', 'closed', 'filled', 'withdrawn')),
    created_by text not null,
    created_at timestamptz not null default now(),
    check (advert_closes_on is null or advert_closes_on >= advert_opens_on),
    unique (tenant_id, reference)
  )`.execute(db);
  await tenantTable(db, "recruitment_campaigns");

  // An applicant's current stage is the latest of their stage events (kept in step on write).
  await sql`create table recruitment_applicants (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    campaign_id uuid not null references recruitment_campaigns(id) on delete cascade,
    given_name text not null check (length(given_name) between 1 and 100),
    family_name text not null check (length(family_name) between 1 and 100),
    email text,
    source text not null,
    reasons_applied text[] not null default '{}',
    stage text not null default 'applied' check (stage in
      ('applied', 'shortlisted', 'interviewed', 'offered', 'accepted', 'dbs_cleared', 'started', 'withdrawn')),
    stage_on date not null,
    person_id uuid references people(id) on delete set null,
    created_by text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index recruitment_applicants_campaign on recruitment_applicants (tenant_id, campaign_id)`.execute(
    db,
  );
  await tenantTable(db, "recruitment_applicants");

  await sql`create table recruitment_stage_events (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    applicant_id uuid not null references recruitment_applicants(id) on delete cascade,
    stage text not null check (stage in
      ('applied', 'shortlisted', 'interviewed', 'offered', 'accepted', 'dbs_cleared', 'started', 'withdrawn')),
    on_date date not null,
    recorded_by text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index recruitment_stage_events_applicant on recruitment_stage_events (tenant_id, applicant_id, on_date)`.execute(
    db,
  );
  await tenantTable(db, "recruitment_stage_events");

  // The forecast's assumptions, one row per tenant (its history is the audit trail). A null rate
  // means "use what the last 12 months show".
  await sql`create table workforce_forecast_assumptions (
    id uuid primary key default gen_random_uuid(),
    ${tenant} unique,
    horizon_months integer not null default 18 check (horizon_months between 12 and 24),
    annual_turnover_percent numeric(5, 2) check (annual_turnover_percent >= 0 and annual_turnover_percent <= 100),
    recruits_per_month numeric(6, 2) check (recruits_per_month >= 0),
    early_career_retention_percent numeric(5, 2) not null default 85
      check (early_career_retention_percent >= 0 and early_career_retention_percent <= 100),
    agency_conversions_per_month numeric(6, 2) not null default 0 check (agency_conversions_per_month >= 0),
    establishment_change_fte numeric(8, 2) not null default 0,
    updated_by text not null,
    updated_at timestamptz not null default now()
  )`.execute(db);
  await tenantTable(db, "workforce_forecast_assumptions");

  // A census collection year's specification, loaded as data: the XML schema, the code lists
  // read from it, and the validation rules the pre-submission report applies.
  await sql`create table census_specifications (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    collection_year integer not null check (collection_year between 2000 and 2100),
    reference_date date not null,
    xsd text not null,
    code_lists jsonb not null default '{}',
    rules jsonb not null default '[]',
    source_note text not null,
    loaded_by text not null,
    loaded_at timestamptz not null default now(),
    unique (tenant_id, collection_year)
  )`.execute(db);
  await tenantTable(db, "census_specifications");

  // What the census asks of a social worker that no other feature holds: the qualification
  // (institution, level), Step Up or Frontline, where they came from, the child and family
  // knowledge and skills status. Kept by HR on the census pages (or by the HR feed later).
  await sql`create table census_person_details (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    qualification_institution text check (length(qualification_institution) between 1 and 200),
    qualification_level integer,
    step_up_grad boolean,
    frontline_grad boolean,
    start_origin integer,
    cfkss_status integer,
    updated_by text not null,
    updated_at timestamptz not null default now(),
    unique (tenant_id, person_id)
  )`.execute(db);
  await tenantTable(db, "census_person_details");

  await sql`create table census_returns (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    collection_year integer not null,
    specification_year integer not null,
    reference_date date not null,
    workers integer not null,
    problems integer not null,
    measures jsonb not null default '{}',
    xml text not null,
    generated_by text not null,
    generated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index census_returns_year on census_returns (tenant_id, collection_year, generated_at desc)`.execute(
    db,
  );
  // The XML holds dates of birth and ethnicity: the audit trail records only that it changed.
  await tenantTable(db, "census_returns", { xml: "secret" });
}
