import type { AccessScope } from "../../platform/auth/principal.js";
import { tenantScope } from "../../platform/auth/principal.js";
import type { Clock } from "../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../platform/dates.js";
import { RuleError } from "../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext } from "../../platform/tenancy/data-access.js";
import type { NeedInput, NeedsService } from "../learning/needs/needs.service.js";
import { inPostContractTypes, type PeopleService } from "../people/people.service.js";
import { peopleScope } from "../people/people-scope.js";
import * as repo from "./appraisal.repository.js";
import { type CompletionRow, completionRows, type OrgUnit } from "./completion.js";
import type { ObjectiveProgress } from "./schema.js";
import { type AppraisalStatus, appraisalStatus } from "./status.js";

export type { CycleRow } from "./appraisal.repository.js";

export interface CycleInput {
  name: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  objectivesDueOn: IsoDate;
  midYearDueOn: IsoDate;
  completionDueOn: IsoDate;
}

export interface ObjectiveLine {
  objective: string;
  measure: string | null;
}

export interface ProgressInput {
  objectiveId: string;
  progress: ObjectiveProgress;
}

/** A person expected to have an appraisal in a cycle, with where it stands. */
export interface CohortLine extends repo.CohortRow {
  unitName: string;
  status: AppraisalStatus;
}

const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b);
const LOCKED = "This appraisal is completed, so it can no longer be changed";

/**
 * The yearly appraisal cycle: cycles (HR), each person's appraisal (objectives, mid-year
 * review, career aspiration, development needs into the learning needs analysis, completion and
 * the appraisee's confirmation), and completion by service and team.
 */
