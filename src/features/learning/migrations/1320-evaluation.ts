import { type Kysely, sql } from "kysely";
import { tenantIdDefault, tenantTable } from "../../../platform/db/tenant-table.js";

/**
 * Evaluation of learning: a request after each completed attendance (made by a trigger on the
 * learning record the register writes, whatever wrote it), the learner's answer, and the 3-month
 * follow-ups about the impact on practice asked of the learner and their line manager.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = sql`tenant_id uuid not null references tenants(id) default ${tenantIdDefault}`;
  const scale = (column: string) => sql.raw(`${column} smallint check (${column} between 1 and 5)`);

  // invitation: 'due' until the emails job has sent it ('sent'), or decided it is too old to send
  // ('not_sent'); follow_up likewise, from follow_up_due_on (3 months after the session).
  await sql`create table learning_evaluations (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    booking_id uuid not null unique references learning_bookings(id) on delete cascade,
    person_id uuid not null references people(id) on delete cascade,
    course_id uuid not null references learning_courses(id),
    session_id uuid not null references learning_sessions(id) on delete cascade,
    attended_on date not null,
    follow_up_due_on date not null,
    invitation text not null default 'due' check (invitation in ('due', 'sent', 'not_sent')),
    invited_at timestamptz,
    follow_up text not null default 'scheduled' check (follow_up in ('scheduled', 'sent', 'not_sent')),
    follow_up_sent_at timestamptz,
    ${scale("rating")},
    ${scale("confidence_before")},
    ${scale("confidence_after")},
    will_do_differently text check (length(will_do_differently) <= 2000),
    comments text check (length(comments) <= 2000),
    answered_at timestamptz,
    created_at timestamptz not null default now(),
    check ((answered_at is null) = (rating is null)),
    check ((answered_at is null) = (confidence_before is null and confidence_after is null))
  )`.execute(db);
  await sql`create index learning_evaluations_person on learning_evaluations (tenant_id, person_id)`.execute(
    db,
  );
  await sql`create index learning_evaluations_attended on learning_evaluations (tenant_id, attended_on)`.execute(
    db,
  );
  await sql`create index learning_evaluations_due on learning_evaluations (tenant_id, follow_up_due_on)
    where follow_up = 'scheduled'`.execute(db);
  await sql`create index learning_evaluations_invite on learning_evaluations (tenant_id)
    where invitation = 'due'`.execute(db);
  await tenantTable(db, "learning_evaluations");

  // One follow-up a respondent: the learner, and their line manager (or whoever answers for them).
  await sql`create table learning_evaluation_follow_ups (
    id uuid primary key default gen_random_uuid(),
    ${tenant},
    evaluation_id uuid not null references learning_evaluations(id) on delete cascade,
    respondent text not null check (respondent in ('learner', 'manager')),
    asked_person_id uuid references people(id) on delete set null,
    sent_at timestamptz,
    ${scale("impact")},
    example text check (length(example) <= 2000),
    answered_by_person_id uuid references people(id) on delete set null,
    answered_at timestamptz,
    created_at timestamptz not null default now(),
    unique (evaluation_id, respondent),
    check ((answered_at is null) = (impact is null))
  )`.execute(db);
  await sql`create index learning_evaluation_follow_ups_asked on learning_evaluation_follow_ups
    (tenant_id, asked_person_id) where answered_at is null`.execute(db);
  await tenantTable(db, "learning_evaluation_follow_ups");

  // The hook on attendance: the register writes one learning record (source 'attendance', with
  // its booking) when a booking's outcome becomes completed, and deletes it when it stops being
  // so. A trigger catches every writer (the register page, an uploaded register, the demo, any
  // later import) in the same transaction; the unique booking_id makes it idempotent.
  await sql`create function learning_evaluation_request() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.source = 'attendance' and old.booking_id is not null then
          delete from learning_evaluations e where e.booking_id = old.booking_id and e.answered_at is null
            and not exists (select 1 from learning_evaluation_follow_ups f
              where f.evaluation_id = e.id and f.answered_at is not null);
        end if;
        return null;
      end if;
      if new.source <> 'attendance' or new.booking_id is null or new.course_id is null then
        return null;
      end if;
      if tg_op = 'UPDATE' then
        update learning_evaluations set attended_on = new.completed_on,
            follow_up_due_on = (new.completed_on + interval '3 months')::date
          where booking_id = new.booking_id and follow_up = 'scheduled';
        return null;
      end if;
      insert into learning_evaluations
          (tenant_id, booking_id, person_id, course_id, session_id, attended_on, follow_up_due_on)
        select new.tenant_id, new.booking_id, new.person_id, new.course_id, b.session_id,
          new.completed_on, (new.completed_on + interval '3 months')::date
        from learning_bookings b where b.id = new.booking_id
        on conflict (booking_id) do nothing;
      return null;
    end $$`.execute(db);
  await sql`create trigger learning_evaluation_request
    after insert or delete or update of completed_on on learning_records
    for each row execute function learning_evaluation_request()`.execute(db);

  // Attendance recorded before this migration: requests too (the emails job sends nothing for
  // sessions more than 30 days past).
  await sql`insert into learning_evaluations
      (tenant_id, booking_id, person_id, course_id, session_id, attended_on, follow_up_due_on)
    select r.tenant_id, r.booking_id, r.person_id, r.course_id, b.session_id, r.completed_on,
      (r.completed_on + interval '3 months')::date
    from learning_records r join learning_bookings b on b.id = r.booking_id
    where r.source = 'attendance' and r.course_id is not null
    on conflict (booking_id) do nothing`.execute(db);
}
