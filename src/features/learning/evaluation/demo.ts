import type { FastifyInstance } from "fastify";
import { addDays, dateInLondon } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { impactWords } from "./words.js";
import "./schema.js";

/** A deterministic pick: the same answers every time. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
const pick = <T>(list: readonly T[], key: string): T => list[hash(key) % list.length] as T;
const clamp = (n: number) => Math.min(5, Math.max(1, n));

const differently = [
  "Use the three houses tool in every first visit so the child's voice is recorded in their own words.",
  "Write my analysis before the chronology, so the risks and strengths are clear to the family.",
  "Plan direct work sessions ahead of each visit instead of relying on what comes up on the day.",
  "Check I have explained the court process to parents in plain language and written it down for them.",
  "Bring the family's safety network into planning meetings from the start.",
  "Ask about domestic abuse routinely and record the answer, even when nothing is disclosed.",
  "Use reflective supervision to test my hypotheses before I make recommendations.",
  "Share my assessment with the young person before it goes to panel.",
  "Record decisions and the reasons for them on the same day.",
  "Use genograms with families rather than drawing them afterwards.",
];
const comments = [
  "The case studies made it real. More time for discussion would help.",
  "Very practical; I would recommend it to my team.",
  "The venue was too small for group work.",
  "Good trainer, but the afternoon felt rushed.",
  "It would help to have the slides before the day.",
  "I would like a follow-up session in six months.",
  "Clear and well paced.",
];
const examples = [
  "My assessments now set out the analysis first and my manager says they are easier to follow.",
  "I have used the tools in direct work with three children and their views are now in every plan.",
  "I have changed how I prepare parents for meetings; fewer meetings have had to be rearranged.",
  "Not much has changed yet because my caseload has been high, but I have started to use the templates.",
  "They now lead the safety planning discussions in group supervision.",
];

/**
 * The demo council's evaluations: the requests the attendance trigger made for past sessions,
 * marked as invited, with about seven in ten answered (ratings and confidence that differ by
 * course and trainer, so the reports have something to compare), and, where three months have
 * passed, follow-ups from about half the learners and four in ten managers. Idempotent: does
 * nothing once any evaluation in the council has an answer.
 */
export async function seedDemoEvaluations(app: FastifyInstance): Promise<number> {
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  const today = dateInLondon(app.platform.clock.now());
  let answered = 0;
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    answered += await app.platform.data.run(ctx, async (db) => {
      const done = await db
        .selectFrom("learning_evaluations")
        .select("id")
        .where("answered_at", "is not", null)
        .limit(1)
        .executeTakeFirst();
      if (done) return 0;
      const rows = await db
        .selectFrom("learning_evaluations as e")
        .innerJoin("learning_sessions as s", "s.id", "e.session_id")
        .select(["e.id", "e.course_id", "e.attended_on", "e.follow_up_due_on", "s.trainers"])
        .where("e.attended_on", "<", today)
        .orderBy("e.id")
        .execute();
      let made = 0;
      for (const e of rows) {
        const attended = String(e.attended_on);
        const invitedAt = new Date(`${addDays(attended, 1)}T09:00:00Z`);
        const answers = hash(`answer:${e.id}`) % 10 < 7;
        // Each course and trainer has a leaning, so the groups differ believably.
        const lean =
          (hash(`course:${e.course_id}`) % 3) - 1 + ((hash(`trainer:${e.trainers[0] ?? ""}`) % 3) - 1);
        const rating = clamp(4 + lean + ((hash(`rating:${e.id}`) % 3) - 1));
        const before = clamp(2 + (hash(`before:${e.id}`) % 2));
        const after = clamp(
          before + 1 + (hash(`after:${e.id}`) % 2) + (lean > 0 ? 1 : 0) - (lean < 0 ? 1 : 0),
        );
        const answeredOn = addDays(attended, 1 + (hash(`when:${e.id}`) % 6));
        await db
          .updateTable("learning_evaluations")
          .set({
            invitation: "sent",
            invited_at: invitedAt,
            ...(answers && answeredOn <= today
              ? {
                  rating,
                  confidence_before: before,
                  confidence_after: after,
                  will_do_differently: pick(differently, `do:${e.id}`),
                  comments: hash(`c:${e.id}`) % 3 === 0 ? pick(comments, `cm:${e.id}`) : null,
                  answered_at: new Date(`${answeredOn}T12:00:00Z`),
                }
              : {}),
          })
          .where("id", "=", e.id)
          .execute();
        if (answers && answeredOn <= today) made += 1;
        const dueOn = String(e.follow_up_due_on);
        if (dueOn > today) continue;
        const sentAt = new Date(`${dueOn}T07:00:00Z`);
        await db
          .updateTable("learning_evaluations")
          .set({ follow_up: "sent", follow_up_sent_at: sentAt })
          .where("id", "=", e.id)
          .execute();
        for (const [respondent, share] of [
          ["learner", 5],
          ["manager", 4],
        ] as const) {
          const replies = hash(`${respondent}:${e.id}`) % 10 < share;
          const impact = clamp(3 + lean + ((hash(`impact:${respondent}:${e.id}`) % 3) - 1));
          await db
            .insertInto("learning_evaluation_follow_ups")
            .values({
              evaluation_id: e.id,
              respondent,
              sent_at: sentAt,
              ...(replies
                ? {
                    impact,
                    example:
                      impact === 1 ? `${impactWords[0]}: ${examples[3]}` : pick(examples, `ex:${e.id}`),
                    answered_at: new Date(`${addDays(dueOn, 3)}T12:00:00Z`),
                  }
                : {}),
            })
            .onConflict((oc) => oc.columns(["evaluation_id", "respondent"]).doNothing())
            .execute();
        }
      }
      return made;
    });
  }
  return answered;
}
