import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * Appraisal: the yearly cycles (with the mid-year review's and the completion's due dates), each
 * person's appraisal in a cycle (appraiser, objectives agreed, mid-year review, career aspiration,
 * completion), its objectives, and the development needs it raised (each one is a learning need
 * with source 'appraisal', so it reaches the learning needs analysis).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;

  await sql`create table appraisal_cycles (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    name text not null check (length(name) between 1 and 120),
    starts_on date not null,
    ends_on date not null,
    objectives_due_on date not null,
    mid_year_due_on date not null,
    completion_due_on date not null,
    created_by text not null,
    created_at timestamptz not null default now(),
    check (ends_on > starts_on),
    unique (tenant_id, name)
  )`.execute(db);
  await tenantTable(db, "appraisal_cycles");

  await sql`create table appraisals (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    cycle_id uuid not null references appraisal_cycles(id),
    person_id uuid not null references people(id) on delete cascade,
    appraiser_person_id uuid references people(id) on delete set null,
    objectives_agreed_on date,
    mid_year_on date,
    mid_year_summary text check (length(mid_year_summary) <= 4000),
    career_aspiration text check (length(career_aspiration) <= 2000),
    completed_on date,
    final_summary text check (length(final_summary) <= 4000),
    confirmed_on date,
    created_by text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (cycle_id, person_id)
  )`.execute(db);
  await sql`create index appraisals_person on appraisals (tenant_id, person_id)`.execute(db);
  await tenantTable(db, "appraisals");

  await sql`create table appraisal_objectives (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    appraisal_id uuid not null references appraisals(id) on delete cascade,
    sequence integer not null check (sequence >= 1),
    objective text not null check (length(objective) between 1 and 1000),
    measure text check (length(measure) <= 1000),
    progress text not null default 'not_started'
      check (progress in ('not_started', 'on_track', 'at_risk', 'met', 'partly_met', 'not_met')),
    unique (appraisal_id, sequence)
  )`.execute(db);
  await tenantTable(db, "appraisal_objectives");

  await sql`create table appraisal_development_needs (
    appraisal_id uuid not null references appraisals(id) on delete cascade,
    need_id uuid not null references learning_needs(id) on delete cascade,
    ${tenant},
    primary key (appraisal_id, need_id)
  )`.execute(db);
  await tenantTable(db, "appraisal_development_needs");
}
