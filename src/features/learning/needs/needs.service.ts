import type { AccessScope } from "../../../platform/auth/principal.js";
import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { TenantCache } from "../../../platform/tenancy/tenant-cache.js";
import type { PeopleService } from "../../people/people.service.js";
import { type FeedReport, readFeed } from "./feed.js";
import * as repo from "./needs.repository.js";
import { planningYear, planYearOf, SMALL_NUMBER } from "./reference.js";
import type { NeedPriority, NeedStatus, StoredNeedSource } from "./schema.js";

export interface NeedInput {
  planYear: number;
  courseId: string | null;
  description: string | null;
  theme: string | null;
  priority: NeedPriority;
  pcfDomain: string | null;
  neededBy: IsoDate | null;
}

export interface CourseLine extends repo.PriorityCounts {
  courseId: string;
  code: string;
  title: string;
  tier: string;
  planned: number;
  note: string | null;
  scheduled: number;
  /** Demand less the places planned and scheduled: more than 0 is a shortfall. */
  gap: number;
}

/** A team or service row: counts are null when fewer than 5 people there have needs. */
export interface UnitLine {
  orgUnitId: string | null;
  name: string;
  /** For a team: the service it is in (null: none). */
  serviceId?: string | null;
  headcount: number;
  suppressed: boolean;
  withNeeds: number | null;
  needs: number | null;
  essential: number | null;
  important: number | null;
  desirable: number | null;
}

const tierOrder = ["core", "essential", "specialist", "leadership", "accredited", "carers"];

/**
 * Learning needs: each person's needs recorded with their manager or fed from appraisals and
 * quality findings, and the analysis of a plan year's needs against the places planned and the
 * sessions scheduled. Registered interest counts as desirable demand, read where it is kept.
 */
