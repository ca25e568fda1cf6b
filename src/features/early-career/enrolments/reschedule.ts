import { sql } from "kysely";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { daysBetween } from "../../learning/compliance/status.js";
import type { MilestoneKind } from "../schema.js";
import { milestoneDates, plannedEnd } from "./schedule.js";

/** Milestones that belong to the end of the programme: an extension moves them with the end. */
export const endMilestoneKinds: readonly MilestoneKind[] = ["final_review", "portfolio", "panel"];

/** Today as the transaction sees it: the clock's "now" that DataAccess.run sets (app.now). */
export async function transactionToday(db: TenantDb): Promise<IsoDate> {
  const { rows } = await sql<{ now: string | null }>`select current_setting('app.now', true) as now`.execute(
    db,
  );
  const now = rows[0]?.now;
  return dateInLondon(now ? new Date(now) : new Date());
}

/**
 * Works an enrolment's dates out again from its template version, start date, FTE, pauses and
 * extensions: the due date of every milestone not yet completed, and the planned end. Call it in
 * the same transaction after anything that moves them (FTE, a pause, an extension).
 *
 * - Milestones and the planned end come from schedule.ts (pro rata, plus paused days; an open
 *   pause counts as paused up to today, the transaction's clock).
 * - With an extension (the latest by created_at) whose new end is later than the planned end, the
 *   end is the extension's new end, and the not-completed milestones of kinds final_review,
 *   portfolio and panel move by the same number of days as the end moved (planned -> extended),
 *   so the final review, portfolio and panel stay where they were relative to the end. Earlier
 *   reviews keep their own dates. An extension earlier than the planned end is ignored.
 * - Completed milestones keep their dates. Milestones whose code is no longer in the enrolment's
 *   version (cannot happen: a version never changes) are left alone.
 */
export async function reschedule(db: TenantDb, enrolmentId: string): Promise<void> {
  const enrolment = await db
    .selectFrom("early_career_enrolments as e")
    .innerJoin("early_career_programme_versions as v", "v.id", "e.programme_version_id")
    .select(["e.id", "e.start_on", "e.fte", "e.end_on", "v.milestones", "v.length_months"])
    .where("e.id", "=", enrolmentId)
    .executeTakeFirst();
  if (!enrolment) throw new Error(`reschedule: no enrolment ${enrolmentId}`);

  const pauses = await db
    .selectFrom("early_career_pauses")
    .select(["from_on as fromOn", "to_on as toOn"])
    .where("enrolment_id", "=", enrolmentId)
    .execute();
  const extension = await db
    .selectFrom("early_career_extensions")
    .select("new_end_on")
    .where("enrolment_id", "=", enrolmentId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const today = await transactionToday(db);
  const fte = Number(enrolment.fte);

  const planned = plannedEnd(enrolment.length_months, enrolment.start_on, fte, pauses, today);
  const extended = extension && extension.new_end_on > planned ? extension.new_end_on : null;
  const endOn = extended ?? planned;
  const shift = extended ? daysBetween(planned, extended) : 0;

  const due = new Map(
    milestoneDates(enrolment.milestones, enrolment.start_on, fte, pauses, today).map((m) => [
      m.code,
      endMilestoneKinds.includes(m.kind) && shift > 0 ? addDays(m.dueOn, shift) : m.dueOn,
    ]),
  );
  const open = await db
    .selectFrom("early_career_milestones")
    .select(["id", "code", "due_on"])
    .where("enrolment_id", "=", enrolmentId)
    .where("completed_on", "is", null)
    .execute();
  for (const m of open) {
    const dueOn = due.get(m.code);
    if (dueOn && dueOn !== m.due_on) {
      await db.updateTable("early_career_milestones").set({ due_on: dueOn }).where("id", "=", m.id).execute();
    }
  }
  if (endOn !== enrolment.end_on) {
    await db
      .updateTable("early_career_enrolments")
      .set({ end_on: endOn, updated_at: sql<Date>`now()` })
      .where("id", "=", enrolmentId)
      .execute();
  }
}
