import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { ActionStatus, PlanAction } from "../schema.js";
import type { ActionPlan, PlanActionUpdate, PlanOutcome } from "./plans.repository.js";
import * as repo from "./plans.repository.js";

export type { ActionPlan, PlanActionUpdate, PlanOutcome } from "./plans.repository.js";

export interface PlanInput {
  title: string;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
}

export interface OutcomeInput {
  number: number;
  title: string;
  measureKeys: string[];
}

export interface ActionInput {
  title: string;
  ownerPersonId: string;
  dueOn: IsoDate;
}

export interface UpdateInput {
  body: string;
  evidence: string | null;
  status: ActionStatus;
}

/** An action as the plan page and the board report show it. */
export interface ActionLine {
  action: PlanAction;
  ownerName: string | null;
  /** Due before today and not complete. */
  overdue: boolean;
  lastUpdate: PlanActionUpdate | null;
}

export interface PlanCounts {
  total: number;
  complete: number;
  overdue: number;
  /** Not complete and reported at risk or off track. */
  atRisk: number;
}

export interface PlanSummary {
  plan: ActionPlan;
  /** Outcomes in number order, each with its actions by due date. */
  outcomes: { outcome: PlanOutcome; actions: ActionLine[] }[];
  counts: PlanCounts;
  /** The day "overdue" was judged on. */
  asAt: IsoDate;
}

export interface PlanListRow {
  id: string;
  title: string;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  outcomes: number;
  total: number;
  complete: number;
  overdue: number;
}

export function isOverdue(action: Pick<PlanAction, "status" | "due_on">, today: IsoDate): boolean {
  return action.status !== "complete" && action.due_on < today;
}

/** The actions as they stood at the end of a past day (the audit trail's rows then); those added later left out. */
function asItStood<T extends PlanAction>(actions: readonly T[], then: Map<string, Partial<PlanAction>>): T[] {
  return actions.flatMap((a) => {
    const row = then.get(a.id);
    return row ? [{ ...a, ...row }] : [];
  });
}

/**
 * A strategy's action plans: outcomes with the measures that show progress, actions with an owner,
 * due date and status, and dated updates with evidence. Plans are the council's, not a unit's.
 */
