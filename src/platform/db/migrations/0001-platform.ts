import { type Kysely, sql } from "kysely";
import { APP_ROLE, tenantIdDefault, tenantTable } from "../tenant-table.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  // The role tenant-scoped transactions switch to (SET LOCAL ROLE). Roles are cluster-wide, so it
  // may exist already (another database on the same server).
  await sql`do $$ begin
      if not exists (select from pg_roles where rolname = ${sql.lit(APP_ROLE)}) then
        create role ${sql.id(APP_ROLE)} nologin;
      end if;
    end $$`.execute(db);
  await sql`grant ${sql.id(APP_ROLE)} to current_user`.execute(db).catch(() => undefined);
  await sql`grant usage on schema public to ${sql.id(APP_ROLE)}`.execute(db);

  await db.schema
    .createTable("tenants")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("hostnames", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`grant select on tenants to ${sql.id(APP_ROLE)}`.execute(db);

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_expires_at").on("sessions").column("expires_at").execute();

  // Audit: append-only. Only the trigger (security definer) writes it; the app role may only read
  // its own tenant's rows.
  await db.schema
    .createTable("audit_field_classes")
    .addColumn("table_name", "text", (c) => c.notNull())
    .addColumn("column_name", "text", (c) => c.notNull())
    .addColumn("class", "text", (c) =>
      c.notNull().check(sql`class in ('equality', 'private_note', 'secret')`),
    )
    .addPrimaryKeyConstraint("audit_field_classes_pk", ["table_name", "column_name"])
    .execute();
  await sql`grant select on audit_field_classes to ${sql.id(APP_ROLE)}`.execute(db);

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("tenant_id", "uuid", (c) => c.notNull())
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("table_name", "text", (c) => c.notNull())
    .addColumn("record_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("before", "jsonb")
    .addColumn("after", "jsonb")
    .addColumn("changed", sql`text[]`)
    .execute();
  await db.schema
    .createIndex("audit_events_record")
    .on("audit_events")
    .columns(["tenant_id", "table_name", "record_id"])
    .execute();
  await sql`alter table audit_events enable row level security`.execute(db);
  await sql`create policy tenant_read on audit_events for select to ${sql.id(APP_ROLE)}
    using (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))`.execute(db);
  await sql`grant select on audit_events to ${sql.id(APP_ROLE)}`.execute(db);
  await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only';
    end $$`.execute(db);
  await sql`create trigger audit_events_append_only before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);

  await sql`create function audit_row() returns trigger language plpgsql security definer
    set search_path = public, pg_temp as $$
    declare
      v_actor text := nullif(current_setting('app.actor', true), '');
      v_at timestamptz := coalesce(nullif(current_setting('app.now', true), '')::timestamptz, now());
      v_old jsonb;
      v_new jsonb;
      v_changed text[];
      v_masked record;
    begin
      if v_actor is null then
        raise exception 'write to % without an actor: use DataAccess.run', tg_table_name;
      end if;
      if tg_op <> 'INSERT' then v_old := to_jsonb(old); end if;
      if tg_op <> 'DELETE' then v_new := to_jsonb(new); end if;
      if tg_op = 'UPDATE' then
        select array_agg(n.key order by n.key) into v_changed
          from jsonb_each(v_new) n where n.value is distinct from v_old -> n.key;
        if v_changed is null then return new; end if;
      elsif tg_op = 'INSERT' then
        select array_agg(n.key order by n.key) into v_changed
          from jsonb_each(v_new) n where n.value <> 'null'::jsonb;
      end if;
      for v_masked in select column_name from audit_field_classes where table_name = tg_table_name loop
        v_old := v_old - v_masked.column_name;
        v_new := v_new - v_masked.column_name;
      end loop;
      insert into audit_events (tenant_id, occurred_at, actor, table_name, record_id, action, before, after, changed)
      values (
        coalesce(v_new ->> 'tenant_id', v_old ->> 'tenant_id')::uuid, v_at, v_actor, tg_table_name,
        coalesce(v_new ->> 'id', v_old ->> 'id'), lower(tg_op), v_old, v_new, v_changed
      );
      return coalesce(new, old);
    end $$`.execute(db);

  // Jobs: platform-wide (the runner works across tenants); a job may name the tenant it is for.
  await db.schema
    .createTable("jobs")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("tenant_id", "uuid", (c) => c.references("tenants.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("queued").check(sql`status in ('queued', 'running', 'succeeded', 'failed')`),
    )
    .addColumn("run_at", "timestamptz", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("last_error", "text")
    .addColumn("progress", "jsonb")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .execute();
  await db.schema.createIndex("jobs_due").on("jobs").columns(["status", "run_at"]).execute();
  await db.schema.createIndex("jobs_recent").on("jobs").column("created_at").execute();

  await db.schema
    .createTable("job_schedules")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("cron", "text", (c) => c.notNull())
    .addColumn("next_run_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_run_at", "timestamptz")
    .execute();

  // Outbox: every email goes through this table, written in the same transaction as the change
  // that causes it.
  await db.schema
    .createTable("outbox_messages")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("tenant_id", "uuid", (c) => c.notNull().references("tenants.id").defaultTo(tenantIdDefault))
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("reference", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending', 'sent', 'held', 'failed')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("provider_id", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("sent_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("outbox_due")
    .on("outbox_messages")
    .columns(["status", "next_attempt_at"])
    .execute();
  // Message bodies may carry sign-in links: audited as changed, never copied.
  await tenantTable(db, "outbox_messages", { body: "secret" });
}