export class NeedsService {
  readonly #cache: TenantCache;

  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly people: PeopleService,
  ) {
    this.#cache = new TenantCache(clock, 200);
  }

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /** The year needs are recorded for by default (see reference.ts planningYear). */
  planningYear(): number {
    return planningYear(this.today());
  }

  /** The years a need may be recorded for: the plan year under way and the next. */
  recordableYears(): number[] {
    const current = planYearOf(this.today());
    return [current, current + 1];
  }

  async person(ctx: TenantContext, personId: string) {
    return this.data.run(ctx, (db) => repo.person(db, personId));
  }

  /** A person's needs, every year, and the courses they have registered interest in. */
  async personNeeds(ctx: TenantContext, personId: string) {
    return this.data.run(ctx, async (db) => {
      const [needs, interest] = await Promise.all([
        repo.personNeeds(db, personId),
        repo.personInterest(db, personId),
      ]);
      return { needs, interest };
    });
  }

  async courseChoices(ctx: TenantContext) {
    return this.data.run(ctx, (db) => repo.courseChoices(db));
  }

  /** A need a manager records with a team member. */
  /**
   * Records a need (a manager's by default). `source` names where else it came from (an
   * appraisal); `within` runs in the same transaction with the new need's id (e.g. to link it).
   */
  async recordNeed(
    ctx: TenantContext,
    personId: string,
    input: NeedInput,
    options: { source?: StoredNeedSource; within?: (db: TenantDb, needId: string) => Promise<void> } = {},
  ): Promise<string> {
    if (!this.recordableYears().includes(input.planYear)) {
      throw new RuleError("plan_year", "Select the plan year the need is for");
    }
    if (input.neededBy !== null && input.neededBy < this.today()) {
      throw new RuleError("needed_by-day", "The date it is needed by must be today or in the future");
    }
    return this.data.run(ctx, async (db) => {
      if (input.courseId !== null) {
        const course = await db
          .selectFrom("learning_courses")
          .select("id")
          .where("id", "=", input.courseId)
          .where("status", "=", "active")
          .executeTakeFirst();
        if (!course) throw new RuleError("course_id", "Select a course from the catalogue");
      }
      const [id] = await repo.insertNeeds(db, [
        {
          person_id: personId,
          plan_year: input.planYear,
          course_id: input.courseId,
          description: input.courseId === null ? input.description : null,
          theme: input.courseId === null ? input.theme : null,
          priority: input.priority,
          pcf_domain: input.pcfDomain,
          needed_by: input.neededBy,
          source: options.source ?? "manager",
          recorded_by: ctx.actor.id,
        },
      ]);
      if (!id) {
        throw input.courseId === null
          ? new RuleError("description", "This need is already recorded for them for that year")
          : new RuleError("course_id", "This course is already recorded as a need for them for that year");
      }
      await options.within?.(db, id);
      return id;
    });
  }

  /** The need's person, to check the viewer reaches them; null if there is no such need. */
  async needOwner(ctx: TenantContext, needId: string) {
    return this.data.run(ctx, async (db) => (await repo.needOwner(db, needId)) ?? null);
  }

  async setStatus(ctx: TenantContext, needId: string, status: NeedStatus): Promise<void> {
    await this.data.run(ctx, (db) => repo.setStatus(db, needId, status));
  }

  /** A page of the people the viewer records needs with, and how many needs each has in the year. */
  async teamPage(
    ctx: TenantContext,
    scope: AccessScope,
    viewerPersonId: string | null,
    year: number,
    page: { limit: number; offset: number },
  ) {
    const today = this.today();
    const [rows, tree] = await Promise.all([
      this.data.run(ctx, async (db) =>
        repo.teamPage(
          db,
          await repo.peopleScope(db, scope, today),
          viewerPersonId,
          year,
          today,
          page.limit,
          page.offset,
        ),
      ),
      this.people.orgTree(ctx, { tenant: true, personId: null, reportsOf: null, unitIds: [] }),
    ]);
    const names = new Map(tree.rows.map((u) => [u.orgUnitId, u.name]));
    return {
      total: rows[0]?.total ?? 0,
      withNeeds: rows[0]?.withNeeds ?? 0,
      people: rows.map((r) => ({
        personId: r.personId,
        name: r.name,
        team: r.orgUnitId ? (names.get(r.orgUnitId) ?? "") : "",
        needs: r.needs,
      })),
    };
  }

  /** Places planned for a year, course by course (only those set). */
  async plannedPlaces(ctx: TenantContext, year: number) {
    return this.data.run(ctx, async (db) =>
      (await repo.coursePlaces(db, year)).filter((c) => c.planned !== null),
    );
  }

  async setPlannedPlaces(
    ctx: TenantContext,
    input: { courseId: string; planYear: number; places: number; note: string | null },
  ): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const course = await db
        .selectFrom("learning_courses")
        .select("id")
        .where("id", "=", input.courseId)
        .executeTakeFirst();
      if (!course) throw new RuleError("course_id", "Select a course from the catalogue");
      await repo.upsertPlannedPlaces(db, {
        course_id: input.courseId,
        plan_year: input.planYear,
        places: input.places,
        note: input.note,
        set_by: ctx.actor.id,
      });
    });
  }

  /**
   * The analysis of a plan year for the viewer's scope: demand per course against the places
   * planned and scheduled (every core course listed), described needs by theme, and the needs by
   * team and by service, suppressed where fewer than 5 people have needs.
   */
  async analysis(ctx: TenantContext, scope: AccessScope, year: number) {
    const today = this.today();
    const [figures, tree] = await Promise.all([
      // Remembered until the council's data changes (any write moves its version).
      this.data.run(ctx, (db) =>
        this.#cache.get(db, ctx.tenantId, `analysis:${JSON.stringify([year, today, scope])}`, async () => {
          const people = await repo.peopleScope(db, scope, today);
          const [places, demand, themes, teams] = await Promise.all([
            repo.coursePlaces(db, year),
            repo.courseDemand(db, people, year, today),
            repo.themeDemand(db, people, year, today),
            repo.teamDemand(db, people, year, today),
          ]);
          return { places, demand, themes, teams };
        }),
      ),
      this.people.orgTree(ctx, { tenant: true, personId: null, reportsOf: null, unitIds: [] }),
    ]);
    // Both come from caches: the lines made from them are remembered with them.
    const made = derived.get(figures);
    if (made && made.tree === tree && made.year === year) return made.result;
    const result = analysisLines(year, figures, tree);
    derived.set(figures, { tree, year, result });
    return result;
  }

  /**
   * Needs from appraisals and quality findings, a CSV file applied row by row: rows naming no
   * one or no course are refused and reported; a need already recorded is not added again.
   */
  async importFeed(ctx: TenantContext, file: Buffer, planYear: number): Promise<FeedReport> {
    return this.data.run(ctx, (db) => readFeed(db, file, planYear, ctx.actor.id));
  }
}

