import type { AccessScope } from "../../../platform/auth/principal.js";
import type { Clock } from "../../../platform/clock.js";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { Outbox } from "../../../platform/outbox/outbox.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { formatDate } from "../../../platform/views/render.js";
import type { PeopleService } from "../../people/people.service.js";
import type { PeopleScope } from "../../people/scope.repository.js";
import { reschedule } from "../enrolments/reschedule.js";
import { programmeDate } from "../enrolments/schedule.js";
import * as repo from "./reviews.repository.js";

export type { ExtensionRow, MilestoneRow, ProgressionRow, ReviewRow } from "./reviews.repository.js";

/** Kinds of milestone whose completion is a meeting the assessor records here. */
export const recordedKinds = ["agreement", "review", "final_review"] as const;

/** How long a confirmed progression action stays on HR's list. */
const RECENT_DAYS = 90;

export interface ReviewInput extends repo.ReviewValues {}

export interface OutcomeInput {
  result: "pass" | "fail";
  outcomeOn: IsoDate;
  payPoint: string | null;
  effectiveOn: IsoDate | null;
}

export interface ExtensionInput {
  reason: string;
  approvedBy: string;
  newEndOn: IsoDate;
}

/**
 * Milestone reviews and agreements (and their confirmation by the NQSW and line manager), outcomes,
 * extensions, the HR progression action a pass raises, and the daily overdue flags. Who may do
 * what to an enrolment is the pages' business (reachEnrolment); these check the facts and rules.
 */
