import type { AccessScope } from "../../../platform/auth/principal.js";
import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { TenantCache } from "../../../platform/tenancy/tenant-cache.js";
import type { PolicyRule } from "../policy/due.js";
import type { ComplianceStatus } from "../schema.js";
import {
  type AssignmentFact,
  type EnrolmentFact,
  kindsKey,
  monthEndsBefore,
  noRule,
  placementOn,
  type StatusOnDate,
  statusOn,
} from "./compliance.js";
import * as repo from "./compliance.repository.js";

/** What compliance needs of the policy area (app.supervisionPolicy). */
export interface PolicyReader {
  rules(db: TenantDb): Promise<PolicyRule[]>;
  settings(
    db: TenantDb,
  ): Promise<{ maxDirectReports: number; dueSoonDays: number; inDateTargetPercent: number }>;
}

export type Settings = Awaited<ReturnType<PolicyReader["settings"]>>;

export interface PersonStatus {
  rule: PolicyRule | null;
  lastHeldOn: IsoDate | null;
  dueOn: IsoDate | null;
  status: ComplianceStatus | null;
  plannedOn: IsoDate | null;
}

/** A placed person's standing on a date (rule null: not counted). */
export interface PersonCompliance extends StatusOnDate {
  personId: string;
  unitIds: string[];
  lineManagerIds: string[];
}

/** Everyone placed on each date, computed once per council and data version. */
export interface Snapshot {
  dates: IsoDate[];
  settings: Settings;
  names: Map<string, string>;
  byDate: Map<IsoDate, PersonCompliance[]>;
}

export interface Counts {
  inDate: number;
  due: number;
  overdue: number;
  total: number;
  /** Everyone not overdue, as a percentage of the total to one decimal place (null: nobody counted). */
  percentInDate: number | null;
}

/** A unit in force on a date, in tree order with its depth. */
export interface UnitInfo {
  orgUnitId: string;
  parentId: string | null;
  name: string;
  unitType: string;
  depth: number;
}

/** The units on a date and the ones a viewer reaches (tree order). */
export interface UnitsView {
  all: UnitInfo[];
  visible: UnitInfo[];
}

/**
 * Supervision compliance: each person's next due date and status, and the same for everyone at
 * once (the dashboard, the overdue list, the home page's counts), with span of control.
 * Everyone's statuses on a set of dates take four queries whatever the number of people (rules
 * and settings, assignments, enrolments, and the last held supervision per person and date in one
 * grouped pass) and the pure rules in memory; they are remembered until the council's data
 * changes, so a page that finds them remembered runs one query of its own.
 */
