/**
 * The daily readiness reminders: in September (from 1 September) and again in November (from
 * 1 November), each registered social worker who does not yet meet the year gets one email, and
 * each line manager one list of their reports not yet meeting it. cpd_registration_reminders
 * holds one row per person (or manager), year and round, written in the same transaction as the
 * emails, so each goes once.
 */
import type { IsoDate } from "../../../platform/dates.js";
import type { Outbox } from "../../../platform/outbox/outbox.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import { formatDate } from "../../../platform/views/render.js";
import { missingText, type RegistrationYear, registrationYearOn } from "./readiness.js";
import * as repo from "./registration.repository.js";
import type { ReminderRound } from "./schema.js";

export const REMINDERS_JOB = "cpd.registration.reminders";

/** The round a day belongs to: September and October send September's, November November's. */
export function reminderRound(today: IsoDate): ReminderRound | null {
  const month = Number(today.slice(5, 7));
  if (month === 9 || month === 10) return "september";
  if (month === 11) return "november";
  return null;
}

function personMessage(year: RegistrationYear, missing: string[]) {
  return {
    subject: "Your CPD for Social Work England renewal",
    body: [
      `To renew your Social Work England registration by ${formatDate(year.endsOn, false)} you need at least two different pieces of CPD recorded in the registration year ${year.name}, at least one with a peer reflection.`,
      `You still need: ${missing.join(" and ")}.`,
      "Record your CPD in Workforce Academy, then copy it into your Social Work England online account.",
    ].join("\n\n"),
  };
}

function managerMessage(year: RegistrationYear, names: string[]) {
  const count = names.length;
  return {
    subject: `${count} of your team ${count === 1 ? "has" : "have"} not yet recorded enough CPD for renewal`,
    body: [
      `These people do not yet meet Social Work England's CPD requirement for ${year.name} (renewal by ${formatDate(year.endsOn, false)}):`,
      names.map((n) => `- ${n}`).join("\n"),
      "See their readiness in Workforce Academy.",
    ].join("\n\n"),
  };
}

/** Sends the round's reminders in one council; returns how many emails were queued. */
export async function sendRegistrationReminders(
  data: DataAccess,
  outbox: Outbox,
  ctx: TenantContext,
  today: IsoDate,
): Promise<number> {
  const round = reminderRound(today);
  if (!round) return 0;
  const year = registrationYearOn(today);
  return data.run(ctx, async (db) => {
    const rows = await repo.readinessAll(db, year, { today, scope: undefined, unitIds: null }, "not_met");
    let sent = 0;
    const mark = async (personId: string, audience: "person" | "manager") =>
      (await db
        .insertInto("cpd_registration_reminders")
        .values({ person_id: personId, year_end: year.endYear, round, audience })
        .onConflict((oc) =>
          oc.columns(["tenant_id", "person_id", "year_end", "round", "audience"]).doNothing(),
        )
        .returning("id")
        .executeTakeFirst()) !== undefined;
    const byManager = new Map<string, string[]>();
    for (const r of rows) {
      if (r.managerId && r.managerId !== r.personId) {
        const names = byManager.get(r.managerId) ?? [];
        names.push(r.name);
        byManager.set(r.managerId, names);
      }
      if (!(await mark(r.personId, "person"))) continue;
      if (r.email) {
        const missing = missingText(r.pieces, r.peer);
        await outbox.enqueue(db, {
          to: r.email,
          ...personMessage(year, missing),
          reference: `cpd-registration:${year.endYear}:${round}:${r.personId}`,
        });
        sent += 1;
      }
    }
    if (byManager.size === 0) return sent;
    const managers = await db
      .selectFrom("people")
      .select(["id", "email"])
      .where("id", "in", [...byManager.keys()])
      .execute();
    for (const m of managers) {
      const names = byManager.get(m.id) ?? [];
      if (!(await mark(m.id, "manager"))) continue;
      if (!m.email) continue;
      await outbox.enqueue(db, {
        to: m.email,
        ...managerMessage(year, names),
        reference: `cpd-registration-team:${year.endYear}:${round}:${m.id}`,
      });
      sent += 1;
    }
    return sent;
  });
}

/** The daily job: every council in turn. */
export async function sendAllRegistrationReminders(data: DataAccess, outbox: Outbox, today: IsoDate) {
  const tenants = await data.system.selectFrom("tenants").select("id").execute();
  let sent = 0;
  for (const t of tenants) {
    sent += await sendRegistrationReminders(
      data,
      outbox,
      { tenantId: t.id, actor: { id: `job:${REMINDERS_JOB}` } },
      today,
    );
  }
  return sent;
}