export class EarlyCareerReviewsService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly people: PeopleService,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /** A milestone of the enrolment with its review, or undefined if it is not that enrolment's. */
  async milestone(ctx: TenantContext, enrolmentId: string, milestoneId: string) {
    return this.data.run(ctx, async (db) => {
      const m = await repo.milestone(db, enrolmentId, milestoneId);
      if (!m) return undefined;
      return { milestone: m, review: (await repo.review(db, m.id)) ?? null };
    });
  }

  /**
   * Records the review or agreement and completes the milestone on the day it was held. It may
   * be recorded again (the confirmations are then asked for again) until both the NQSW and the
   * line manager have confirmed it.
   */
  async recordReview(
    ctx: TenantContext,
    enrolmentId: string,
    milestoneId: string,
    input: ReviewInput,
    by: { personId: string | null },
  ): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const e = await repo.enrolmentDates(db, enrolmentId);
      if (e?.status !== "active") {
        throw new RuleError("held_on-day", "Reviews can only be recorded while the programme is under way");
      }
      const m = await repo.milestone(db, enrolmentId, milestoneId);
      if (!m) throw new RuleError("held_on-day", "This milestone is not part of this programme");
      if (!(recordedKinds as readonly string[]).includes(m.kind)) {
        throw new RuleError(
          "held_on-day",
          "This milestone is completed from the portfolio, not recorded here",
        );
      }
      const existing = await repo.review(db, m.id);
      if (existing?.nqswConfirmedOn && existing.managerConfirmedOn) {
        throw new RuleError(
          "held_on-day",
          "The NQSW and their line manager have both confirmed this review, so it can no longer be changed",
        );
      }
      if (input.heldOn > this.today()) {
        throw new RuleError("held_on-day", "The date it was held must be today or in the past");
      }
      await repo.saveReview(db, m, input, { personId: by.personId, actor: ctx.actor.id });
    });
  }

  /** The NQSW or their line manager confirms the review; false when there is no review yet. */
  async confirmReview(
    ctx: TenantContext,
    enrolmentId: string,
    milestoneId: string,
    as: { nqsw: boolean; managerPersonId: string | null },
  ): Promise<boolean> {
    return this.data.run(ctx, async (db) => {
      const m = await repo.milestone(db, enrolmentId, milestoneId);
      if (!m || !(await repo.review(db, m.id))) return false;
      if (as.nqsw) await repo.confirmAsNqsw(db, m.id, this.today());
      if (as.managerPersonId) await repo.confirmAsManager(db, m.id, this.today(), as.managerPersonId);
      return true;
    });
  }

  async personName(ctx: TenantContext, personId: string | null): Promise<string | null> {
    return this.data.run(ctx, (db) => repo.personName(db, personId));
  }

  /** What the outcome page shows: the enrolment's state, the final review and any HR action. */
  async outcome(ctx: TenantContext, enrolmentId: string) {
    return this.data.run(ctx, async (db) => {
      const e = await repo.enrolmentDates(db, enrolmentId);
      if (!e) return undefined;
      const [finalReview, progression, levels] = await Promise.all([
        repo.finalReview(db, enrolmentId),
        repo.progressionForEnrolment(db, enrolmentId),
        repo.careerLevels(db),
      ]);
      const levelName = (code: string | null | undefined) =>
        code ? (levels.find((l) => l.code === code)?.name ?? code) : null;
      return {
        enrolment: e,
        finalReview: finalReview ?? null,
        progression: progression
          ? { ...progression, toCareerLevelName: levelName(progression.toCareerLevel) }
          : null,
      };
    });
  }

  /**
   * Records the pass or fail. Both need the final review; a pass needs the panel's endorsement
   * and raises the HR action (the next career level after the person's current one) with it.
   */
  async recordOutcome(ctx: TenantContext, enrolmentId: string, input: OutcomeInput): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const e = await repo.enrolmentDates(db, enrolmentId);
      if (!e) throw new RuleError("result", "This enrolment no longer exists");
      if (e.status !== "active") {
        throw new RuleError("result", "The outcome has already been recorded or the NQSW has withdrawn");
      }
      if (!(await repo.finalReview(db, enrolmentId))) {
        throw new RuleError("result", "Record the final review before the outcome");
      }
      if (input.outcomeOn > this.today()) {
        throw new RuleError("outcome_on-day", "The outcome date must be today or in the past");
      }
      if (input.result === "pass") {
        if (e.panelDecision !== "endorsed") {
          throw new RuleError("result", "A pass needs the internal panel to have endorsed the portfolio");
        }
        const levels = await this.#nextLevel(db, e.personId, input.outcomeOn);
        await repo.insertProgression(db, {
          enrolmentId,
          personId: e.personId,
          fromCareerLevel: levels.from,
          toCareerLevel: levels.to,
          payPoint: input.payPoint,
          effectiveOn: input.effectiveOn ?? input.outcomeOn,
        });
      }
      await repo.setOutcome(
        db,
        enrolmentId,
        input.result === "pass" ? "passed" : "failed",
        input.outcomeOn,
        ctx.actor.id,
      );
    });
  }

  /** The career level after the person's current one (the lowest level when they have none). */
  async #nextLevel(
    db: TenantDb,
    personId: string,
    on: IsoDate,
  ): Promise<{ from: string | null; to: string }> {
    const levels = await repo.careerLevels(db);
    if (levels.length === 0) {
      throw new RuleError("result", "The council has no career levels: add them before recording a pass");
    }
    const current = await repo.careerLevelOn(db, personId, on);
    const index = current === null ? 0 : levels.findIndex((l) => l.code === current);
    const next = levels[index + 1];
    if (index < 0 || !next) {
      throw new RuleError("result", "The NQSW's current career level has no next level to move to");
    }
    return { from: current, to: next.code };
  }

  /** The extension history, the current planned end and the latest end allowed. */
  async extensions(ctx: TenantContext, enrolmentId: string) {
    return this.data.run(ctx, async (db) => {
      const e = await repo.enrolmentDates(db, enrolmentId);
      if (!e) return undefined;
      return {
        enrolment: e,
        latestEnd: await this.#latestEnd(db, e),
        history: await repo.extensions(db, enrolmentId),
      };
    });
  }

  async #latestEnd(db: TenantDb, e: repo.EnrolmentDates): Promise<IsoDate> {
    const paused = await repo.pauses(db, e.id);
    return programmeDate(e.startOn, { months: e.maxMonths }, e.fte, paused, this.today());
  }

  /** Extends the programme to a new end, within the template's most months in all, and moves the dates. */
  async recordExtension(ctx: TenantContext, enrolmentId: string, input: ExtensionInput): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const e = await repo.enrolmentDates(db, enrolmentId);
      if (!e) throw new RuleError("reason", "This enrolment no longer exists");
      if (e.status !== "active") throw new RuleError("reason", "Only a programme under way can be extended");
      if (input.newEndOn <= e.endOn) {
        throw new RuleError(
          "new_end_on-day",
          `The new end date must be after the current end date, ${formatDate(e.endOn, false)}`,
        );
      }
      const latest = await this.#latestEnd(db, e);
      if (input.newEndOn > latest) {
        throw new RuleError(
          "new_end_on-day",
          `The new end date must be on or before ${formatDate(latest, false)}: the programme can last at most ${e.maxMonths} months in all, allowing for part-time working and pauses`,
        );
      }
      await repo.insertExtension(db, { enrolmentId, ...input, recordedOn: this.today() }, ctx.actor.id);
      await reschedule(db, enrolmentId);
    });
  }

  /** The viewer's scope as people (undefined: the whole council). */
  async #peopleScope(ctx: TenantContext, scope: AccessScope): Promise<PeopleScope | undefined> {
    if (scope.tenant) return undefined;
    let unitIds: string[] = [];
    if (scope.unitIds.length > 0) {
      const tree = await this.people.orgTree(ctx, { ...scope, personId: null, reportsOf: null });
      unitIds = tree.rows.map((r) => r.orgUnitId);
    }
    return { personId: scope.personId, reportsOf: scope.reportsOf, unitIds };
  }

  /** HR's list: open progression actions and those confirmed lately, for people in scope. */
  async progressions(ctx: TenantContext, scope: AccessScope) {
    const people = await this.#peopleScope(ctx, scope);
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const [rows, levels] = await Promise.all([
        repo.progressions(db, people, today, addDays(today, -RECENT_DAYS)),
        repo.careerLevels(db),
      ]);
      return rows.map((r) => withLevels(r, levels));
    });
  }

  async progression(ctx: TenantContext, scope: AccessScope, progressionId: string) {
    const people = await this.#peopleScope(ctx, scope);
    return this.data.run(ctx, async (db) => {
      const row = await repo.progression(db, progressionId, people, this.today());
      if (!row) return undefined;
      const levels = await repo.careerLevels(db);
      return { ...withLevels(row, levels), confirmedBy: row.confirmedBy };
    });
  }

  /** HR records the move done (giving the pay point if they wish); false if it was already confirmed. */
  async confirmProgression(
    ctx: TenantContext,
    progressionId: string,
    payPoint: string | null = null,
  ): Promise<boolean> {
    return this.data.run(ctx, (db) =>
      repo.confirmProgression(db, progressionId, "hr", this.today(), ctx.actor.id, payPoint),
    );
  }

  /** The feed's part: open actions whose new level the HR feed's assignments already show. */
  async confirmFromFeed(ctx: TenantContext): Promise<number> {
    return this.data.run(ctx, async (db) => {
      let confirmed = 0;
      for (const id of await repo.progressionsShownByFeed(db)) {
        if (await repo.confirmProgression(db, id, "feed", this.today(), ctx.actor.id)) confirmed += 1;
      }
      return confirmed;
    });
  }

  /**
   * Flags each newly overdue milestone once for its due date: one email to the assessor and one to
   * the co-ordinator (the cohort's, else every ASYE co-ordinator in the council). Returns how
   * many milestones were flagged.
   */
  async flagOverdue(ctx: TenantContext): Promise<number> {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const due = await repo.overdueMilestones(db, today);
      if (due.length === 0) return 0;
      let everyCoordinator: string[] | null = null;
      let flagged = 0;
      for (const m of due) {
        if (!(await repo.flagMilestone(db, m.milestoneId, m.dueOn, today))) continue;
        flagged += 1;
        const to = new Set<string>();
        if (m.assessorEmail) to.add(m.assessorEmail.toLowerCase());
        if (m.hasCoordinator) {
          if (m.coordinatorEmail) to.add(m.coordinatorEmail.toLowerCase());
        } else {
          everyCoordinator ??= await repo.coordinatorUserEmails(db);
          for (const email of everyCoordinator) to.add(email.toLowerCase());
        }
        const href = `/early-career/enrolments/${m.enrolmentId}/milestones/${m.milestoneId}`;
        for (const address of to) {
          await this.outbox.enqueue(db, {
            to: address,
            subject: `${m.personName}'s ${m.name} is overdue`,
            body: [
              `${m.personName}'s ${m.name} was due on ${formatDate(m.dueOn, false)} and has not been recorded.`,
              `Record it, or move the date if the programme has changed, in Workforce Academy: ${href}`,
            ].join("\n\n"),
            reference: `early-career-overdue:${m.milestoneId}:${m.dueOn}`,
          });
        }
      }
      return flagged;
    });
  }
}

function withLevels<R extends repo.ProgressionRow>(row: R, levels: Array<{ code: string; name: string }>) {
  const name = (code: string | null) =>
    code === null ? null : (levels.find((l) => l.code === code)?.name ?? code);
  return {
    ...row,
    toCareerLevelName: name(row.toCareerLevel) ?? row.toCareerLevel,
    fromCareerLevelName: name(row.fromCareerLevel),
  };
}
