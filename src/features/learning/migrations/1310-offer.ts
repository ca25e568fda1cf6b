import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * The learning offer after the catalogue: mandatory requirements (versioned), learning records,
 * exemptions, prior learning and pauses, sessions with their parts, bookings and waiting lists,
 * attendance, registered interest, e-learning imports, and the precomputed compliance table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;

  // Per-council settings of the booking rules (one row a council, made on first use).
  await sql`create table learning_settings (
    tenant_id uuid primary key references tenants(id) default ${tenantIdDefault},
    offer_hours integer not null default 48 check (offer_hours between 1 and 720),
    cancel_cutoff_days integer not null default 2 check (cancel_cutoff_days between 0 and 60),
    waiting_priority text[] not null default '{nqsw,overdue}',
    updated_at timestamptz not null default now()
  )`.execute(db);
  await tenantTable(db, "learning_settings");

  await sql`create table learning_requirements (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    code text not null check (code ~ '^[A-Z0-9][A-Z0-9-]{0,39}$'),
    title text not null check (length(title) between 1 and 200),
    description text,
    created_at timestamptz not null default now(),
    unique (tenant_id, code)
  )`.execute(db);
  await tenantTable(db, "learning_requirements");

  // A requirement's rules, effective-dated: valid_to is the last day in force (inclusive).
  // Empty audience arrays mean "anyone"; every non-empty one must match.
  await sql`create table learning_requirement_versions (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    requirement_id uuid not null references learning_requirements(id) on delete cascade,
    valid_from date not null,
    valid_to date check (valid_to is null or valid_to >= valid_from),
    course_ids uuid[] not null check (cardinality(course_ids) > 0),
    person_kinds text[] not null default '{}',
    job_role_ids uuid[] not null default '{}',
    career_levels text[] not null default '{}',
    org_unit_ids uuid[] not null default '{}',
    contract_types text[] not null default '{}',
    carer_approval_types text[] not null default '{}',
    due_within_days integer not null check (due_within_days between 0 and 3650),
    carers_from_approval boolean not null default false,
    renew_every_months integer check (renew_every_months between 1 and 120),
    grace_days integer not null default 0 check (grace_days between 0 and 365),
    due_soon_days integer not null default 30 check (due_soon_days between 0 and 365),
    restarts_clock boolean not null default false,
    created_by text not null,
    created_at timestamptz not null default now(),
    unique (requirement_id, valid_from)
  )`.execute(db);
  await tenantTable(db, "learning_requirement_versions");

  await sql`create table learning_records (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    course_id uuid references learning_courses(id),
    title text not null check (length(title) between 1 and 200),
    completed_on date not null,
    source text not null check (source in ('attendance', 'e_learning', 'external', 'prior_learning')),
    hours numeric(6, 2) check (hours >= 0),
    provider text,
    evidence_upload_id uuid,
    evidence_note text,
    expires_on date,
    verification text not null default 'verified'
      check (verification in ('verified', 'awaiting', 'rejected')),
    verified_by text,
    verified_at timestamptz,
    booking_id uuid,
    external_ref text,
    created_by text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index learning_records_person on learning_records (tenant_id, person_id, course_id, completed_on desc)`.execute(
    db,
  );
  await sql`create unique index learning_records_external_ref on learning_records (tenant_id, source, external_ref)
    where external_ref is not null`.execute(db);
  await sql`create unique index learning_records_booking on learning_records (booking_id) where booking_id is not null`.execute(
    db,
  );
  await tenantTable(db, "learning_records");

  await sql`create table learning_exemptions (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    requirement_id uuid not null references learning_requirements(id) on delete cascade,
    from_on date not null,
    to_on date check (to_on is null or to_on >= from_on),
    reason text not null check (length(reason) between 1 and 500),
    approved_by text not null check (length(approved_by) between 1 and 200),
    created_by text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index learning_exemptions_person on learning_exemptions (tenant_id, person_id)`.execute(
    db,
  );
  await tenantTable(db, "learning_exemptions");

  // Maternity leave, long sickness: stops every requirement's clock for the person.
  await sql`create table learning_pauses (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    from_on date not null,
    to_on date check (to_on is null or to_on >= from_on),
    reason text not null check (reason in ('maternity_or_adoption', 'long_sickness', 'other')),
    note text,
    created_by text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index learning_pauses_person on learning_pauses (tenant_id, person_id)`.execute(db);
  await tenantTable(db, "learning_pauses");

  await sql`create table learning_sessions (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    course_id uuid not null references learning_courses(id),
    capacity integer not null check (capacity between 1 and 1000),
    minimum integer not null default 0 check (minimum >= 0),
    booking_closes_on date not null,
    venue text,
    room text,
    online_link text,
    trainers text[] not null default '{}',
    notes text,
    status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
    cancelled_reason text,
    ics_sequence integer not null default 0,
    created_by text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (minimum <= capacity),
    check (venue is not null or online_link is not null)
  )`.execute(db);
  await sql`create index learning_sessions_course on learning_sessions (tenant_id, course_id)`.execute(db);
  await tenantTable(db, "learning_sessions");

  await sql`create table learning_session_parts (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    session_id uuid not null references learning_sessions(id) on delete cascade,
    part_number integer not null check (part_number between 1 and 50),
    starts_at timestamptz not null,
    ends_at timestamptz not null check (ends_at > starts_at),
    unique (session_id, part_number)
  )`.execute(db);
  await sql`create index learning_session_parts_when on learning_session_parts (tenant_id, starts_at)`.execute(
    db,
  );
  await tenantTable(db, "learning_session_parts");

  // requested (awaiting approval) -> booked, or waiting -> offered -> booked; cancelled, declined,
  // rejected and lapsed (an offer not accepted in time) end a booking.
  await sql`create table learning_bookings (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    session_id uuid not null references learning_sessions(id) on delete cascade,
    person_id uuid not null references people(id) on delete cascade,
    status text not null check (status in
      ('requested', 'booked', 'waiting', 'offered', 'cancelled', 'declined', 'rejected', 'lapsed')),
    approval_by text check (approval_by in ('manager', 'learning_team')),
    requested_by text not null,
    decided_by text,
    decided_at timestamptz,
    decision_note text,
    waiting_since timestamptz,
    offer_expires_at timestamptz,
    cancelled_at timestamptz,
    cancel_reason text,
    outcome text check (outcome in ('completed', 'partly_attended', 'no_show')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create unique index learning_bookings_one_live on learning_bookings (session_id, person_id)
    where status in ('requested', 'booked', 'waiting', 'offered')`.execute(db);
  await sql`create index learning_bookings_person on learning_bookings (tenant_id, person_id)`.execute(db);
  await sql`create index learning_bookings_session on learning_bookings (tenant_id, session_id, status)`.execute(
    db,
  );
  await tenantTable(db, "learning_bookings");

  await sql`create table learning_attendance (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    booking_id uuid not null references learning_bookings(id) on delete cascade,
    part_id uuid not null references learning_session_parts(id) on delete cascade,
    status text not null check (status in ('attended', 'partly_attended', 'no_show')),
    no_show_reason text,
    recorded_by text not null,
    recorded_at timestamptz not null default now(),
    unique (booking_id, part_id)
  )`.execute(db);
  await tenantTable(db, "learning_attendance");

  // "Register interest" on a course with no dates: the demand list.
  await sql`create table learning_interest (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    course_id uuid not null references learning_courses(id) on delete cascade,
    person_id uuid not null references people(id) on delete cascade,
    note text,
    registered_at timestamptz not null default now(),
    unique (course_id, person_id)
  )`.execute(db);
  await tenantTable(db, "learning_interest");

  // An e-learning platform's course titles, mapped once to catalogue courses.
  await sql`create table learning_elearning_titles (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    title_key text not null,
    title text not null,
    course_id uuid references learning_courses(id),
    created_at timestamptz not null default now(),
    unique (tenant_id, title_key)
  )`.execute(db);
  await tenantTable(db, "learning_elearning_titles");

  await sql`create table learning_elearning_runs (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    filename text not null,
    trigger text not null check (trigger in ('upload', 'folder')),
    status text not null check (status in ('imported', 'failed')),
    counts jsonb not null default '{}',
    unmatched jsonb not null default '[]',
    created_by text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await tenantTable(db, "learning_elearning_runs");

  // Reminders already sent, so a daily job sends each once.
  await sql`create table learning_reminders_sent (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    requirement_id uuid not null references learning_requirements(id) on delete cascade,
    kind text not null check (kind in ('due_soon', 'overdue', 'expired')),
    due_on date not null,
    sent_at timestamptz not null default now(),
    unique (tenant_id, person_id, requirement_id, kind, due_on)
  )`.execute(db);
  await tenantTable(db, "learning_reminders_sent", {}, { audit: false });

  // Precomputed status of each person against each requirement that applies to them, as at
  // as_at (today when refreshed). A test proves it equals the computation from the records.
  await sql`create table learning_compliance (
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    requirement_id uuid not null references learning_requirements(id) on delete cascade,
    as_at date not null,
    org_unit_id uuid,
    status text not null,
    due_on date,
    expires_on date,
    grace_ends_on date,
    met_on date,
    met_course_id uuid,
    primary key (tenant_id, person_id, requirement_id)
  )`.execute(db);
  await sql`create index learning_compliance_unit on learning_compliance (tenant_id, org_unit_id, requirement_id, status)`.execute(
    db,
  );
  await tenantTable(db, "learning_compliance", {}, { audit: false });

  // People whose precomputed statuses are out of date (a record, exemption, pause or
  // assignment changed); requirement changes mark everyone by person_id null.
  await sql`create table learning_compliance_stale (
    id bigint generated always as identity primary key,
    ${tenant},
    person_id uuid
  )`.execute(db);
  await tenantTable(db, "learning_compliance_stale", {}, { audit: false });
  // The trigger's argument names the column that holds the person: 'id' (people), 'household'
  // (a foster household: its carers), or 'all' (a rule change: everyone).
  await sql`create function learning_mark_stale() returns trigger language plpgsql as $$
    declare
      tenant uuid;
    begin
      if tg_op = 'DELETE' then tenant := old.tenant_id; else tenant := new.tenant_id; end if;
      if tg_argv[0] = 'all' then
        insert into learning_compliance_stale (tenant_id, person_id) values (tenant, null);
      elsif tg_argv[0] = 'household' then
        insert into learning_compliance_stale (tenant_id, person_id)
          select tenant, p.id from people p where p.foster_household_id = new.id;
      else
        if tg_op <> 'INSERT' then
          insert into learning_compliance_stale (tenant_id, person_id)
            values (tenant, (to_jsonb(old) ->> tg_argv[0])::uuid);
        end if;
        if tg_op <> 'DELETE' and (tg_op = 'INSERT'
            or (to_jsonb(old) ->> tg_argv[0]) is distinct from (to_jsonb(new) ->> tg_argv[0])) then
          insert into learning_compliance_stale (tenant_id, person_id)
            values (tenant, (to_jsonb(new) ->> tg_argv[0])::uuid);
        end if;
      end if;
      return null;
    end $$`.execute(db);
  const watched: Array<[string, string, string]> = [
    ["learning_records", "insert or update or delete", "person_id"],
    ["learning_exemptions", "insert or update or delete", "person_id"],
    ["learning_pauses", "insert or update or delete", "person_id"],
    ["assignments", "insert or update or delete", "person_id"],
    ["people", "insert or update of started_on, kind, foster_household_id, anonymised_on", "id"],
    ["foster_households", "update of approved_on, approval_type, deregistered_on", "household"],
    ["learning_requirement_versions", "insert or update or delete", "all"],
  ];
  for (const [table, events, column] of watched) {
    await sql`create trigger learning_compliance_stale after ${sql.raw(events)} on ${sql.table(table)}
      for each row execute function learning_mark_stale(${sql.lit(column)})`.execute(db);
  }
}
