/**
 * The daily reminders: when a requirement becomes due soon (before it is due, or a renewal before
 * it expires) and when it becomes overdue or expired, the person and their line manager (a
 * foster carer's supervising social worker) get an email. learning_reminders_sent holds one row
 * per person, requirement, kind and due date, written in the same transaction as the emails, so
 * each reminder goes once; a new due date (after a renewal) gives new reminders.
 */
import { sql } from "kysely";
import type { Outbox } from "../../../platform/outbox/outbox.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import { formatDate } from "../../../platform/views/render.js";
import type { ComplianceService } from "./compliance.service.js";

type Kind = "due_soon" | "overdue" | "expired";

interface Due {
  personId: string;
  requirementId: string;
  kind: Kind;
  dueOn: string;
  graceEndsOn: string | null;
  title: string;
  personName: string;
  personEmail: string | null;
  managerName: string | null;
  managerEmail: string | null;
}

function message(d: Due, toManager: boolean): { subject: string; body: string } {
  const whose = toManager ? `${d.personName}'s` : "Your";
  const who = toManager ? d.personName : "you";
  const due = formatDate(d.dueOn, false);
  switch (d.kind) {
    case "due_soon":
      return {
        subject: `${whose} ${d.title} is due soon`,
        body: `${d.title} is due by ${due}. Book a course in Workforce Academy so ${who} stay${toManager ? "s" : ""} up to date.`,
      };
    case "overdue":
      return {
        subject: `${whose} ${d.title} is overdue`,
        body: `${d.title} was due by ${due} and has not been completed. Book a course in Workforce Academy as soon as possible.`,
      };
    case "expired":
      return {
        subject: `${whose} ${d.title} has expired`,
        body: `${d.title} needed renewing by ${due}${d.graceEndsOn ? ` (grace ended ${formatDate(d.graceEndsOn, false)})` : ""}. Book a course in Workforce Academy as soon as possible.`,
      };
  }
}

/** Sends the reminders due in one council; returns how many reminders (not emails) were new. */
export async function sendReminders(
  data: DataAccess,
  outbox: Outbox,
  compliance: ComplianceService,
  ctx: TenantContext,
): Promise<number> {
  await compliance.refreshStale(ctx);
  const today = compliance.today();
  return data.run(ctx, async (db) => {
    const result = await sql<Due>`
      with due as (
        select lc.person_id, lc.requirement_id, lc.status as kind, lc.due_on, lc.grace_ends_on, lc.org_unit_id
        from learning_compliance lc
        where lc.status in ('due_soon', 'overdue', 'expired') and lc.due_on is not null
          and not exists (select 1 from learning_reminders_sent s where s.person_id = lc.person_id
            and s.requirement_id = lc.requirement_id and s.kind = lc.status and s.due_on = lc.due_on)
      ), manager as (
        select due.person_id, due.requirement_id, coalesce(
          (select a.line_manager_person_id from assignments a where a.person_id = due.person_id
            and a.valid_from <= ${today} and (a.valid_to is null or a.valid_to >= ${today})
            and a.line_manager_person_id is not null
            order by a.fte desc, a.valid_from limit 1),
          (select h.supervising_social_worker_id from people c join foster_households h on h.id = c.foster_household_id
            where c.id = due.person_id)) as manager_id
        from due
      )
      select due.person_id as "personId", due.requirement_id as "requirementId", due.kind,
        due.due_on::text as "dueOn", due.grace_ends_on::text as "graceEndsOn", r.title,
        coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as "personName", p.email as "personEmail",
        coalesce(m.preferred_name, m.given_name) || ' ' || m.family_name as "managerName", m.email as "managerEmail"
      from due
      join learning_requirements r on r.id = due.requirement_id
      join people p on p.id = due.person_id
      join manager on manager.person_id = due.person_id and manager.requirement_id = due.requirement_id
      left join people m on m.id = manager.manager_id
      order by p.family_name, p.given_name, r.code`.execute(db);
    for (const d of result.rows) {
      const marked = await db
        .insertInto("learning_reminders_sent")
        .values({ person_id: d.personId, requirement_id: d.requirementId, kind: d.kind, due_on: d.dueOn })
        .onConflict((oc) =>
          oc.columns(["tenant_id", "person_id", "requirement_id", "kind", "due_on"]).doNothing(),
        )
        .returning("id")
        .executeTakeFirst();
      if (!marked) continue;
      const reference = `learning-reminder:${d.kind}:${d.requirementId}:${d.personId}:${d.dueOn}`;
      if (d.personEmail) await outbox.enqueue(db, { to: d.personEmail, ...message(d, false), reference });
      if (d.managerEmail && d.managerEmail !== d.personEmail) {
        await outbox.enqueue(db, { to: d.managerEmail, ...message(d, true), reference });
      }
    }
    return result.rows.length;
  });
}

/** The daily job: every council in turn. */
export async function sendAllReminders(
  data: DataAccess,
  outbox: Outbox,
  compliance: ComplianceService,
): Promise<number> {
  const tenants = await data.system.selectFrom("tenants").select("id").execute();
  let sent = 0;
  for (const t of tenants) {
    const ctx = { tenantId: t.id, actor: { id: "job:learning.compliance.reminders" } };
    sent += await sendReminders(data, outbox, compliance, ctx);
  }
  return sent;
}
