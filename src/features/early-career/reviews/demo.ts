import type { FastifyInstance } from "fastify";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { Judgement, MilestoneKind } from "../schema.js";
import * as repo from "./reviews.repository.js";

const agreementNotes =
  "Met with the NQSW and their line manager. Went through the ASYE requirements, the standards, how evidence is gathered and how the assessment works.";
const agreementSupport =
  "Supervision weekly for the first six weeks, fortnightly to six months, then monthly. 10% protected development time. A protected caseload of about 90%. A buddy in the team.";
const evidenceSeen = [
  "Two direct observations (a home visit and a core group meeting), a critical reflection and supervision notes.",
  "A direct observation at a child protection conference, feedback from the school and two reflective logs.",
  "Supervision notes, an assessment the NQSW completed and feedback from a parent.",
  "The full portfolio: observations, reflections, feedback from families and professionals, and training.",
];
const plans = [
  "Keep building confidence in analysis: bring one assessment to each supervision.",
  "Shadow a court hearing before the next review.",
  "",
];
const concerns =
  "Recording is behind on two cases. Agreed: a weekly recording slot protected in the diary, and a check-in with the assessor in four weeks.";

const recordedKinds: readonly MilestoneKind[] = ["agreement", "review", "final_review"];

interface DemoMilestone {
  id: string;
  enrolmentId: string;
  kind: MilestoneKind;
  optional: boolean;
  dueOn: IsoDate;
  completedOn: IsoDate | null;
}

interface DemoEnrolment {
  id: string;
  personId: string;
  status: string;
  startOn: IsoDate;
  outcomeOn: IsoDate | null;
  assessorPersonId: string | null;
  lineManagerPersonId: string | null;
}

/** Records one milestone's review or agreement, held a few days before it was due, and its confirmations. */
async function record(
  db: TenantDb,
  e: DemoEnrolment,
  m: DemoMilestone,
  n: number,
  options: { judgement: Judgement; confirmTo: IsoDate },
) {
  const heldOn = addDays(m.dueOn, -(n % 5)) > e.startOn ? addDays(m.dueOn, -(n % 5)) : m.dueOn;
  const agreement = m.kind === "agreement";
  const actionPlan = agreement
    ? agreementSupport
    : options.judgement === "on_track"
      ? plans[n % plans.length] || null
      : concerns;
  await repo.saveReview(
    db,
    m,
    {
      heldOn,
      judgement: agreement ? null : options.judgement,
      evidenceSeen: agreement ? agreementNotes : (evidenceSeen[n % evidenceSeen.length] ?? null),
      actionPlan,
    },
    { personId: e.assessorPersonId, actor: "system:demo" },
  );
  const nqswOn = addDays(heldOn, 3);
  if (nqswOn <= options.confirmTo) await repo.confirmAsNqsw(db, m.id, nqswOn);
  const managerOn = addDays(heldOn, 6);
  if (e.lineManagerPersonId && managerOn <= options.confirmTo) {
    await repo.confirmAsManager(db, m.id, managerOn, e.lineManagerPersonId);
  }
}

/**
 * The demo council's reviews and progression: for each active enrolment, the agreement and
 * reviews already due are recorded (mostly on track, one with some concerns) and confirmed, except
 * one milestone left overdue for the dashboard; passed enrolments have their reviews and a
 * confirmed move to the next career level, except the latest pass, whose move waits for HR.
 * Needs the enrolments' demo first; does nothing a second time.
 */