export class PlansService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  async list(ctx: TenantContext): Promise<PlanListRow[]> {
    const today = this.today();
    const rows = await this.data.run(ctx, (db) => repo.plansWithCounts(db, today));
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      outcomes: r.outcomes,
      total: r.total,
      complete: r.complete,
      overdue: r.overdue,
    }));
  }

  async get(ctx: TenantContext, planId: string): Promise<ActionPlan | null> {
    return (await this.data.run(ctx, (db) => repo.plan(db, planId))) ?? null;
  }

  async create(ctx: TenantContext, input: PlanInput): Promise<string> {
    return this.data.run(ctx, (db) =>
      repo.insertPlan(db, {
        title: input.title,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        created_by: ctx.actor.id,
      }),
    );
  }

  /**
   * The plan (the latest by start date when `planId` is omitted) with its outcomes in number
   * order, their actions, and the counts the board report leads with; null when there is none.
   */
  async summary(ctx: TenantContext, planId?: string, asAt?: IsoDate): Promise<PlanSummary | null> {
    const now = this.today();
    // A past day (a past month's board report): the plan as it stood at the end of that day.
    const past = asAt !== undefined && asAt < now ? asAt : null;
    const today = past ?? now;
    return this.data.run(ctx, async (db) => {
      const plan = planId ? await repo.plan(db, planId) : await repo.latestPlan(db);
      if (!plan) return null;
      const [outcomes, allActions] = await Promise.all([
        repo.outcomesOf(db, plan.id),
        repo.actionsOfPlan(db, plan.id),
      ]);
      const latest = new Map(
        (
          await repo.latestUpdates(
            db,
            allActions.map((a) => a.id),
            past,
          )
        ).map((u) => [u.action_id, u]),
      );
      const actions =
        past === null
          ? allActions
          : asItStood(
              allActions,
              await repo.actionsAsAt(
                db,
                allActions.map((a) => a.id),
                past,
              ),
            );
      const counts: PlanCounts = { total: 0, complete: 0, overdue: 0, atRisk: 0 };
      const lines = actions.map(({ owner_name, ...action }): ActionLine => {
        const overdue = isOverdue(action, today);
        counts.total += 1;
        if (action.status === "complete") counts.complete += 1;
        if (overdue) counts.overdue += 1;
        if (action.status === "at_risk" || action.status === "off_track") counts.atRisk += 1;
        return { action, ownerName: owner_name, overdue, lastUpdate: latest.get(action.id) ?? null };
      });
      return {
        plan,
        outcomes: outcomes.map((outcome) => ({
          outcome,
          actions: lines.filter((l) => l.action.outcome_id === outcome.id),
        })),
        counts,
        asAt: today,
      };
    });
  }

  async outcome(ctx: TenantContext, outcomeId: string) {
    return this.data.run(ctx, async (db) => {
      const outcome = await repo.outcome(db, outcomeId);
      if (!outcome) return null;
      const plan = await repo.plan(db, outcome.plan_id);
      return plan ? { outcome, plan } : null;
    });
  }

  async createOutcome(ctx: TenantContext, planId: string, input: OutcomeInput): Promise<string> {
    return this.data.run(ctx, async (db) => {
      await this.#checkNumber(db, planId, input.number, null);
      return repo.insertOutcome(db, {
        plan_id: planId,
        number: input.number,
        title: input.title,
        measure_keys: input.measureKeys,
      });
    });
  }

  async updateOutcome(ctx: TenantContext, outcomeId: string, input: OutcomeInput): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const outcome = await repo.outcome(db, outcomeId);
      if (!outcome) throw new Error(`No outcome ${outcomeId}`);
      await this.#checkNumber(db, outcome.plan_id, input.number, outcomeId);
      await repo.updateOutcome(db, outcomeId, {
        number: input.number,
        title: input.title,
        measure_keys: input.measureKeys,
      });
    });
  }

  async #checkNumber(db: TenantDb, planId: string, number: number, except: string | null) {
    if (await repo.numberTaken(db, planId, number, except))
      throw new RuleError("number", `Outcome ${number} already exists in this plan: enter another number`);
  }

  /** An action with its outcome, plan, owner's name and updates (the latest first). */
  async action(ctx: TenantContext, actionId: string) {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const row = await repo.action(db, actionId);
      if (!row) return null;
      const { owner_name, ...action } = row;
      const outcome = await repo.outcome(db, action.outcome_id);
      const plan = outcome ? await repo.plan(db, outcome.plan_id) : undefined;
      if (!outcome || !plan) return null;
      const updates = await repo.updatesOf(db, actionId);
      return { action, ownerName: owner_name, overdue: isOverdue(action, today), outcome, plan, updates };
    });
  }

  /** The staff an action may be given to (with `include`, the current owner, even if they have left). */
  async ownerChoices(ctx: TenantContext, include: string | null = null) {
    const today = this.today();
    return this.data.run(ctx, (db) => repo.ownerChoices(db, today, include));
  }

  async createAction(
    ctx: TenantContext,
    outcomeId: string,
    input: ActionInput & { status: ActionStatus },
  ): Promise<string> {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      await this.#checkOwner(db, input.ownerPersonId);
      return repo.insertAction(db, {
        outcome_id: outcomeId,
        title: input.title,
        owner_person_id: input.ownerPersonId,
        due_on: input.dueOn,
        status: input.status,
        completed_on: input.status === "complete" ? today : null,
        created_by: ctx.actor.id,
      });
    });
  }

  /** Changes an action's title, owner or due date; its status changes only by an update. */
  async updateAction(ctx: TenantContext, actionId: string, input: ActionInput): Promise<void> {
    await this.data.run(ctx, async (db) => {
      await this.#checkOwner(db, input.ownerPersonId);
      await repo.updateAction(db, actionId, {
        title: input.title,
        owner_person_id: input.ownerPersonId,
        due_on: input.dueOn,
        updated_at: this.clock.now(),
      });
    });
  }

  async #checkOwner(db: TenantDb, personId: string) {
    if (!(await repo.personExists(db, personId)))
      throw new RuleError("owner_person_id", "Select who owns the action from the list");
  }

  /**
   * Adds a dated update and makes its status the action's, in one transaction: "complete" sets
   * the completion date to today (kept if it was already complete), any other status clears it.
   */
  async addUpdate(ctx: TenantContext, actionId: string, input: UpdateInput): Promise<void> {
    const now = this.clock.now();
    const today = this.today();
    await this.data.run(ctx, async (db) => {
      const row = await repo.action(db, actionId);
      if (!row) throw new Error(`No action ${actionId}`);
      await repo.insertUpdate(db, {
        action_id: actionId,
        body: input.body,
        evidence: input.evidence,
        status: input.status,
        written_by: ctx.actor.id,
        written_at: now,
      });
      const completedOn =
        input.status === "complete" ? (row.status === "complete" ? row.completed_on : today) : null;
      await repo.updateAction(db, actionId, {
        status: input.status,
        completed_on: completedOn,
        updated_at: now,
      });
    });
  }
}
