import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * Social Work England registration: register checks (recorded by hand by HR or from a feed; the
 * latest updates the person's status) and the readiness reminders already sent (so each goes
 * once). Also an index for the set-based readiness query over a registration year's final CPD.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;

  // The same person, date and status twice is the same check: a feed file sent again adds nothing.
  await sql`create table cpd_register_checks (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    checked_on date not null,
    status text not null check (status in ('registered', 'registered_with_conditions', 'suspended', 'removed')),
    swe_number text check (swe_number is null or swe_number ~ '^SW[1-9][0-9]{0,5}$'),
    source text not null check (source in ('manual', 'feed')),
    recorded_by text not null,
    note text check (note is null or length(note) <= 500),
    created_at timestamptz not null default now(),
    unique (tenant_id, person_id, checked_on, status)
  )`.execute(db);
  await sql`create index cpd_register_checks_person on cpd_register_checks (tenant_id, person_id, checked_on desc)`.execute(
    db,
  );
  await tenantTable(db, "cpd_register_checks");

  await sql`create table cpd_registration_reminders (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    year_end integer not null check (year_end between 2000 and 2200),
    round text not null check (round in ('september', 'november')),
    audience text not null check (audience in ('person', 'manager')),
    sent_at timestamptz not null default now(),
    unique (tenant_id, person_id, year_end, round, audience)
  )`.execute(db);
  await tenantTable(db, "cpd_registration_reminders", {}, { audit: false });

  // Readiness counts a year's final entries for thousands of people at once.
  await sql`create index cpd_entries_final_by_date on cpd_entries (tenant_id, entry_on, person_id)
    where status = 'final'`.execute(db);
}
