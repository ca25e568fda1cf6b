import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * The CPD log: each person's entries (a course from their learning record, reading, coaching,
 * reflective supervision, ...), their 70:20:10 category, the Social Work England professional
 * standards (1-6) they relate to, an optional peer reflection, draft or final, and evidence files.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;

  await sql`create table cpd_entries (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    entry_on date not null,
    title text not null check (length(title) between 1 and 200),
    kind text not null check (kind in ('course', 'reading_research', 'coaching_mentoring',
      'reflective_supervision', 'shadowing_observation', 'practice_forum', 'lunch_and_learn',
      'learning_circle', 'panel_membership', 'teaching_others', 'conference_webinar')),
    category text not null check (category in ('experience', 'others', 'formal')),
    hours numeric(6, 2) check (hours > 0 and hours <= 1000),
    learnt text,
    impact text,
    swe_standards integer[] not null default '{}'
      check (swe_standards <@ array[1, 2, 3, 4, 5, 6]),
    pcf_domains text[] not null default '{}',
    kss_statements text[] not null default '{}',
    learning_record_id uuid references learning_records(id) on delete set null,
    peer_name text check (peer_name is null or length(peer_name) between 1 and 200),
    peer_person_id uuid references people(id) on delete set null,
    peer_on date,
    peer_notes text,
    status text not null default 'draft' check (status in ('draft', 'final')),
    finalised_at timestamptz,
    shared_with_supervisor boolean not null default false,
    created_by text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((peer_name is null) = (peer_on is null)),
    check (status = 'draft' or finalised_at is not null)
  )`.execute(db);
  await sql`create index cpd_entries_person on cpd_entries (tenant_id, person_id, entry_on desc)`.execute(db);
  await tenantTable(db, "cpd_entries");

  await sql`create table cpd_evidence (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    cpd_entry_id uuid not null references cpd_entries(id) on delete cascade,
    stored_file_id uuid not null references stored_files(id) on delete cascade,
    description text,
    created_by text not null,
    created_at timestamptz not null default now(),
    unique (cpd_entry_id, stored_file_id)
  )`.execute(db);
  await tenantTable(db, "cpd_evidence");
}
