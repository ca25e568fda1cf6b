import type { AccessScope } from "../../../platform/auth/principal.js";
import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { Outbox } from "../../../platform/outbox/outbox.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import { inScope, peopleScope } from "../bookings/bookings.repository.js";
import { type EmailTally, sendFollowUps, sendInvitations } from "./emails.js";
import * as repo from "./evaluation.repository.js";
import { courseComments, evaluationReport, type Grouping } from "./report.js";

export const EVALUATION_JOBS = {
  invitations: "learning.evaluation.invitations",
  followUps: "learning.evaluation.follow-ups",
} as const;

export type SaveOutcome = "saved" | "already_answered";

/**
 * Evaluation of learning. Requests are made by a database trigger when attendance is completed
 * (see migrations/1320-evaluation.ts); this service answers them, sends the emails and reports.
 */
export class EvaluationService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /** A person's evaluations and follow-ups still to answer, and the follow-ups asked of them about their reports. */
  pendingFor(ctx: TenantContext, personId: string) {
    return this.data.run(ctx, (db) => repo.pendingFor(db, personId, this.today()));
  }

  /** One evaluation with its learner and course (undefined if there is none in this council). */
  evaluation(ctx: TenantContext, evaluationId: string) {
    return this.data.run(ctx, async (db) => {
      const evaluation = await repo.evaluationById(db, evaluationId);
      if (!evaluation || evaluation.anonymisedOn !== null) return undefined;
      const learner = await repo.followUpOf(db, evaluationId, "learner");
      const manager = await repo.followUpOf(db, evaluationId, "manager");
      return { ...evaluation, followUpDue: evaluation.followUpDueOn <= this.today(), learner, manager };
    });
  }

  /** The learner's answer: the first one is kept, a second is refused. */
  answer(ctx: TenantContext, evaluationId: string, answer: repo.Answer): Promise<SaveOutcome> {
    return this.data.run(ctx, async (db) =>
      (await repo.saveAnswer(db, evaluationId, answer, this.clock.now())) ? "saved" : "already_answered",
    );
  }

  /** A follow-up answer (the learner's, or the manager's by `answeredBy`): once each. */
  answerFollowUp(
    ctx: TenantContext,
    evaluationId: string,
    respondent: "learner" | "manager",
    answeredBy: string | null,
    answer: repo.FollowUpAnswer,
  ): Promise<SaveOutcome> {
    return this.data.run(ctx, async (db) =>
      (await repo.saveFollowUp(db, evaluationId, respondent, answeredBy, answer, this.clock.now()))
        ? "saved"
        : "already_answered",
    );
  }

  /** The invitations (after attendance) and the due follow-ups of one council, through the outbox. */
  async sendEmails(ctx: TenantContext, which: "invitations" | "followUps"): Promise<EmailTally> {
    const tenant = await this.data.system
      .selectFrom("tenants")
      .select("hostnames")
      .where("id", "=", ctx.tenantId)
      .executeTakeFirst();
    const host = tenant?.hostnames[0];
    const local = !host || /^(localhost|127\.|\[::1\])/.test(host);
    const link = (path: string) => (host ? `${local ? "http" : "https"}://${host}${path}` : path);
    const send = which === "invitations" ? sendInvitations : sendFollowUps;
    return this.data.run(ctx, (db) => send(db, this.outbox, this.today(), this.clock.now(), link));
  }

  /** The daily and frequent jobs: every council in turn. */
  async sendAllEmails(which: "invitations" | "followUps"): Promise<EmailTally> {
    const tenants = await this.data.system.selectFrom("tenants").select("id").orderBy("id").execute();
    const total = { sent: 0, notSent: 0 };
    for (const t of tenants) {
      const ctx = { tenantId: t.id, actor: { id: `job:${EVALUATION_JOBS[which]}` } };
      const tally = await this.sendEmails(ctx, which);
      total.sent += tally.sent;
      total.notSent += tally.notSent;
    }
    return total;
  }

  /** The report table for a grouping and period, over the learners the viewer reaches. */
  report(ctx: TenantContext, scope: AccessScope, by: Grouping, period: { from: IsoDate; to: IsoDate }) {
    return this.data.run(ctx, async (db) => {
      const today = this.today();
      const learners = inScope(await peopleScope(db, scope, today), today);
      return evaluationReport(db, by, period, learners);
    });
  }

  /** One course's title and the learners' comments (no names), or undefined if no such course. */
  comments(ctx: TenantContext, scope: AccessScope, courseId: string, period: { from: IsoDate; to: IsoDate }) {
    return this.data.run(ctx, async (db) => {
      const course = await db
        .selectFrom("learning_courses")
        .select(["id", "code", "title"])
        .where("id", "=", courseId)
        .executeTakeFirst();
      if (!course) return undefined;
      const today = this.today();
      const learners = inScope(await peopleScope(db, scope, today), today);
      return { course, comments: await courseComments(db, courseId, period, learners) };
    });
  }
}