export class SupervisionComplianceService {
  readonly #cache: TenantCache;

  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly policy: PolicyReader,
  ) {
    this.#cache = new TenantCache(clock, 500);
  }

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /** The month ends of the trend (the last 12 before the month of the date), oldest first. */
  monthEnds(asAt: IsoDate = this.today()): IsoDate[] {
    return monthEndsBefore(asAt, 12);
  }

  /** One person's status on a date (today by default), with their next planned supervision. */
  async personStatus(ctx: TenantContext, personId: string, asAt?: IsoDate): Promise<PersonStatus> {
    const on = asAt ?? this.today();
    return this.data.run(ctx, async (db) => {
      const [rules, settings, { facts, startedOn }, enrolments, supervisions] = await Promise.all([
        this.policy.rules(db),
        this.policy.settings(db),
        repo.assignments(db, on, personId),
        repo.activeEnrolments(db, personId),
        repo.personSupervisions(db, personId),
      ]);
      const placement = placementOn(facts, enrolments[0] ?? null, on, startedOn.get(personId) ?? null);
      const held = supervisions.filter((s) => s.status === "held");
      const lastHeldAny = held.filter((s) => s.heldOn <= on).at(-1)?.heldOn ?? null;
      const planned = supervisions
        .map((s) => (s.status === "cancelled" ? s.rearrangedOn : s.heldOn > on ? s.heldOn : null))
        .filter((d): d is IsoDate => d !== null && (lastHeldAny === null || d > lastHeldAny))
        .sort()[0];
      const result = placement
        ? statusOn(rules, placement, on, settings.dueSoonDays, (kinds) => {
            let last: IsoDate | null = null;
            for (const s of held) if (s.heldOn <= on && kinds.includes(s.kind)) last = s.heldOn;
            return last;
          })
        : noRule;
      return { ...result, plannedOn: planned ?? null };
    });
  }

  /** Everyone's status on each date (any order; duplicates ignored), remembered until data changes. */
  async snapshot(ctx: TenantContext, dates: readonly IsoDate[]): Promise<Snapshot> {
    return this.#read(ctx, (db, version) => this.#snapshotAt(db, ctx.tenantId, version, dates));
  }

  /**
   * For each unit (with everything below it) and for everyone the viewer reaches, the counts on
   * each date: `units.get(unitId)[i]` for `dates[i]` (ascending). People with assignments in two
   * units count in each, and once in a unit above both.
   */
  async rollup(ctx: TenantContext, scope: AccessScope, dates: readonly IsoDate[]) {
    return this.#read(ctx, (db, version) => this.#rollupAt(db, ctx.tenantId, version, scope, dates));
  }

  /**
   * The dashboard's figures: the unit chosen (or, with none, the whole council, or the one unit
   * a viewer reaches at the top), the units directly below it, and each one's counts as at the
   * date and at the 12 month ends before its month. Undefined when the unit is not one the
   * viewer reaches.
   */
  async dashboard(ctx: TenantContext, scope: AccessScope, unitId: string | null, asAt: IsoDate) {
    const dates = [...this.monthEnds(asAt), asAt];
    return this.#read(ctx, (db, version) =>
      this.#cache.getAt(version, ctx.tenantId, `dashboard:${scopeKey(scope)}:${unitId}:${asAt}`, async () => {
        const [units, roll] = await Promise.all([
          this.#unitsView(db, ctx.tenantId, version, scope, asAt),
          this.#rollupAt(db, ctx.tenantId, version, scope, dates),
        ]);
        const { visible } = units;
        if (unitId && !visible.some((u) => u.orgUnitId === unitId)) return undefined;
        const visibleIds = new Set(visible.map((u) => u.orgUnitId));
        const tops = visible.filter((u) => !u.parentId || !visibleIds.has(u.parentId));
        const chosen = unitId ?? (!scope.tenant && tops.length === 1 ? (tops[0]?.orgUnitId ?? null) : null);
        const selected = chosen ? visible.find((u) => u.orgUnitId === chosen) : undefined;
        const childrenOf = (id: string) => visible.filter((u) => u.parentId === id);
        let children = selected ? childrenOf(selected.orgUnitId) : tops;
        // The whole council with one unit at the top: walk down to where it divides.
        while (
          !selected &&
          children.length === 1 &&
          children[0] &&
          childrenOf(children[0].orgUnitId).length > 0
        ) {
          children = childrenOf(children[0].orgUnitId);
        }
        const empty = roll.dates.map(() => countStatuses([]));
        const seriesOf = (id: string | null) => (id ? (roll.units.get(id) ?? empty) : roll.everyone);
        const parent =
          selected?.parentId && visibleIds.has(selected.parentId)
            ? visible.find((u) => u.orgUnitId === selected.parentId)
            : undefined;
        return {
          dates: roll.dates,
          settings: roll.settings,
          selected: selected ?? null,
          parent: parent ?? null,
          /** Whether "everyone you can see" is more than the unit chosen (a link up to it). */
          upToEveryone: Boolean(selected) && !parent && (scope.tenant || tops.length > 1),
          children: children.map((u) => ({ unit: u, series: seriesOf(u.orgUnitId) })),
          series: seriesOf(selected?.orgUnitId ?? null),
        };
      }),
    );
  }

  /** The units on a date and those the viewer reaches (tree order). */
  async units(ctx: TenantContext, scope: AccessScope, asAt: IsoDate): Promise<UnitsView> {
    return this.#read(ctx, (db, version) => this.#unitsView(db, ctx.tenantId, version, scope, asAt));
  }

  /** The counts of the people a scope reaches on a date, the viewer themselves left out. */
  async peopleCounts(ctx: TenantContext, scope: AccessScope, asAt: IsoDate, except: string | null) {
    return this.#read(ctx, async (db, version) => {
      const [snapshot, all] = await Promise.all([
        this.#snapshotAt(db, ctx.tenantId, version, [asAt]),
        this.#allUnits(db, ctx.tenantId, version, asAt),
      ]);
      const placed = snapshot.byDate.get(asAt) ?? [];
      const reach = inScope(scope, placed, all);
      return countStatuses(placed.filter((p) => p.personId !== except && (!reach || reach.has(p.personId))));
    });
  }

  /**
   * The people the viewer reaches who are overdue or due on the date, in a set of units (all
   * when null), soonest due first then by name.
   */
  async overdue(ctx: TenantContext, scope: AccessScope, unitIds: readonly string[] | null, asAt: IsoDate) {
    return this.#read(ctx, async (db, version) => {
      const [snapshot, all] = await Promise.all([
        this.#snapshotAt(db, ctx.tenantId, version, [asAt]),
        this.#allUnits(db, ctx.tenantId, version, asAt),
      ]);
      const placed = snapshot.byDate.get(asAt) ?? [];
      const reach = inScope(scope, placed, all);
      const unitSet = unitIds ? new Set(unitIds) : null;
      return placed
        .filter(
          (p) =>
            (p.status === "overdue" || p.status === "due") &&
            // The viewer's own supervision is on their home page, not in "your people" (as the counts).
            p.personId !== scope.personId &&
            (!reach || reach.has(p.personId)) &&
            (!unitSet || p.unitIds.some((u) => unitSet.has(u))),
        )
        .map((p) => ({ ...p, name: snapshot.names.get(p.personId) ?? "" }))
        .sort((a, b) => compare(a.dueOn ?? "", b.dueOn ?? "") || a.name.localeCompare(b.name));
    });
  }

  /** The supervisor of each person: the latest agreement's, else their last held record's. */
  async supervisors(ctx: TenantContext, personIds: readonly string[], asAt: IsoDate) {
    return this.data.run(ctx, async (db) => {
      const [agreements, records] = await Promise.all([
        repo.agreementSupervisors(db, personIds, asAt),
        repo.lastSupervisors(db, personIds, asAt),
      ]);
      const supervisorOf = new Map<string, string>();
      for (const id of personIds) {
        const s = agreements.get(id) ?? records.get(id);
        if (s) supervisorOf.set(id, s);
      }
      const names = await repo.names(db, [...new Set(supervisorOf.values())]);
      return new Map([...supervisorOf].map(([person, s]) => [person, names.get(s) ?? null]));
    });
  }

  /**
   * Direct reports per line manager on a date (people with an assignment naming them), for the
   * managers the viewer reaches and themselves, in a set of units (where the manager works; all
   * when null), most first.
   */
  async spanOfControl(
    ctx: TenantContext,
    scope: AccessScope,
    unitIds: readonly string[] | null,
    asAt: IsoDate,
  ) {
    return this.#read(ctx, async (db, version) => {
      const [snapshot, all] = await Promise.all([
        this.#snapshotAt(db, ctx.tenantId, version, [asAt]),
        this.#allUnits(db, ctx.tenantId, version, asAt),
      ]);
      const placed = snapshot.byDate.get(asAt) ?? [];
      const reach = inScope(scope, placed, all);
      const placement = new Map(placed.map((p) => [p.personId, p]));
      const reports = new Map<string, Set<string>>();
      for (const p of placed) {
        for (const m of p.lineManagerIds) {
          const set = reports.get(m);
          if (set) set.add(p.personId);
          else reports.set(m, new Set([p.personId]));
        }
      }
      const unitSet = unitIds ? new Set(unitIds) : null;
      const managers = [...reports.keys()].filter(
        (m) =>
          (!reach || reach.has(m)) &&
          (!unitSet || (placement.get(m)?.unitIds ?? []).some((u) => unitSet.has(u))),
      );
      const max = snapshot.settings.maxDirectReports;
      return {
        maxDirectReports: max,
        rows: managers
          .map((m) => {
            const count = reports.get(m)?.size ?? 0;
            return {
              personId: m,
              name: snapshot.names.get(m) ?? "",
              unitIds: placement.get(m)?.unitIds ?? [],
              directReports: count,
              over: count > max,
            };
          })
          .sort((a, b) => b.directReports - a.directReports || a.name.localeCompare(b.name)),
      };
    });
  }

  /** A read in one transaction, at the council's data version. */
  #read<T>(ctx: TenantContext, work: (db: TenantDb, version: number) => Promise<T>): Promise<T> {
    return this.data.run(ctx, async (db) => work(db, await this.#cache.version(db)));
  }

  #allUnits(db: TenantDb, tenantId: string, version: number, asAt: IsoDate): Promise<UnitInfo[]> {
    return this.#cache.getAt(version, tenantId, `units:${asAt}`, async () =>
      treeOrder(await repo.unitsOn(db, asAt)),
    );
  }

  async #unitsView(
    db: TenantDb,
    tenantId: string,
    version: number,
    scope: AccessScope,
    asAt: IsoDate,
  ): Promise<UnitsView> {
    const all = await this.#allUnits(db, tenantId, version, asAt);
    if (scope.tenant) return { all, visible: all };
    return this.#cache.getAt(version, tenantId, `visible:${scopeKey(scope)}:${asAt}`, async () => {
      const snapshot = await this.#snapshotAt(db, tenantId, version, [asAt]);
      const ids = visibleUnitIds(scope, snapshot.byDate.get(asAt) ?? [], all);
      return { all, visible: all.filter((u) => ids.has(u.orgUnitId)) };
    });
  }

  #snapshotAt(db: TenantDb, tenantId: string, version: number, dates: readonly IsoDate[]): Promise<Snapshot> {
    const sorted = [...new Set(dates)].sort();
    return this.#cache.getAt(version, tenantId, `snapshot:${sorted.join(",")}`, () =>
      this.#computeSnapshot(db, sorted),
    );
  }

  async #rollupAt(
    db: TenantDb,
    tenantId: string,
    version: number,
    scope: AccessScope,
    dates: readonly IsoDate[],
  ) {
    const sorted = [...new Set(dates)].sort();
    const last = sorted.at(-1) ?? this.today();
    return this.#cache.getAt(version, tenantId, `rollup:${sorted.join(",")}:${scopeKey(scope)}`, async () => {
      const [snapshot, all] = await Promise.all([
        this.#snapshotAt(db, tenantId, version, sorted),
        this.#allUnits(db, tenantId, version, last),
      ]);
      return rollupOf(snapshot, scope, all);
    });
  }

  async #computeSnapshot(db: TenantDb, dates: IsoDate[]): Promise<Snapshot> {
    const last = dates.at(-1) ?? this.today();
    const [rules, settings, { facts, startedOn, names }, enrolments] = await Promise.all([
      this.policy.rules(db),
      this.policy.settings(db),
      repo.assignments(db, last, undefined, dates[0]),
      repo.activeEnrolments(db),
    ]);
    const kindSets = new Map<string, number>();
    const sets: PolicyRule["countingKinds"][] = [];
    for (const r of rules) {
      const key = kindsKey(r.countingKinds);
      if (!kindSets.has(key)) {
        kindSets.set(key, sets.length);
        sets.push(r.countingKinds);
      }
    }
    const lastHeld = await repo.lastHeldByDate(db, dates, sets);
    const byPerson = new Map<string, AssignmentFact[]>();
    for (const f of facts) {
      const list = byPerson.get(f.personId);
      if (list) list.push(f);
      else byPerson.set(f.personId, [f]);
    }
    const enrolmentOf = new Map<string, EnrolmentFact>();
    for (const e of enrolments) if (!enrolmentOf.has(e.personId)) enrolmentOf.set(e.personId, e);
    const byDate = new Map<IsoDate, PersonCompliance[]>();
    dates.forEach((on, i) => {
      const list: PersonCompliance[] = [];
      for (const [personId, own] of byPerson) {
        const placement = placementOn(own, enrolmentOf.get(personId) ?? null, on, startedOn.get(personId));
        if (!placement) continue;
        const grid = lastHeld.get(personId);
        const status = statusOn(rules, placement, on, settings.dueSoonDays, (kinds) => {
          const set = kindSets.get(kindsKey(kinds));
          return set === undefined ? null : (grid?.[set]?.[i] ?? null);
        });
        list.push({
          personId,
          unitIds: placement.unitIds,
          lineManagerIds: placement.lineManagerIds,
          ...status,
        });
      }
      byDate.set(on, list);
    });
    return { dates, settings, names, byDate };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function scopeKey(scope: AccessScope): string {
  return scope.tenant ? "tenant" : JSON.stringify([scope.personId, scope.reportsOf, scope.unitIds]);
}