type AnalysisFigures = {
  places: Awaited<ReturnType<typeof repo.coursePlaces>>;
  demand: Awaited<ReturnType<typeof repo.courseDemand>>;
  themes: Awaited<ReturnType<typeof repo.themeDemand>>;
  teams: Awaited<ReturnType<typeof repo.teamDemand>>;
};
type OrgTree = Awaited<ReturnType<PeopleService["orgTree"]>>;

/** The lines of an analysis, kept beside the cached figures they were made from. */
const derived = new WeakMap<
  object,
  { tree: OrgTree; year: number; result: ReturnType<typeof analysisLines> }
>();

/** Course, theme, team and service lines from the figures and the organisation. */
function analysisLines(year: number, figures: AnalysisFigures, tree: OrgTree) {
  const byCourse = new Map(figures.demand.map((d) => [d.courseId, d]));
  const courses: CourseLine[] = [];
  for (const c of figures.places) {
    const d = byCourse.get(c.courseId);
    const planned = c.planned ?? 0;
    if (!(c.tier === "core" && c.active) && !d && planned === 0 && c.scheduled === 0) continue;
    const people = d?.people ?? 0;
    courses.push({
      courseId: c.courseId,
      code: c.code,
      title: c.title,
      tier: c.tier,
      people,
      essential: d?.essential ?? 0,
      important: d?.important ?? 0,
      desirable: d?.desirable ?? 0,
      planned,
      note: c.note,
      scheduled: c.scheduled,
      gap: people - planned - c.scheduled,
    });
  }
  const tierRank = (t: string) => (tierOrder.includes(t) ? tierOrder.indexOf(t) : tierOrder.length);
  courses.sort(
    (a, b) => tierRank(a.tier) - tierRank(b.tier) || b.people - a.people || a.title.localeCompare(b.title),
  );

  const units = new Map(tree.rows.map((u) => [u.orgUnitId, u]));
  const serviceOf = (unitId: string): string | null => {
    let u = units.get(unitId);
    for (let depth = 0; u && depth < 30; depth += 1) {
      if (u.unitType === "service") return u.orgUnitId;
      u = u.parentId ? units.get(u.parentId) : undefined;
    }
    return null;
  };
  const teams = figures.teams
    .map((t) => ({
      ...unitLine(t.orgUnitId, units.get(t.orgUnitId)?.name ?? "A former team", t),
      serviceId: serviceOf(t.orgUnitId),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const serviceSums = new Map<string | null, repo.TeamFigures>();
  for (const t of figures.teams) {
    const key = serviceOf(t.orgUnitId);
    const sum = serviceSums.get(key);
    if (!sum) serviceSums.set(key, { ...t, orgUnitId: key ?? "" });
    else {
      sum.headcount += t.headcount;
      sum.withNeeds += t.withNeeds;
      sum.needs += t.needs;
      sum.essential += t.essential;
      sum.important += t.important;
      sum.desirable += t.desirable;
    }
  }
  const services = [...serviceSums]
    .map(([key, s]) =>
      unitLine(key, key ? (units.get(key)?.name ?? "A former service") : "Not in a service", s),
    )
    .sort((a, b) => (a.orgUnitId === null ? 1 : b.orgUnitId === null ? -1 : a.name.localeCompare(b.name)));
  return { year, courses, themes: figures.themes, teams, services };
}

function unitLine(orgUnitId: string | null, name: string, f: repo.TeamFigures): UnitLine {
  const suppressed = f.withNeeds < SMALL_NUMBER;
  const shown = (n: number) => (suppressed ? null : n);
  return {
    orgUnitId,
    name,
    headcount: f.headcount,
    suppressed,
    withNeeds: shown(f.withNeeds),
    needs: shown(f.needs),
    essential: shown(f.essential),
    important: shown(f.important),
    desirable: shown(f.desirable),
  };
}
