import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * Performance: targets per measure and unit (effective-dated, with RAG thresholds), measure
 * owners and their commentary, values entered for measures the platform does not hold, the
 * monthly snapshots the job runner takes, and action plans (outcomes, actions, updates).
 * Periods are calendar months, named by their last day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;
  const key = sql`measure_key text not null check (measure_key ~ '^[a-z][a-z0-9_]{1,60}$')`;
  const unit = sql`org_unit_id uuid references org_units(id) on delete cascade`;
  const periodEnd = sql`period_end date not null check (period_end = (date_trunc('month', period_end) + interval '1 month - 1 day')::date)`;

  await sql`create table performance_targets (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    ${key},
    ${unit},
    direction text not null check (direction in ('higher', 'lower')),
    target numeric(12, 2) not null,
    amber_from numeric(12, 2) not null,
    target_date date,
    valid_from date not null,
    valid_to date,
    created_by text not null,
    created_at timestamptz not null default now(),
    check (valid_to is null or valid_to >= valid_from),
    check ((direction = 'higher' and amber_from <= target) or (direction = 'lower' and amber_from >= target))
  )`.execute(db);
  await sql`create index performance_targets_measure on performance_targets (tenant_id, measure_key, org_unit_id, valid_from)`.execute(
    db,
  );
  await tenantTable(db, "performance_targets");

  await sql`create table performance_measure_owners (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    ${key},
    owner_person_id uuid not null references people(id) on delete cascade,
    updated_by text not null,
    updated_at timestamptz not null default now(),
    unique (tenant_id, measure_key)
  )`.execute(db);
  await tenantTable(db, "performance_measure_owners");

  await sql`create table performance_entries (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    ${key},
    ${unit},
    ${periodEnd},
    value numeric(12, 2) not null,
    numerator numeric(12, 2),
    denominator numeric(12, 2),
    source text not null check (source in ('form', 'import')),
    note text check (length(note) <= 2000),
    entered_by text not null,
    entered_at timestamptz not null default now(),
    check (denominator is null or denominator > 0),
    unique nulls not distinct (tenant_id, measure_key, org_unit_id, period_end)
  )`.execute(db);
  await tenantTable(db, "performance_entries");

  await sql`create table performance_snapshots (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    ${key},
    ${unit},
    ${periodEnd},
    value numeric(12, 2),
    numerator numeric(12, 2),
    denominator numeric(12, 2),
    suppressed boolean not null default false,
    source text not null check (source in ('computed', 'entered')),
    taken_at timestamptz not null default now(),
    unique nulls not distinct (tenant_id, measure_key, org_unit_id, period_end)
  )`.execute(db);
  await sql`create index performance_snapshots_period on performance_snapshots (tenant_id, period_end, org_unit_id)`.execute(
    db,
  );
  // Thousands of rows a month, written by the job: audited as the job's run, not row by row.
  await tenantTable(db, "performance_snapshots", {}, { audit: false });

  await sql`create table performance_commentaries (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    ${key},
    ${unit},
    ${periodEnd},
    body text not null check (length(body) between 1 and 5000),
    written_by text not null,
    written_at timestamptz not null default now(),
    unique nulls not distinct (tenant_id, measure_key, org_unit_id, period_end)
  )`.execute(db);
  await tenantTable(db, "performance_commentaries");

  await sql`create table action_plans (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    title text not null check (length(title) between 1 and 200),
    starts_on date not null,
    ends_on date,
    created_by text not null,
    created_at timestamptz not null default now(),
    check (ends_on is null or ends_on >= starts_on)
  )`.execute(db);
  await tenantTable(db, "action_plans");

  await sql`create table plan_outcomes (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    plan_id uuid not null references action_plans(id) on delete cascade,
    number integer not null check (number between 1 and 99),
    title text not null check (length(title) between 1 and 300),
    measure_keys text[] not null default '{}',
    unique (plan_id, number)
  )`.execute(db);
  await tenantTable(db, "plan_outcomes");

  await sql`create table plan_actions (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    outcome_id uuid not null references plan_outcomes(id) on delete cascade,
    title text not null check (length(title) between 1 and 500),
    owner_person_id uuid references people(id) on delete set null,
    due_on date not null,
    status text not null default 'not_started'
      check (status in ('not_started', 'on_track', 'at_risk', 'off_track', 'complete')),
    completed_on date,
    created_by text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((status = 'complete') = (completed_on is not null))
  )`.execute(db);
  await sql`create index plan_actions_outcome on plan_actions (tenant_id, outcome_id, due_on)`.execute(db);
  await tenantTable(db, "plan_actions");

  await sql`create table plan_action_updates (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    action_id uuid not null references plan_actions(id) on delete cascade,
    body text not null check (length(body) between 1 and 5000),
    evidence text check (length(evidence) <= 2000),
    status text not null check (status in ('not_started', 'on_track', 'at_risk', 'off_track', 'complete')),
    written_by text not null,
    written_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index plan_action_updates_action on plan_action_updates (tenant_id, action_id, written_at)`.execute(
    db,
  );
  await tenantTable(db, "plan_action_updates");
}