/** The counts of a set of people's statuses (those with no rule are not counted). */
export function countStatuses(people: Iterable<{ status: ComplianceStatus | null }>): Counts {
  const c = { inDate: 0, due: 0, overdue: 0, total: 0 };
  for (const p of people) {
    if (p.status === null) continue;
    c.total += 1;
    if (p.status === "in_date") c.inDate += 1;
    else if (p.status === "due") c.due += 1;
    else c.overdue += 1;
  }
  return {
    ...c,
    percentInDate: c.total === 0 ? null : Math.round((1000 * (c.total - c.overdue)) / c.total) / 10,
  };
}

/** Units in tree order (by name at each level) with their depth; orphans become roots. */
export function treeOrder(
  units: ReadonlyArray<{ orgUnitId: string; parentId: string | null; name: string; unitType: string }>,
): UnitInfo[] {
  const ids = new Set(units.map((u) => u.orgUnitId));
  const children = new Map<string | null, typeof units>();
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: UnitInfo[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const u of list) {
      if (seen.has(u.orgUnitId)) continue;
      seen.add(u.orgUnitId);
      out.push({ ...u, depth });
      walk(u.orgUnitId, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** A unit and every unit below it. */
export function subtree(units: ReadonlyArray<{ orgUnitId: string; parentId: string | null }>, id: string) {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = children.get(u.parentId);
    if (list) list.push(u.orgUnitId);
    else children.set(u.parentId, [u.orgUnitId]);
  }
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (unitId: string) => {
    if (seen.has(unitId)) return;
    seen.add(unitId);
    out.push(unitId);
    for (const c of children.get(unitId) ?? []) walk(c);
  };
  if (units.some((u) => u.orgUnitId === id)) walk(id);
  return out;
}

type Placed = { personId: string; unitIds: string[]; lineManagerIds: string[] };

/** The direct and indirect reports of a person among those placed. */
function reportsOf(placed: readonly Placed[], managerId: string): Set<string> {
  const byManager = new Map<string, string[]>();
  for (const p of placed) {
    for (const m of p.lineManagerIds) {
      const list = byManager.get(m);
      if (list) list.push(p.personId);
      else byManager.set(m, [p.personId]);
    }
  }
  const seen = new Set<string>();
  const walk = (id: string) => {
    for (const r of byManager.get(id) ?? []) {
      if (seen.has(r)) continue;
      seen.add(r);
      walk(r);
    }
  };
  walk(managerId);
  return seen;
}

/**
 * The people a scope reaches among those placed on a date: undefined for the whole council;
 * otherwise their own, their direct and indirect reports, and people placed in their units
 * (with every unit below), as the people feature's scope reads it.
 */
export function inScope(
  scope: AccessScope,
  placed: readonly Placed[],
  units: ReadonlyArray<{ orgUnitId: string; parentId: string | null }>,
): Set<string> | undefined {
  if (scope.tenant) return undefined;
  const out = new Set<string>();
  if (scope.personId) out.add(scope.personId);
  if (scope.unitIds.length > 0) {
    const unitSet = new Set(scope.unitIds.flatMap((id) => subtree(units, id)));
    for (const p of placed) if (p.unitIds.some((u) => unitSet.has(u))) out.add(p.personId);
  }
  if (scope.reportsOf) for (const r of reportsOf(placed, scope.reportsOf)) out.add(r);
  return out;
}

/**
 * The units a viewer reaches, as the people feature's organisation tree shows them: the units
 * they hold a role on, and the teams they and their reports work in, with everything below.
 */
export function visibleUnitIds(
  scope: AccessScope,
  placed: readonly Placed[],
  units: ReadonlyArray<{ orgUnitId: string; parentId: string | null }>,
): Set<string> {
  if (scope.tenant) return new Set(units.map((u) => u.orgUnitId));
  const people = new Set<string>(scope.reportsOf ? reportsOf(placed, scope.reportsOf) : []);
  if (scope.personId) people.add(scope.personId);
  const roots = [...scope.unitIds, ...placed.filter((p) => people.has(p.personId)).flatMap((p) => p.unitIds)];
  return new Set(roots.flatMap((id) => subtree(units, id)));
}

/** Each unit's counts (with everything below it) and everyone's, on each date of a snapshot. */
function rollupOf(snapshot: Snapshot, scope: AccessScope, all: readonly UnitInfo[]) {
  const parentOf = new Map(all.map((u) => [u.orgUnitId, u.parentId]));
  const chains = new Map<string, string[]>();
  const chainOf = (unitId: string): string[] => {
    const known = chains.get(unitId);
    if (known) return known;
    const chain: string[] = [];
    let at: string | null | undefined = unitId;
    while (at && !chain.includes(at)) {
      chain.push(at);
      at = parentOf.get(at);
    }
    chains.set(unitId, chain);
    return chain;
  };
  const { dates } = snapshot;
  const tallies = new Map<string, PersonCompliance[][]>();
  const everyone: PersonCompliance[][] = [];
  dates.forEach((on, i) => {
    const placed = snapshot.byDate.get(on) ?? [];
    const reach = inScope(scope, placed, all);
    const counted: PersonCompliance[] = [];
    for (const p of placed) {
      if (p.status === null || (reach && !reach.has(p.personId))) continue;
      counted.push(p);
      for (const u of new Set(p.unitIds.flatMap(chainOf))) {
        let lists = tallies.get(u);
        if (!lists) {
          lists = dates.map(() => []);
          tallies.set(u, lists);
        }
        lists[i]?.push(p);
      }
    }
    everyone.push(counted);
  });
  return {
    dates,
    settings: snapshot.settings,
    everyone: everyone.map((l) => countStatuses(l)),
    units: new Map([...tallies].map(([u, lists]) => [u, lists.map((l) => countStatuses(l))])),
  };
}
