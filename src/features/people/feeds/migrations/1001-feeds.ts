import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../../platform/db/tenant-table.js";

/**
 * HR feeds: each source's column mapping and settings, every run of a file (its preview, then its
 * import), the run's rows with what happened to each, and the possible leavers a full extract finds.
 *
 * feed_sources is audited (who changed a mapping). The run tables are the feed's own working record
 * and carry who did what in their columns; they are not audited, so that an import writes audit rows
 * only for the people data it changes (a re-import of the same file writes none).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;

  await sql`create table feed_sources (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    name text not null,
    kind text not null default 'people' check (kind in ('people')),
    system text not null default 'hr',
    column_mapping jsonb not null default '{}',
    full_extract boolean not null default false,
    create_new_people boolean not null default false,
    hr_contact_email text,
    folder_name text check (folder_name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (tenant_id, name),
    unique (tenant_id, folder_name)
  )`.execute(db);

  await sql`create table feed_runs (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    source_id uuid not null references feed_sources(id),
    filename text not null,
    trigger text not null check (trigger in ('upload', 'folder')),
    status text not null check (status in ('checking', 'previewed', 'importing', 'imported', 'failed')),
    mode text check (mode in ('all', 'valid_only')),
    effective_on date not null,
    headers text[] not null default '{}',
    row_count integer not null default 0,
    counts jsonb,
    progress jsonb,
    error text,
    file bytea,
    created_by text not null,
    created_at timestamptz not null,
    imported_by text,
    imported_at timestamptz
  )`.execute(db);
  await sql`create index feed_runs_recent on feed_runs (tenant_id, created_at desc)`.execute(db);

  // One row a file row, written in bulk: kept lean (no surrogate key, no foreign key to people, which
  // would lock each person's row for the whole preview) so 10,000 rows save in a fraction of a second.
  await sql`create table feed_run_rows (
    ${tenant},
    run_id uuid not null references feed_runs(id) on delete cascade,
    row_number integer not null,
    external_id text,
    action text not null check (action in ('create', 'update', 'unchanged', 'reject', 'unmatched')),
    person_id uuid,
    changes text[] not null default '{}',
    errors jsonb,
    data jsonb,
    resolution text check (resolution in ('linked', 'created')),
    resolved_by text,
    resolved_at timestamptz,
    primary key (run_id, row_number)
  )`.execute(db);
  await sql`create index feed_run_rows_queue on feed_run_rows (tenant_id, external_id)
    where action = 'unmatched' and resolution is null`.execute(db);

  await sql`create table feed_possible_leavers (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    source_id uuid not null references feed_sources(id),
    run_id uuid not null references feed_runs(id),
    person_id uuid not null references people(id),
    external_id text not null,
    status text not null default 'open' check (status in ('open', 'confirmed', 'dismissed', 'reappeared')),
    flagged_on date not null,
    decided_by text,
    decided_at timestamptz
  )`.execute(db);
  await sql`create unique index feed_possible_leavers_open on feed_possible_leavers (tenant_id, person_id)
    where status = 'open'`.execute(db);

  await tenantTable(db, "feed_sources");
  for (const table of ["feed_runs", "feed_run_rows", "feed_possible_leavers"]) {
    await tenantTable(db, table, {}, { audit: false });
  }
}
