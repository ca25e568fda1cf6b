import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * The learning catalogue: one row a course. Tier and group are checked against the reference data
 * in the service (reference.ts), so a council can rename its groupings without a migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;
  await sql`create table learning_courses (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    code text not null check (code ~ '^[A-Z0-9][A-Z0-9-]{0,39}$'),
    title text not null check (length(title) between 1 and 200),
    summary text,
    tier text not null,
    group_key text not null,
    strand text,
    strand_level text,
    delivery text not null check (delivery in ('face_to_face', 'virtual', 'e_learning', 'blended', 'accredited')),
    duration_hours numeric(6, 2) check (duration_hours > 0),
    cpd_hours numeric(6, 2) check (cpd_hours >= 0),
    provider text,
    cost_pence integer check (cost_pence >= 0),
    audience text,
    booking_route text not null check (booking_route in ('self', 'manager', 'learning_team')),
    outcomes text[] not null default '{}',
    pcf_domains text[] not null default '{}',
    kss_statements text[] not null default '{}',
    prerequisite_course_ids uuid[] not null default '{}',
    status text not null default 'active' check (status in ('active', 'withdrawn')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (tenant_id, code)
  )`.execute(db);
  await sql`create index learning_courses_finder on learning_courses (tenant_id, tier, group_key, title)`.execute(
    db,
  );
  await tenantTable(db, "learning_courses");
}
