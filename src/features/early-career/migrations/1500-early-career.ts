import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * The ASYE and the early career programme: programme templates (versioned: an enrolment keeps the
 * version it started on), cohorts, enrolments, pauses, generated milestones and their reviews, the
 * portfolio's evidence, extensions, the HR progression action, protection checks, the anonymous
 * end-of-programme survey and the overdue flags already sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;

  await sql`create table early_career_programmes (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    code text not null check (code ~ '^[A-Z0-9][A-Z0-9-]{0,39}$'),
    name text not null check (length(name) between 1 and 200),
    retired_on date,
    created_at timestamptz not null default now(),
    unique (tenant_id, code)
  )`.execute(db);
  await tenantTable(db, "early_career_programmes");

  await sql`create table early_career_programme_versions (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    programme_id uuid not null references early_career_programmes(id) on delete cascade,
    version integer not null check (version >= 1),
    length_months integer not null check (length_months between 1 and 36),
    max_months integer not null default 24 check (max_months between 1 and 48),
    milestones jsonb not null,
    standards jsonb not null,
    min_evidence jsonb not null,
    supervision_rhythm jsonb not null,
    protected_caseload_percent numeric(5, 2) check (protected_caseload_percent > 0 and protected_caseload_percent <= 100),
    protected_caseload_children integer check (protected_caseload_children between 0 and 100),
    protected_time_percent numeric(5, 2) check (protected_time_percent >= 0 and protected_time_percent <= 100),
    core_course_ids uuid[] not null default '{}',
    created_by text not null,
    created_at timestamptz not null default now(),
    check (max_months >= length_months),
    unique (programme_id, version)
  )`.execute(db);
  await tenantTable(db, "early_career_programme_versions");

  await sql`create table early_career_cohorts (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    programme_id uuid not null references early_career_programmes(id),
    name text not null check (length(name) between 1 and 120),
    intake_on date not null,
    coordinator_person_id uuid references people(id) on delete set null,
    created_at timestamptz not null default now(),
    unique (tenant_id, name)
  )`.execute(db);
  await tenantTable(db, "early_career_cohorts");

  await sql`create table early_career_enrolments (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    cohort_id uuid not null references early_career_cohorts(id),
    person_id uuid not null references people(id) on delete cascade,
    programme_version_id uuid not null references early_career_programme_versions(id),
    route text not null check (route in ('university', 'step_up', 'frontline', 'apprenticeship', 'other')),
    registered_on date,
    start_on date not null,
    fte numeric(4, 3) not null default 1 check (fte > 0 and fte <= 1),
    org_unit_id uuid references org_units(id),
    line_manager_person_id uuid references people(id) on delete set null,
    assessor_person_id uuid references people(id) on delete set null,
    mentor_person_id uuid references people(id) on delete set null,
    status text not null default 'active' check (status in ('active', 'passed', 'failed', 'withdrawn')),
    end_on date not null,
    portfolio_submitted_on date,
    assessor_signed_off_on date,
    assessor_recommendation text check (assessor_recommendation in ('pass', 'fail')),
    panel_on date,
    panel_decision text check (panel_decision in ('endorsed', 'not_endorsed', 'deferred')),
    panel_notes text,
    moderation_sampled boolean not null default false,
    moderation_outcome text,
    outcome_on date,
    outcome_recorded_by text,
    withdrawn_reason text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (end_on > start_on),
    check ((status in ('passed', 'failed')) = (outcome_on is not null)),
    unique (cohort_id, person_id)
  )`.execute(db);
  await sql`create index early_career_enrolments_person on early_career_enrolments (tenant_id, person_id)`.execute(
    db,
  );
  await sql`create index early_career_enrolments_assessor on early_career_enrolments (tenant_id, assessor_person_id)`.execute(
    db,
  );
  await tenantTable(db, "early_career_enrolments");

  await sql`create table early_career_pauses (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    enrolment_id uuid not null references early_career_enrolments(id) on delete cascade,
    reason text not null check (reason in ('maternity_leave', 'adoption_leave', 'shared_parental_leave',
      'long_sickness', 'other')),
    from_on date not null,
    to_on date,
    notes text,
    recorded_by text not null,
    created_at timestamptz not null default now(),
    check (to_on is null or to_on >= from_on)
  )`.execute(db);
  await tenantTable(db, "early_career_pauses");

  await sql`create table early_career_extensions (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    enrolment_id uuid not null references early_career_enrolments(id) on delete cascade,
    reason text not null check (length(reason) between 1 and 2000),
    approved_by text not null check (length(approved_by) between 1 and 200),
    new_end_on date not null,
    recorded_on date not null,
    recorded_by text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await tenantTable(db, "early_career_extensions");

  await sql`create table early_career_milestones (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    enrolment_id uuid not null references early_career_enrolments(id) on delete cascade,
    code text not null,
    name text not null,
    kind text not null check (kind in ('agreement', 'review', 'final_review', 'portfolio', 'panel')),
    sequence integer not null,
    optional boolean not null default false,
    due_on date not null,
    completed_on date,
    unique (enrolment_id, code)
  )`.execute(db);
  await sql`create index early_career_milestones_due on early_career_milestones (tenant_id, due_on) where completed_on is null`.execute(
    db,
  );
  await tenantTable(db, "early_career_milestones");

  await sql`create table early_career_reviews (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    milestone_id uuid not null unique references early_career_milestones(id) on delete cascade,
    enrolment_id uuid not null references early_career_enrolments(id) on delete cascade,
    held_on date not null,
    -- none for the support and assessment agreement, which is a meeting, not a judgement
    judgement text check (judgement in ('on_track', 'some_concerns', 'not_on_track')),
    evidence_seen text,
    action_plan text,
    recorded_by_person_id uuid references people(id) on delete set null,
    recorded_by text not null,
    nqsw_confirmed_on date,
    manager_confirmed_on date,
    manager_confirmed_by uuid references people(id) on delete set null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await tenantTable(db, "early_career_reviews");

  await sql`create table early_career_evidence (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    enrolment_id uuid not null references early_career_enrolments(id) on delete cascade,
    kind text not null check (kind in ('observation', 'reflection', 'feedback_people',
      'feedback_professional', 'training', 'other')),
    title text not null check (length(title) between 1 and 200),
    occurred_on date not null,
    summary text,
    observer_name text,
    standards text[] not null default '{}',
    learning_record_id uuid references learning_records(id) on delete set null,
    stored_file_id uuid references stored_files(id) on delete set null,
    added_by_person_id uuid references people(id) on delete set null,
    added_as text not null check (added_as in ('nqsw', 'assessor', 'coordinator')),
    created_by text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index early_career_evidence_enrolment on early_career_evidence (tenant_id, enrolment_id)`.execute(
    db,
  );
  await tenantTable(db, "early_career_evidence");

  await sql`create table early_career_progressions (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    enrolment_id uuid not null unique references early_career_enrolments(id) on delete cascade,
    person_id uuid not null references people(id) on delete cascade,
    from_career_level text,
    to_career_level text not null,
    pay_point text,
    effective_on date not null,
    status text not null default 'open' check (status in ('open', 'confirmed')),
    confirmed_on date,
    confirmed_source text check (confirmed_source in ('hr', 'feed')),
    confirmed_by text,
    created_at timestamptz not null default now(),
    check ((status = 'confirmed') = (confirmed_on is not null))
  )`.execute(db);
  await tenantTable(db, "early_career_progressions");

  await sql`create table early_career_protection_checks (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    enrolment_id uuid not null references early_career_enrolments(id) on delete cascade,
    recorded_on date not null,
    caseload_children integer check (caseload_children between 0 and 200),
    development_time_percent numeric(5, 2) check (development_time_percent between 0 and 100),
    source text not null default 'manual' check (source in ('manual', 'caseloads')),
    notes text,
    recorded_by text not null,
    created_at timestamptz not null default now(),
    check (caseload_children is not null or development_time_percent is not null)
  )`.execute(db);
  await tenantTable(db, "early_career_protection_checks");

  await sql`create table early_career_milestone_flags (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    milestone_id uuid not null references early_career_milestones(id) on delete cascade,
    due_on date not null,
    flagged_on date not null,
    unique (milestone_id, due_on)
  )`.execute(db);
  await tenantTable(db, "early_career_milestone_flags");

  // The survey is anonymous: an invitation knows who was asked and whether they answered; a
  // response knows only the programme and its year, never the person or the day it was given.
  await sql`create table early_career_survey_invitations (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    enrolment_id uuid not null unique references early_career_enrolments(id) on delete cascade,
    invited_on date not null,
    responded boolean not null default false
  )`.execute(db);
  // Not audited either: an audit row of who was marked "responded", and when, set beside the
  // report before and after, would tell whose answers were whose.
  await tenantTable(db, "early_career_survey_invitations", {}, { audit: false });

  await sql`create table early_career_survey_responses (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    programme_id uuid not null references early_career_programmes(id),
    programme_year text not null check (programme_year ~ '^[0-9]{4} to [0-9]{4}$'),
    answers jsonb not null
  )`.execute(db);
  // Not audited: the audit trail names who wrote each row and when, which would undo the anonymity.
  await tenantTable(db, "early_career_survey_responses", {}, { audit: false });
}
