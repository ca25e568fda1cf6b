import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * Learning needs analysis: each person's learning needs for a plan year (the council's financial
 * year, 1 April to 31 March, held as the year it starts in), and the places L&D plan per course
 * and year. Registered interest (learning_interest) is read by the analysis, never copied here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;

  // A need is a catalogue course or a described need with its theme, never both.
  await sql`create table learning_needs (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    person_id uuid not null references people(id) on delete cascade,
    plan_year integer not null check (plan_year between 2000 and 2200),
    course_id uuid references learning_courses(id),
    description text check (length(description) between 1 and 500),
    theme text,
    priority text not null check (priority in ('essential', 'important', 'desirable')),
    pcf_domain text,
    needed_by date,
    source text not null check (source in ('manager', 'appraisal', 'quality_finding')),
    status text not null default 'open' check (status in ('open', 'met', 'withdrawn')),
    recorded_by text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((course_id is null) <> (description is null)),
    check (course_id is not null or theme is not null)
  )`.execute(db);
  // The natural key: the same need from the same source for the same person and year once only,
  // so a feed file applied twice adds nothing.
  await sql`create unique index learning_needs_natural_key on learning_needs
    (tenant_id, person_id, plan_year, source, (coalesce(course_id::text, lower(description))))`.execute(db);
  await sql`create index learning_needs_year_course on learning_needs (tenant_id, plan_year, course_id)`.execute(
    db,
  );
  await sql`create index learning_needs_person on learning_needs (tenant_id, person_id, plan_year)`.execute(
    db,
  );
  await tenantTable(db, "learning_needs");

  await sql`create table learning_planned_places (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    course_id uuid not null references learning_courses(id) on delete cascade,
    plan_year integer not null check (plan_year between 2000 and 2200),
    places integer not null check (places between 0 and 100000),
    note text check (length(note) <= 500),
    set_by text not null,
    updated_at timestamptz not null default now(),
    unique (tenant_id, course_id, plan_year)
  )`.execute(db);
  await tenantTable(db, "learning_planned_places");

  // The analysis reads each person's registered interest (learning_interest is keyed by course).
  await sql`create index learning_interest_person on learning_interest (tenant_id, person_id)`.execute(db);
}
