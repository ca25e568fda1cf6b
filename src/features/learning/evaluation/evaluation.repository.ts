/** Queries on the evaluation requests, answers and follow-ups (always inside a tenant transaction). */
import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import "../schema.js";
import "./schema.js";
import type { Respondent } from "./schema.js";

const personName = sql<string>`coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name`;

/** One request with its course, session and learner, or undefined. */
export async function evaluationById(db: TenantDb, evaluationId: string) {
  return db
    .selectFrom("learning_evaluations as e")
    .innerJoin("learning_courses as c", "c.id", "e.course_id")
    .innerJoin("people as p", "p.id", "e.person_id")
    .select([
      "e.id",
      "e.person_id as personId",
      "e.course_id as courseId",
      "c.title as courseTitle",
      sql<string>`e.attended_on::text`.as("attendedOn"),
      sql<string>`e.follow_up_due_on::text`.as("followUpDueOn"),
      "e.rating",
      "e.confidence_before as confidenceBefore",
      "e.confidence_after as confidenceAfter",
      "e.will_do_differently as willDoDifferently",
      "e.comments",
      "e.answered_at as answeredAt",
      personName.as("personName"),
      "p.anonymised_on as anonymisedOn",
    ])
    .where("e.id", "=", evaluationId)
    .executeTakeFirst();
}
export type EvaluationView = NonNullable<Awaited<ReturnType<typeof evaluationById>>>;

export async function followUpOf(db: TenantDb, evaluationId: string, respondent: Respondent) {
  return db
    .selectFrom("learning_evaluation_follow_ups")
    .select(["impact", "example", "answered_at as answeredAt", "sent_at as sentAt"])
    .where("evaluation_id", "=", evaluationId)
    .where("respondent", "=", respondent)
    .executeTakeFirst();
}

/** What a person has still to answer: their evaluations, their follow-ups, and those about their reports. */
export async function pendingFor(db: TenantDb, personId: string, today: IsoDate) {
  const evaluations = await db
    .selectFrom("learning_evaluations as e")
    .innerJoin("learning_courses as c", "c.id", "e.course_id")
    .select(["e.id", "c.title as courseTitle", sql<string>`e.attended_on::text`.as("attendedOn")])
    .where("e.person_id", "=", personId)
    .where("e.answered_at", "is", null)
    .orderBy("e.attended_on", "desc")
    .orderBy("c.title")
    .execute();
  const followUps = await db
    .selectFrom("learning_evaluations as e")
    .innerJoin("learning_courses as c", "c.id", "e.course_id")
    .select(["e.id", "c.title as courseTitle", sql<string>`e.attended_on::text`.as("attendedOn")])
    .where("e.person_id", "=", personId)
    .where("e.follow_up_due_on", "<=", today)
    .where("e.follow_up", "<>", "not_sent")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("learning_evaluation_follow_ups as f")
            .select("f.id")
            .whereRef("f.evaluation_id", "=", "e.id")
            .where("f.respondent", "=", "learner")
            .where("f.answered_at", "is not", null),
        ),
      ),
    )
    .orderBy("e.attended_on", "desc")
    .execute();
  const forReports = await db
    .selectFrom("learning_evaluation_follow_ups as f")
    .innerJoin("learning_evaluations as e", "e.id", "f.evaluation_id")
    .innerJoin("learning_courses as c", "c.id", "e.course_id")
    .innerJoin("people as p", "p.id", "e.person_id")
    .select([
      "e.id",
      "c.title as courseTitle",
      sql<string>`e.attended_on::text`.as("attendedOn"),
      personName.as("personName"),
    ])
    .where("f.respondent", "=", "manager")
    .where("f.asked_person_id", "=", personId)
    .where("f.answered_at", "is", null)
    .where("p.anonymised_on", "is", null)
    .orderBy("e.attended_on", "desc")
    .execute();
  return { evaluations, followUps, forReports };
}

export interface Answer {
  rating: number;
  confidenceBefore: number;
  confidenceAfter: number;
  willDoDifferently: string;
  comments: string | null;
}

/** Writes the learner's answer if there is none yet; false when it was already answered. */
export async function saveAnswer(db: TenantDb, evaluationId: string, answer: Answer, now: Date) {
  const row = await db
    .updateTable("learning_evaluations")
    .set({
      rating: answer.rating,
      confidence_before: answer.confidenceBefore,
      confidence_after: answer.confidenceAfter,
      will_do_differently: answer.willDoDifferently,
      comments: answer.comments,
      answered_at: now,
    })
    .where("id", "=", evaluationId)
    .where("answered_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export interface FollowUpAnswer {
  impact: number;
  example: string;
}

/** Writes a follow-up answer if that respondent has not answered; false when they had. */
export async function saveFollowUp(
  db: TenantDb,
  evaluationId: string,
  respondent: Respondent,
  answeredBy: string | null,
  answer: FollowUpAnswer,
  now: Date,
) {
  const row = await db
    .insertInto("learning_evaluation_follow_ups")
    .values({
      evaluation_id: evaluationId,
      respondent,
      asked_person_id: answeredBy,
      impact: answer.impact,
      example: answer.example,
      answered_by_person_id: answeredBy,
      answered_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(["evaluation_id", "respondent"])
        .doUpdateSet({
          impact: answer.impact,
          example: answer.example,
          answered_by_person_id: answeredBy,
          answered_at: now,
        })
        .where("learning_evaluation_follow_ups.answered_at", "is", null),
    )
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** The person's line manager today (their main assignment's), or a foster carer's supervising social worker. */
export async function managerOf(db: TenantDb, personId: string, today: IsoDate) {
  const result = await sql<{ id: string; name: string; email: string | null }>`
    select m.id, coalesce(m.preferred_name, m.given_name) || ' ' || m.family_name as name, m.email
    from people m where m.id = coalesce(
      (select a.line_manager_person_id from assignments a where a.person_id = ${personId}
        and a.valid_from <= ${today} and (a.valid_to is null or a.valid_to >= ${today})
        and a.line_manager_person_id is not null
        order by a.fte desc, a.valid_from limit 1),
      (select h.supervising_social_worker_id from people c join foster_households h on h.id = c.foster_household_id
        where c.id = ${personId}))
      and m.anonymised_on is null`.execute(db);
  return result.rows[0];
}

/** On anonymisation: the ratings stay in the reports; what the person wrote goes. */
export async function anonymiseAnswers(db: TenantDb, personId: string): Promise<void> {
  await db
    .updateTable("learning_evaluations")
    .set({ will_do_differently: null, comments: null })
    .where("person_id", "=", personId)
    .execute();
  await db
    .updateTable("learning_evaluation_follow_ups")
    .set({ example: null })
    .where("evaluation_id", "in", (eb) =>
      eb.selectFrom("learning_evaluations").select("id").where("person_id", "=", personId),
    )
    .execute();
}