export async function seedDemoReviews(app: FastifyInstance): Promise<void> {
  const today = dateInLondon(app.platform.clock.now());
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    await app.platform.data.run(ctx, async (db) => {
      if (await db.selectFrom("early_career_reviews").select("id").limit(1).executeTakeFirst()) return;
      const enrolments: DemoEnrolment[] = await db
        .selectFrom("early_career_enrolments")
        .select([
          "id",
          "person_id as personId",
          "status",
          "start_on as startOn",
          "outcome_on as outcomeOn",
          "assessor_person_id as assessorPersonId",
          "line_manager_person_id as lineManagerPersonId",
        ])
        .where("status", "in", ["active", "passed"])
        .orderBy("start_on")
        .orderBy("id")
        .execute();
      if (enrolments.length === 0) return;
      const milestones: DemoMilestone[] = await db
        .selectFrom("early_career_milestones")
        .select([
          "id",
          "enrolment_id as enrolmentId",
          "kind",
          "optional",
          "due_on as dueOn",
          "completed_on as completedOn",
        ])
        .where(
          "enrolment_id",
          "in",
          enrolments.map((e) => e.id),
        )
        .where("kind", "in", recordedKinds)
        .orderBy("due_on")
        .orderBy("sequence")
        .execute();
      const levels = await repo.careerLevels(db);
      /** The level after the person's level on a date (the lowest's next when they have none). */
      const nextLevel = async (personId: string, on: IsoDate) => {
        const current = await repo.careerLevelOn(db, personId, on);
        const index = current === null ? 0 : levels.findIndex((l) => l.code === current);
        return index < 0 ? null : (levels[index + 1]?.code ?? null);
      };

      let n = 0;
      let leftOverdue = false;
      let concernsShown = false;
      const passed = enrolments.filter((e) => e.status === "passed");
      const latestPass = passed.reduce<DemoEnrolment | null>(
        (latest, e) => (!latest || (e.outcomeOn ?? "") > (latest.outcomeOn ?? "") ? e : latest),
        null,
      );
      for (const e of enrolments) {
        // Every meeting due, whether or not the enrolments seed already marked it done: a
        // completed review always has its record.
        const own = milestones.filter((m) => m.enrolmentId === e.id);
        if (e.status === "active") {
          const due = own.filter((m) => m.dueOn < today && !(m.optional && n % 2 === 0));
          // The first NQSW with a review already due has their latest one left overdue.
          const last = due.at(-1);
          const skip = !leftOverdue && last && !last.optional && last.kind !== "agreement" ? last : undefined;
          if (skip) leftOverdue = true;
          for (const m of due) {
            if (m === skip) continue;
            const judgement: Judgement =
              !concernsShown && m.kind === "review" && n > 0 ? "some_concerns" : "on_track";
            if (judgement === "some_concerns") concernsShown = true;
            await record(db, e, m, n, { judgement, confirmTo: today });
            n += 1;
          }
          continue;
        }
        // Passed: every meeting recorded and confirmed; the move to the next level raised.
        for (const m of own) {
          if (m.optional) continue;
          await record(db, e, m, n, { judgement: "on_track", confirmTo: e.outcomeOn ?? today });
          n += 1;
        }
        if (!e.outcomeOn) continue;
        const effectiveOn = addDays(e.outcomeOn, 1);
        const open = e === latestPass;
        // The open one is worked out as it would be today, so the feed does not show it done already.
        const on = open ? today : e.outcomeOn;
        const toLevel = (await nextLevel(e.personId, on)) ?? levels[1]?.code;
        if (!toLevel) continue;
        const confirmedOn = [addDays(effectiveOn, 10 + (n % 20)), today].sort()[0] ?? today;
        await db
          .insertInto("early_career_progressions")
          .values({
            enrolment_id: e.id,
            person_id: e.personId,
            from_career_level: await repo.careerLevelOn(db, e.personId, on),
            to_career_level: toLevel,
            pay_point: `SCP ${29 + (n % 3)}`,
            effective_on: effectiveOn,
            status: open ? "open" : "confirmed",
            confirmed_on: open ? null : confirmedOn,
            confirmed_source: open ? null : n % 2 === 0 ? "feed" : "hr",
            confirmed_by: open ? null : n % 2 === 0 ? "job:early-career.progression-feed" : "system:demo",
          })
          .onConflict((oc) => oc.column("enrolment_id").doNothing())
          .execute();
      }
    });
  }
}
