/**
 * The evaluation emails, sent by jobs through the outbox in the same transaction as the mark that
 * says they went, so each goes once: the invitation after attendance (the trigger made the
 * request), and the 3-month follow-up to the learner and their line manager. A request the job
 * first sees more than 30 days late (a register recorded long after, or history) is marked
 * not sent instead of emailed.
 */
import { sql } from "kysely";
import { addDays, type IsoDate } from "../../../platform/dates.js";
import type { Outbox } from "../../../platform/outbox/outbox.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { formatDate } from "../../../platform/views/render.js";
import { managerOf } from "./evaluation.repository.js";
import { SEND_WITHIN_DAYS } from "./words.js";

export interface EmailTally {
  sent: number;
  notSent: number;
}

interface Due {
  id: string;
  personId: string;
  courseTitle: string;
  attendedOn: string;
  dueOn: string;
  personName: string;
  email: string | null;
}

async function due(db: TenantDb, which: "invitation" | "follow_up", today: IsoDate): Promise<Due[]> {
  const where =
    which === "invitation"
      ? sql`e.invitation = 'due'`
      : sql`e.follow_up = 'scheduled' and e.follow_up_due_on <= ${today}`;
  const result = await sql<Due>`
    select e.id, e.person_id as "personId", c.title as "courseTitle", e.attended_on::text as "attendedOn",
      e.follow_up_due_on::text as "dueOn",
      coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as "personName",
      case when p.anonymised_on is null then p.email end as email
    from learning_evaluations e
    join learning_courses c on c.id = e.course_id
    join people p on p.id = e.person_id
    where ${where}
    order by e.attended_on, e.id
    for update of e skip locked`.execute(db);
  return result.rows;
}

/** Emails the invitations waiting to go in one council. */
export async function sendInvitations(
  db: TenantDb,
  outbox: Outbox,
  today: IsoDate,
  now: Date,
  link: (path: string) => string,
): Promise<EmailTally> {
  const tally = { sent: 0, notSent: 0 };
  const oldest = addDays(today, -SEND_WITHIN_DAYS);
  for (const d of await due(db, "invitation", today)) {
    const send = d.email !== null && d.attendedOn >= oldest;
    await db
      .updateTable("learning_evaluations")
      .set({ invitation: send ? "sent" : "not_sent", invited_at: send ? now : null })
      .where("id", "=", d.id)
      .execute();
    if (!send || !d.email) {
      tally.notSent += 1;
      continue;
    }
    await outbox.enqueue(db, {
      to: d.email,
      subject: `How was ${d.courseTitle}?`,
      body: `Thank you for attending ${d.courseTitle} on ${formatDate(d.attendedOn, false)}. Please tell us what you thought of it and what you will do differently: it takes about 3 minutes.\n\n${link(`/learning/evaluations/${d.id}`)}\n\nIn three months we will ask you and your line manager about the difference it has made to your practice.`,
      reference: `learning-evaluation:${d.id}`,
    });
    tally.sent += 1;
  }
  return tally;
}

/** Emails the follow-ups that have fallen due in one council: the learner and their manager, once each. */
export async function sendFollowUps(
  db: TenantDb,
  outbox: Outbox,
  today: IsoDate,
  now: Date,
  link: (path: string) => string,
): Promise<EmailTally> {
  const tally = { sent: 0, notSent: 0 };
  const oldest = addDays(today, -SEND_WITHIN_DAYS);
  for (const d of await due(db, "follow_up", today)) {
    const send = d.dueOn >= oldest;
    await db
      .updateTable("learning_evaluations")
      .set({ follow_up: send ? "sent" : "not_sent", follow_up_sent_at: send ? now : null })
      .where("id", "=", d.id)
      .execute();
    if (!send) {
      tally.notSent += 1;
      continue;
    }
    const when = formatDate(d.attendedOn, false);
    const asked = async (respondent: "learner" | "manager", personId: string) =>
      (await db
        .insertInto("learning_evaluation_follow_ups")
        .values({ evaluation_id: d.id, respondent, asked_person_id: personId, sent_at: now })
        .onConflict((oc) => oc.columns(["evaluation_id", "respondent"]).doNothing())
        .returning("id")
        .executeTakeFirst()) !== undefined;

    if ((await asked("learner", d.personId)) && d.email) {
      await outbox.enqueue(db, {
        to: d.email,
        subject: `${d.courseTitle}: what difference has it made?`,
        body: `Three months ago, on ${when}, you attended ${d.courseTitle}. Please tell us what difference it has made to your practice, with an example.\n\n${link(`/learning/evaluations/${d.id}/follow-up`)}`,
        reference: `learning-evaluation-follow-up:learner:${d.id}`,
      });
      tally.sent += 1;
    }
    const manager = await managerOf(db, d.personId, today);
    if (manager && manager.id !== d.personId && (await asked("manager", manager.id)) && manager.email) {
      await outbox.enqueue(db, {
        to: manager.email,
        subject: `${d.personName}'s ${d.courseTitle}: what difference has it made?`,
        body: `Three months ago, on ${when}, ${d.personName} attended ${d.courseTitle}. As their line manager, please tell us what difference you have seen in their practice, with an example.\n\n${link(`/learning/evaluations/${d.id}/manager-follow-up`)}`,
        reference: `learning-evaluation-follow-up:manager:${d.id}`,
      });
      tally.sent += 1;
    }
  }
  return tally;
}
