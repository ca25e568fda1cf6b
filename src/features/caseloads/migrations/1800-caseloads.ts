import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * Caseloads: the effective-dated targets (a team average target, and individual caps by role or
 * career level as a number of children or a share of the team's target), the complexity weights,
 * snapshots of the children allocated to each worker as at a date (from the case management
 * system's CSV by feed or upload, or typed by a manager), and the over-cap alerts already sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;

  // kind 'team_average': the average a team aims for (org_unit_id null: every team without its
  // own). kind 'individual_cap': one worker's cap, for a job role or a career level (or both null:
  // everyone), either children or percent_of_team (e.g. NQSW 90, consultant practitioner 50).
  await sql`create table caseload_targets (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    kind text not null check (kind in ('team_average', 'individual_cap')),
    org_unit_id uuid references org_units(id),
    job_role_id uuid references job_roles(id),
    career_level text,
    children numeric(6, 2) check (children >= 0 and children <= 500),
    percent_of_team numeric(5, 2) check (percent_of_team > 0 and percent_of_team <= 200),
    valid_from date not null,
    valid_to date,
    created_by text not null,
    created_at timestamptz not null default now(),
    check (valid_to is null or valid_to >= valid_from),
    check ((children is null) <> (percent_of_team is null)),
    check (kind = 'individual_cap' or (percent_of_team is null and job_role_id is null and career_level is null))
  )`.execute(db);
  await tenantTable(db, "caseload_targets");

  // Complexity weighting (optional): a category of case (e.g. child protection) counts as weight
  // children. With no weights in force, the weighted load is the number of children.
  await sql`create table caseload_weights (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    category text not null check (category ~ '^[a-z0-9_]{1,40}$'),
    name text not null check (length(name) between 1 and 120),
    weight numeric(5, 2) not null check (weight > 0 and weight <= 10),
    valid_from date not null,
    valid_to date,
    created_by text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await tenantTable(db, "caseload_weights");

  // One snapshot per date and source kind: a second file for the same date replaces the first's
  // entries; the same file again (sha256) changes nothing.
  await sql`create table caseload_snapshots (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    as_at date not null,
    source text not null check (source in ('feed', 'upload', 'typed')),
    filename text,
    sha256 text,
    rows_total integer not null default 0,
    rows_rejected integer not null default 0,
    report jsonb not null default '[]',
    created_by text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index caseload_snapshots_as_at on caseload_snapshots (tenant_id, as_at desc)`.execute(db);
  await tenantTable(db, "caseload_snapshots");

  await sql`create table caseload_entries (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    snapshot_id uuid not null references caseload_snapshots(id) on delete cascade,
    person_id uuid not null references people(id) on delete cascade,
    as_at date not null,
    children integer not null check (children between 0 and 500),
    categories jsonb,
    weighted numeric(7, 2),
    unique (snapshot_id, person_id)
  )`.execute(db);
  await sql`create index caseload_entries_person on caseload_entries (tenant_id, person_id, as_at desc)`.execute(
    db,
  );
  await sql`create index caseload_entries_as_at on caseload_entries (tenant_id, as_at)`.execute(db);
  await tenantTable(db, "caseload_entries");

  await sql`create table caseload_alerts (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    entry_id uuid not null references caseload_entries(id) on delete cascade,
    person_id uuid not null references people(id) on delete cascade,
    manager_person_id uuid references people(id) on delete set null,
    as_at date not null,
    children integer not null,
    cap numeric(6, 2) not null,
    created_at timestamptz not null default now(),
    unique (entry_id)
  )`.execute(db);
  await sql`create index caseload_alerts_person on caseload_alerts (tenant_id, person_id, as_at desc)`.execute(
    db,
  );
  await tenantTable(db, "caseload_alerts");
}
