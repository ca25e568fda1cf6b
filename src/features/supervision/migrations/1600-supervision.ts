import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * Supervision: the policy (effective-dated rules of how often, by role, career level or early
 * career programme), the council's settings (span of control, "due soon"), each person's
 * supervision agreement, the supervision records (held or cancelled; imported case supervision
 * too), the reflective note only supervisee and supervisor may read (its own table, classed
 * private_note so the audit trail records only that it changed), import runs, and observations
 * of supervision for quality assurance.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;

  await sql`create table supervision_settings (
    tenant_id uuid primary key references tenants(id) default ${tenantIdDefault},
    max_direct_reports integer not null default 6 check (max_direct_reports between 1 and 50),
    due_soon_days integer not null default 7 check (due_soon_days between 0 and 60),
    in_date_target_percent numeric(5, 2) not null default 90 check (in_date_target_percent between 0 and 100),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await tenantTable(db, "supervision_settings");

  // One rule applies to a person on a date: an active early career enrolment's rhythm first (when
  // a rule with applies_to = 'early_career' is in force), then a career level rule, then a job
  // role rule, then the default. Rules are never edited in place: a change ends one (valid_to)
  // and starts the next.
  await sql`create table supervision_policy_rules (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    applies_to text not null check (applies_to in ('default', 'job_role', 'career_level', 'early_career')),
    job_role_id uuid references job_roles(id),
    career_level text,
    every_value integer check (every_value between 1 and 52),
    every_unit text check (every_unit in ('weeks', 'months')),
    part_time text not null default 'same' check (part_time in ('same', 'pro_rata')),
    counting_kinds text[] not null default '{individual}',
    expected_minutes integer check (expected_minutes between 5 and 600),
    valid_from date not null,
    valid_to date,
    created_by text not null,
    created_at timestamptz not null default now(),
    check (valid_to is null or valid_to >= valid_from),
    check ((applies_to = 'job_role') = (job_role_id is not null)),
    check ((applies_to = 'career_level') = (career_level is not null)),
    check ((applies_to = 'early_career') or (every_value is not null and every_unit is not null))
  )`.execute(db);
  await tenantTable(db, "supervision_policy_rules");

  await sql`create table supervision_agreements (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    supervisor_person_id uuid references people(id) on delete set null,
    agreed_on date not null,
    review_on date,
    frequency_text text check (length(frequency_text) <= 200),
    arrangements text check (length(arrangements) <= 4000),
    supervisee_signed_on date,
    supervisor_signed_on date,
    created_by text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index supervision_agreements_person on supervision_agreements (tenant_id, person_id)`.execute(
    db,
  );
  await tenantTable(db, "supervision_agreements");

  await sql`create table supervision_imports (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    filename text not null,
    sha256 text not null,
    trigger text not null check (trigger in ('upload', 'feed')),
    status text not null check (status in ('applied', 'rejected')),
    rows_total integer not null default 0,
    rows_added integer not null default 0,
    rows_unchanged integer not null default 0,
    rows_rejected integer not null default 0,
    report jsonb not null default '[]',
    created_by text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await tenantTable(db, "supervision_imports");

  await sql`create table supervisions (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    supervisor_person_id uuid references people(id) on delete set null,
    kind text not null check (kind in ('individual', 'group', 'reflective', 'practice_model_group', 'case')),
    held_on date not null,
    status text not null check (status in ('held', 'cancelled')),
    cancelled_reason text check (length(cancelled_reason) <= 500),
    rearranged_on date,
    duration_minutes integer check (duration_minutes between 1 and 600),
    actions text check (length(actions) <= 4000),
    source text not null default 'recorded' check (source in ('recorded', 'imported')),
    import_id uuid references supervision_imports(id) on delete set null,
    confirmed_on date,
    recorded_by text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (status = 'cancelled' or (cancelled_reason is null and rearranged_on is null))
  )`.execute(db);
  await sql`create index supervisions_person_held on supervisions (tenant_id, person_id, held_on desc)`.execute(
    db,
  );
  await sql`create index supervisions_supervisor on supervisions (tenant_id, supervisor_person_id)`.execute(
    db,
  );
  // An imported supervision is the same one on a second run: one per person, date and kind.
  await sql`create unique index supervisions_imported on supervisions (tenant_id, person_id, held_on, kind)
    where source = 'imported'`.execute(db);
  await tenantTable(db, "supervisions");

  await sql`create table supervision_notes (
    supervision_id uuid primary key references supervisions(id) on delete cascade,
    ${tenant},
    note text not null check (length(note) between 1 and 20000),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await tenantTable(db, "supervision_notes", { note: "private_note" });

  await sql`create table supervision_observations (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    supervision_id uuid references supervisions(id) on delete set null,
    supervisor_person_id uuid not null references people(id) on delete cascade,
    observer_person_id uuid references people(id) on delete set null,
    observed_on date not null,
    themes text[] not null default '{}',
    rating text check (rating in ('outstanding', 'good', 'requires_improvement', 'inadequate')),
    strengths text check (length(strengths) <= 4000),
    development text check (length(development) <= 4000),
    recorded_by text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index supervision_observations_supervisor on supervision_observations (tenant_id, supervisor_person_id)`.execute(
    db,
  );
  await tenantTable(db, "supervision_observations");
}
