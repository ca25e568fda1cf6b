import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/** Accounts, their roles (each scoped to an organisation unit and everything below it), password links and sign-in events. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;
  await sql`create table users (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    email text not null check (email = lower(email)),
    display_name text not null,
    person_id uuid references people(id),
    password_hash text,
    status text not null default 'active' check (status in ('active', 'disabled')),
    failed_attempts integer not null default 0,
    locked_until timestamptz,
    last_signed_in_at timestamptz,
    created_at timestamptz not null default now(),
    unique (tenant_id, email)
  )`.execute(db);
  await sql`create table user_roles (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    user_id uuid not null references users(id),
    role text not null,
    unit_id uuid references org_units(id),
    unique (user_id, role, unit_id)
  )`.execute(db);
  await sql`create table password_tokens (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    user_id uuid not null references users(id),
    token_hash text not null unique,
    purpose text not null check (purpose in ('set', 'reset')),
    expires_at timestamptz not null,
    used_at timestamptz
  )`.execute(db);
  await sql`create table sign_in_events (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    user_id uuid references users(id),
    email text not null,
    method text not null check (method in ('password', 'oidc')),
    outcome text not null check (outcome in ('signed_in', 'wrong_password', 'locked', 'unknown_user', 'disabled')),
    occurred_at timestamptz not null
  )`.execute(db);
  await sql`create index sign_in_events_user on sign_in_events (user_id, occurred_at)`.execute(db);
  await tenantTable(db, "users", { password_hash: "secret" });
  await tenantTable(db, "user_roles");
  await tenantTable(db, "password_tokens", { token_hash: "secret" });
  await tenantTable(db, "sign_in_events", {}, { audit: false });
}