export class AppraisalService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly people: PeopleService,
    private readonly needs: () => NeedsService,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  async cycles(ctx: TenantContext): Promise<repo.CycleRow[]> {
    return this.data.run(ctx, (db) => repo.cycles(db));
  }

  async cycle(ctx: TenantContext, cycleId: string): Promise<repo.CycleRow | undefined> {
    return this.data.run(ctx, (db) => repo.cycle(db, cycleId));
  }

  /** The cycle under way on a date; else the latest that has started; else the first to come. */
  async currentCycle(ctx: TenantContext, asAt: IsoDate = this.today()): Promise<repo.CycleRow | undefined> {
    const all = await this.cycles(ctx);
    return (
      all.find((c) => c.startsOn <= asAt && c.endsOn >= asAt) ??
      all.find((c) => c.startsOn <= asAt) ??
      all.at(-1)
    );
  }

  async createCycle(ctx: TenantContext, input: CycleInput): Promise<string> {
    const { startsOn, endsOn } = input;
    if (endsOn <= startsOn) throw new RuleError("ends_on-day", "The end date must be after the start date");
    const within = (field: string, label: string, date: IsoDate) => {
      if (date < startsOn || date > endsOn)
        throw new RuleError(`${field}-day`, `${label} must be within the cycle`);
    };
    within("objectives_due_on", "The date objectives are due", input.objectivesDueOn);
    within("mid_year_due_on", "The date the mid-year review is due", input.midYearDueOn);
    within("completion_due_on", "The date completion is due", input.completionDueOn);
    if (input.midYearDueOn <= input.objectivesDueOn)
      throw new RuleError("mid_year_due_on-day", "The mid-year review must be due after the objectives");
    if (input.completionDueOn <= input.midYearDueOn)
      throw new RuleError("completion_due_on-day", "Completion must be due after the mid-year review");
    const id = await this.data.run(ctx, (db) => repo.insertCycle(db, input, ctx.actor.id));
    if (!id) throw new RuleError("name", "There is already a cycle with this name");
    return id;
  }

  /**
   * The people a cycle expects an appraisal of, in a scope: placed on `on` (the cycle's start
   * for its figures, today for a manager's list) and not gone before `leftBefore`.
   */
  async #cohort(
    ctx: TenantContext,
    scope: AccessScope,
    cycle: repo.CycleRow,
    on: IsoDate,
    leftBefore: IsoDate,
  ): Promise<repo.CohortRow[]> {
    if (!scope.tenant && !scope.personId && !scope.reportsOf && scope.unitIds.length === 0) return [];
    return this.data.run(ctx, async (db) =>
      repo.cohort(db, {
        cycleId: cycle.id,
        on,
        leftBefore,
        contractTypes: inPostContractTypes,
        scope: await peopleScope(db, scope, on),
      }),
    );
  }

  async #units(ctx: TenantContext, asAt: IsoDate): Promise<OrgUnit[]> {
    const tree = await this.people.orgTree(ctx, tenantScope, asAt);
    return tree.rows.map((u) => ({
      orgUnitId: u.orgUnitId,
      parentId: u.parentId,
      name: u.name,
      unitType: u.unitType,
    }));
  }

  /**
   * Completion of a cycle by service (or, below `unitId`, by the units under it), for the people
   * in the viewer's scope on the cycle's start with an assignment then. People who left before
   * completion was due (or before today) are not expected to complete. Counts are cumulative as
   * at `asAt` (today by default); small numbers are suppressed by `completionRows`.
   */
  async completionByUnit(
    ctx: TenantContext,
    scope: AccessScope,
    cycle: repo.CycleRow,
    unitId: string | null,
    asAt: IsoDate = this.today(),
  ): Promise<{ rows: CompletionRow[]; total: CompletionRow }> {
    const [people, units] = await Promise.all([
      this.#cohort(ctx, scope, cycle, cycle.startsOn, minDate(asAt, cycle.completionDueOn)),
      this.#units(ctx, cycle.startsOn),
    ]);
    return completionRows(people, units, unitId, asAt);
  }

  /**
   * The completion rate of a cycle for a unit and everything below it (null: the whole council),
   * as at a date: the people placed in it on the cycle's start (in post, not gone before
   * completion was due or before `asAt`) and how many of them completed by `asAt`. `rate` is
   * completed / people, 0 to 1, null when no one; not suppressed (the caller decides).
   */
  async completionRate(
    ctx: TenantContext,
    q: { cycleId: string; unitId: string | null; asAt?: IsoDate },
  ): Promise<{ people: number; completed: number; rate: number | null }> {
    const asAt = q.asAt ?? this.today();
    const cycle = await this.cycle(ctx, q.cycleId);
    if (!cycle) return { people: 0, completed: 0, rate: null };
    const [cohort, units] = await Promise.all([
      this.#cohort(ctx, tenantScope, cycle, cycle.startsOn, minDate(asAt, cycle.completionDueOn)),
      q.unitId ? this.#units(ctx, cycle.startsOn) : Promise.resolve([]),
    ]);
    let rows = cohort;
    if (q.unitId) {
      const inUnit = subtree(units, q.unitId);
      rows = rows.filter((r) => inUnit.has(r.orgUnitId));
    }
    const completed = rows.filter((r) => r.completedOn !== null && r.completedOn <= asAt).length;
    return { people: rows.length, completed, rate: rows.length > 0 ? completed / rows.length : null };
  }

  /**
   * A manager's people and their appraisals in a cycle: those in scope today in an in-post
   * assignment (not the viewer), each in their main assignment's unit, with their status.
   */
  async cohortToday(
    ctx: TenantContext,
    scope: AccessScope,
    cycle: repo.CycleRow,
    options: { excludePersonId: string | null; unitIds: string[] | null },
  ): Promise<CohortLine[]> {
    const today = this.today();
    const [rows, units] = await Promise.all([
      this.#cohort(ctx, scope, cycle, today, today),
      this.#units(ctx, today),
    ]);
    const names = new Map(units.map((u) => [u.orgUnitId, u.name]));
    const allowed = options.unitIds ? new Set(options.unitIds) : null;
    return rows
      .filter((r) => r.personId !== options.excludePersonId && (!allowed || allowed.has(r.orgUnitId)))
      .map((r) => ({
        ...r,
        unitName: names.get(r.orgUnitId) ?? "",
        status: appraisalStatus(
          {
            started: r.appraisalId !== null,
            objectivesAgreedOn: r.objectivesAgreedOn,
            midYearOn: r.midYearOn,
            completedOn: r.completedOn,
          },
          cycle,
          today,
        ),
      }))
      .sort((a, b) => a.unitName.localeCompare(b.unitName) || a.name.localeCompare(b.name));
  }

  /** A person's appraisals, the latest cycle first, each with its status today. */
  async personAppraisals(ctx: TenantContext, personId: string) {
    const today = this.today();
    const rows = await this.data.run(ctx, (db) => repo.personAppraisals(db, personId));
    return rows.map((r) => ({
      ...r,
      current: r.startsOn <= today && r.endsOn >= today,
      status: appraisalStatus({ started: true, ...r }, r, today),
    }));
  }

  /** An appraisal with its cycle, objectives and development needs; undefined if there is none. */
  async appraisal(ctx: TenantContext, appraisalId: string) {
    const loaded = await this.data.run(ctx, async (db) => {
      const appraisal = await repo.appraisal(db, appraisalId);
      if (!appraisal) return undefined;
      const [cycle, objectives, needIds] = await Promise.all([
        repo.cycle(db, appraisal.cycleId),
        repo.objectives(db, appraisalId),
        repo.linkedNeedIds(db, appraisalId),
      ]);
      return cycle ? { appraisal, cycle, objectives, needIds } : undefined;
    });
    if (!loaded) return undefined;
    const linked = new Set(loaded.needIds);
    const { needs } = await this.needs().personNeeds(ctx, loaded.appraisal.personId);
    const { appraisal, cycle, objectives } = loaded;
    return {
      appraisal,
      cycle,
      objectives,
      needs: needs.filter((n) => linked.has(n.id)),
      status: appraisalStatus({ started: true, ...appraisal }, cycle, this.today()),
    };
  }

  async personName(ctx: TenantContext, personId: string): Promise<string | undefined> {
    return this.data.run(ctx, (db) => repo.personNameOf(db, personId));
  }

  /** Whom the start form offers as appraiser: the viewer and the person's line managers today. */
  async appraiserChoices(ctx: TenantContext, personId: string, viewerPersonId: string | null) {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const managers = await db
        .selectFrom("assignments as s")
        .innerJoin("people as m", "m.id", "s.line_manager_person_id")
        .select(["m.id", "m.given_name", "m.family_name", "m.preferred_name"])
        .where("s.person_id", "=", personId)
        .where("s.valid_from", "<=", today)
        .where((eb) => eb.or([eb("s.valid_to", "is", null), eb("s.valid_to", ">=", today)]))
        .execute();
      const ids = [...new Set([viewerPersonId, ...managers.map((m) => m.id)])].filter(
        (id): id is string => id !== null && id !== personId,
      );
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom("people")
        .select(["id", "given_name", "family_name", "preferred_name"])
        .where("id", "in", ids)
        .where("anonymised_on", "is", null)
        .execute();
      return rows
        .map((r) => ({ personId: r.id, name: `${r.preferred_name ?? r.given_name} ${r.family_name}` }))
        .sort((a, b) => ids.indexOf(a.personId) - ids.indexOf(b.personId));
    });
  }

  /** Starts a person's appraisal in a cycle, with an appraiser who is not themselves. */
  async start(
    ctx: TenantContext,
    input: { cycleId: string; personId: string; appraiserPersonId: string },
  ): Promise<string> {
    if (input.appraiserPersonId === input.personId)
      throw new RuleError("appraiser_person_id", "Select an appraiser other than the person being appraised");
    return this.data.run(ctx, async (db) => {
      const cycle = await repo.cycle(db, input.cycleId);
      if (!cycle) throw new RuleError("cycle_id", "Select the appraisal cycle");
      const appraiser = await db
        .selectFrom("people")
        .select("id")
        .where("id", "=", input.appraiserPersonId)
        .executeTakeFirst();
      if (!appraiser) throw new RuleError("appraiser_person_id", "Select the appraiser");
      const id = await repo.insertAppraisal(db, input, ctx.actor.id);
      if (!id) throw new RuleError("cycle_id", "They already have an appraisal in this cycle");
      return id;
    });
  }

  async #open(ctx: TenantContext, appraisalId: string) {
    const loaded = await this.data.run(ctx, async (db) => {
      const appraisal = await repo.appraisal(db, appraisalId);
      const objectives = appraisal ? await repo.objectives(db, appraisalId) : [];
      return appraisal ? { appraisal, objectives } : undefined;
    });
    if (!loaded) throw new RuleError("form", "That appraisal no longer exists");
    if (loaded.appraisal.completedOn) throw new RuleError("form", LOCKED);
    return loaded;
  }

  #notFuture(field: string, label: string, date: IsoDate | null) {
    if (date !== null && date > this.today())
      throw new RuleError(`${field}-day`, `${label} must be today or in the past`);
  }

  /** The objectives (replacing the list), when they were agreed and the career aspiration. */
  async saveObjectives(
    ctx: TenantContext,
    appraisalId: string,
    input: { lines: ObjectiveLine[]; agreedOn: IsoDate | null; careerAspiration: string | null },
  ): Promise<void> {
    const { appraisal, objectives } = await this.#open(ctx, appraisalId);
    if (input.agreedOn !== null && input.lines.length === 0)
      throw new RuleError(
        "objective_1",
        "Enter at least one objective before recording that they were agreed",
      );
    this.#notFuture("objectives_agreed_on", "The date the objectives were agreed", input.agreedOn);
    if (input.agreedOn === null && appraisal.midYearOn)
      throw new RuleError("objectives_agreed_on-day", "Enter the date the objectives were agreed");
    if (input.agreedOn !== null && appraisal.midYearOn && input.agreedOn > appraisal.midYearOn)
      throw new RuleError(
        "objectives_agreed_on-day",
        "The date the objectives were agreed must be on or before the mid-year review",
      );
    const kept = new Map(objectives.map((o) => [o.objective, o.progress]));
    await this.data.run(ctx, async (db) => {
      await repo.replaceObjectives(
        db,
        appraisalId,
        input.lines.map((l) => ({ ...l, progress: kept.get(l.objective) ?? "not_started" })),
      );
      await repo.updateAppraisal(
        db,
        appraisalId,
        { objectives_agreed_on: input.agreedOn, career_aspiration: input.careerAspiration },
        this.clock.now(),
      );
    });
  }

  #checkProgress(objectives: repo.ObjectiveRow[], progress: ProgressInput[]) {
    const given = new Map(progress.map((p) => [p.objectiveId, p.progress]));
    for (const o of objectives) {
      if (!given.has(o.id))
        throw new RuleError(`progress_${o.sequence}`, `Select the progress of objective ${o.sequence}`);
    }
  }

  /**
   * A review's progress (refused unless every objective has one) and the review's own fields
   * (its date and summary), in one transaction.
   */
  async #saveProgress(
    ctx: TenantContext,
    appraisalId: string,
    objectives: repo.ObjectiveRow[],
    progress: ProgressInput[],
    changes: repo.AppraisalChanges,
  ): Promise<void> {
    this.#checkProgress(objectives, progress);
    await this.data.run(ctx, async (db) => {
      await repo.setProgress(db, appraisalId, progress);
      await repo.updateAppraisal(db, appraisalId, changes, this.clock.now());
    });
  }

  /** The mid-year review: when, a summary and the progress of each objective. */
  async recordMidYear(
    ctx: TenantContext,
    appraisalId: string,
    input: { midYearOn: IsoDate; summary: string; progress: ProgressInput[] },
  ): Promise<void> {
    const { appraisal, objectives } = await this.#open(ctx, appraisalId);
    if (!appraisal.objectivesAgreedOn)
      throw new RuleError(
        "mid_year_on-day",
        "Record when the objectives were agreed before the mid-year review",
      );
    this.#notFuture("mid_year_on", "The date of the mid-year review", input.midYearOn);
    if (input.midYearOn < appraisal.objectivesAgreedOn)
      throw new RuleError(
        "mid_year_on-day",
        "The date of the mid-year review must be on or after the date the objectives were agreed",
      );
    await this.#saveProgress(ctx, appraisalId, objectives, input.progress, {
      mid_year_on: input.midYearOn,
      mid_year_summary: input.summary,
    });
  }

  /**
   * A development need: recorded in the learning needs analysis with source 'appraisal' and
   * linked to the appraisal.
   */
  async addNeed(ctx: TenantContext, appraisalId: string, input: NeedInput): Promise<string> {
    const { appraisal } = await this.#open(ctx, appraisalId);
    const needId = await this.needs().recordNeed(ctx, appraisal.personId, input, {
      source: "appraisal",
      within: (db, id) => repo.linkNeed(db, appraisalId, id),
    });
    return needId;
  }

  /**
   * Completion: refused until the objectives are agreed and the mid-year review is recorded;
   * the final progress of each objective and a summary.
   */
  async complete(
    ctx: TenantContext,
    appraisalId: string,
    input: { completedOn: IsoDate; summary: string; progress: ProgressInput[] },
  ): Promise<void> {
    const { appraisal, objectives } = await this.#open(ctx, appraisalId);
    if (!appraisal.objectivesAgreedOn || !appraisal.midYearOn)
      throw new RuleError(
        "completed_on-day",
        "The appraisal cannot be completed until the objectives are agreed and the mid-year review is recorded",
      );
    this.#notFuture("completed_on", "The date of completion", input.completedOn);
    if (input.completedOn < appraisal.midYearOn)
      throw new RuleError(
        "completed_on-day",
        "The date of completion must be on or after the mid-year review",
      );
    await this.#saveProgress(ctx, appraisalId, objectives, input.progress, {
      completed_on: input.completedOn,
      final_summary: input.summary,
    });
  }

  /** The appraisee confirms their completed appraisal (once). */
  async confirm(ctx: TenantContext, appraisalId: string): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const appraisal = await repo.appraisal(db, appraisalId);
      if (!appraisal?.completedOn)
        throw new RuleError("confirm", "There is nothing to confirm yet: the appraisal is not completed");
      if (appraisal.confirmedOn) return;
      await repo.updateAppraisal(db, appraisalId, { confirmed_on: this.today() }, this.clock.now());
    });
  }
}

/** A unit and every unit below it, from a flat list. */
export function subtree(units: readonly OrgUnit[], unitId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.orgUnitId]);
  }
  const out = new Set<string>();
  const walk = (id: string) => {
    if (out.has(id)) return;
    out.add(id);
    for (const c of children.get(id) ?? []) walk(c);
  };
  walk(unitId);
  return out;
}
