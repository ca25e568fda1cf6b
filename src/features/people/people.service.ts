import type { AccessScope } from "../../platform/auth/principal.js";
import type { Clock } from "../../platform/clock.js";
import { addDays, dateInLondon, type IsoDate } from "../../platform/dates.js";
import { RuleError } from "../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext, TenantDb } from "../../platform/tenancy/data-access.js";
import { TenantCache } from "../../platform/tenancy/tenant-cache.js";
import * as equality from "./equality.repository.js";
import { buildTree, flatten, type UnitNode, unitAndDescendants } from "./org-tree.js";
import * as households from "./pages.queries.js";
import * as repo from "./people.repository.js";
import { type ContractType, contractTypes, coverContractTypes, type PersonKind } from "./reference/domain.js";
import type { PeopleTable } from "./schema.js";
import * as scopes from "./scope.repository.js";

/** Contract types counted as "in post" (employed by the council), as the DfE counts them. */
export const inPostContractTypes: readonly ContractType[] = contractTypes.filter(
  (c) => !coverContractTypes.includes(c),
);

/** Fields the HR feed owns: read-only in the pages for anyone the feed knows. */
export const hrOwnedFields = ["given_name", "family_name", "email", "employee_number", "started_on"] as const;
export const HR_SOURCE = "hr";

export interface PersonInput {
  kind?: PersonKind;
  given_name: string;
  family_name: string;
  preferred_name?: string | null;
  email?: string | null;
  phone?: string | null;
  employee_number?: string | null;
  swe_number?: string | null;
  swe_status?: PeopleTable["swe_status"];
  swe_first_registered_on?: IsoDate | null;
  swe_last_checked_on?: IsoDate | null;
  started_on?: IsoDate | null;
}

export interface AssignmentInput {
  org_unit_id: string;
  post_id?: string | null;
  job_role_id: string;
  career_level?: string | null;
  contract_type: ContractType;
  fte: number;
  line_manager_person_id?: string | null;
  valid_from: IsoDate;
  valid_to?: IsoDate | null;
}

export interface LeavingInput {
  left_on: IsoDate;
  reason_code: number;
  destination_code?: number | null;
  exit_themes?: string[];
  exit_notes?: string | null;
}

export interface PeopleQuery {
  /** Whose records the viewer reaches (from the request): the list, count and export keep to it. */
  scope: AccessScope;
  asAt?: IsoDate | undefined;
  q?: string | undefined;
  unitId?: string | undefined;
  jobRoleId?: string | undefined;
  contractType?: ContractType | undefined;
  status?: "current" | "left" | "all";
  kind?: PersonKind;
  page?: number;
  pageSize?: number;
}

/**
 * Organisation, posts and people, asked "as at" any date. Every rule about them lives here:
 * pages, feeds and the demo generator all call these methods.
 */
/** What a feature removes of a person's own words and files when the person is anonymised. */
export type Anonymiser = (db: TenantDb, personId: string) => Promise<void>;

export class PeopleService {
  readonly #cache: TenantCache;
  readonly #anonymisers: Anonymiser[] = [];

  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
  ) {
    this.#cache = new TenantCache(clock);
  }

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  /**
   * The organisation as at a date, for a viewer: the whole tree for council-wide roles; otherwise
   * the units they hold a role on, and the teams they and their reports work in, with everything
   * below them. Totals are for each unit and everything below it.
   */
  async orgTree(ctx: TenantContext, scope: AccessScope, asAt: IsoDate = this.today()) {
    return this.data.run(ctx, async (db) => {
      const version = await this.#cache.version(db);
      const tree = await this.#cache.getAt(version, ctx.tenantId, `orgTree:${asAt}`, () =>
        this.#orgTree(db, asAt),
      );
      if (scope.tenant) return tree;
      const visible = new Set(await this.#reachableUnits(db, ctx.tenantId, version, scope, asAt));
      return { ...tree, rows: tree.rows.filter((r) => visible.has(r.orgUnitId)) };
    });
  }

  /** Whether the viewer reaches a person's record (today's placements). */
  async reaches(ctx: TenantContext, scope: AccessScope, personId: string): Promise<boolean> {
    if (scope.tenant) return true;
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const people = await this.#peopleScope(db, ctx.tenantId, await this.#cache.version(db), scope, today);
      return people ? scopes.reachesPerson(db, personId, people, today) : true;
    });
  }

  /** Whether the viewer reaches a foster household (its supervising social worker is in scope). */
  async reachesHousehold(ctx: TenantContext, scope: AccessScope, householdId: string): Promise<boolean> {
    if (scope.tenant) return true;
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const people = await this.#peopleScope(db, ctx.tenantId, await this.#cache.version(db), scope, today);
      return people ? scopes.reachesHousehold(db, householdId, people, today) : true;
    });
  }

  /** Foster carer households approved on a date, in the viewer's scope: a page and the count. */
  async fosterHouseholds(
    ctx: TenantContext,
    scope: AccessScope,
    asAt: IsoDate,
    page: { limit: number; offset: number },
  ) {
    return this.data.run(ctx, async (db) => {
      const people = await this.#peopleScope(db, ctx.tenantId, await this.#cache.version(db), scope, asAt);
      const [total, rows] = await Promise.all([
        households.countFosterHouseholds(db, asAt, people),
        households.listFosterHouseholds(db, asAt, people, page.limit, page.offset),
      ]);
      return { total, rows };
    });
  }

  /** Whether the viewer reaches a unit's page: see orgTree for which units. */
  async reachesUnit(ctx: TenantContext, scope: AccessScope, unitId: string, asAt = this.today()) {
    if (scope.tenant) return true;
    return this.data.run(ctx, async (db) =>
      (await this.#reachableUnits(db, ctx.tenantId, await this.#cache.version(db), scope, asAt)).includes(
        unitId,
      ),
    );
  }

  /** The scope as people on a date: undefined for the whole council; unit ids with those below. */
  async #peopleScope(
    db: TenantDb,
    tenantId: string,
    version: number,
    scope: AccessScope,
    asAt: IsoDate,
  ): Promise<scopes.PeopleScope | undefined> {
    if (scope.tenant) return undefined;
    let unitIds: string[] = [];
    if (scope.unitIds.length > 0) {
      const roots = await this.#roots(db, tenantId, version, asAt);
      unitIds = uniq(scope.unitIds.flatMap((id) => unitAndDescendants(roots, id)));
    }
    return { personId: scope.personId, reportsOf: scope.reportsOf, unitIds };
  }

  /** The units a viewer reaches: remembered per scope until the council's data changes. */
  #reachableUnits(db: TenantDb, tenantId: string, version: number, scope: AccessScope, asAt: IsoDate) {
    const key = `reachable:${asAt}:${JSON.stringify([scope.personId, scope.reportsOf, scope.unitIds])}`;
    return this.#cache.getAt(version, tenantId, key, async () => {
      const people = await this.#peopleScope(db, tenantId, version, scope, asAt);
      if (!people) return [];
      const teams = await scopes.unitsOfTeam(db, people, asAt);
      const roots = await this.#roots(db, tenantId, version, asAt);
      return uniq([...people.unitIds, ...teams.flatMap((id) => unitAndDescendants(roots, id))]);
    });
  }

  #units(db: TenantDb, tenantId: string, version: number, asAt: IsoDate) {
    return this.#cache.getAt(version, tenantId, `units:${asAt}`, () => repo.unitsAsAt(db, asAt));
  }

  /** The tree of units in force on a date, built once per version (read only once built). */
  #roots(db: TenantDb, tenantId: string, version: number, asAt: IsoDate) {
    return this.#cache.getAt(version, tenantId, `roots:${asAt}`, async () =>
      buildTree(await this.#units(db, tenantId, version, asAt)),
    );
  }

  async #orgTree(db: TenantDb, asAt: IsoDate) {
    const units = await repo.unitsAsAt(db, asAt);
    const roots = buildTree(units);
    const headcounts = await repo.headcountByUnit(db, asAt, inPostContractTypes);
    const byUnit = new Map(headcounts.map((h) => [h.orgUnitId, h]));
    // Each unit's own figures, and its totals including every unit below it.
    const totals = new Map<string, { headcount: number; fte: number }>();
    const total = (node: UnitNode): { headcount: number; fte: number } => {
      const sum = {
        headcount: byUnit.get(node.orgUnitId)?.headcount ?? 0,
        fte: byUnit.get(node.orgUnitId)?.fte ?? 0,
      };
      for (const child of node.children) {
        const t = total(child);
        sum.headcount += t.headcount;
        sum.fte += t.fte;
      }
      totals.set(node.orgUnitId, sum);
      return sum;
    };
    for (const root of roots) total(root);
    return {
      asAt,
      roots,
      rows: flatten(roots).map((n) => ({
        ...n,
        headcount: byUnit.get(n.orgUnitId)?.headcount ?? 0,
        fte: byUnit.get(n.orgUnitId)?.fte ?? 0,
        totalHeadcount: totals.get(n.orgUnitId)?.headcount ?? 0,
        totalFte: round(totals.get(n.orgUnitId)?.fte ?? 0),
      })),
    };
  }

  /** Headcount and FTE in post (not agency) by team on a date. */
  async headcountByTeam(
    ctx: TenantContext,
    asAt: IsoDate,
    contract: readonly ContractType[] = inPostContractTypes,
  ) {
    return this.data.run(ctx, async (db) => {
      const rows = await repo.headcountByUnit(db, asAt, contract);
      return new Map(rows.map((r) => [r.orgUnitId, { headcount: r.headcount, fte: r.fte }]));
    });
  }

  async teamView(ctx: TenantContext, unitId: string, asAt: IsoDate = this.today()) {
    return this.data.run(ctx, (db) =>
      this.#cache.get(db, ctx.tenantId, `team:${unitId}:${asAt}`, () => this.#teamView(db, unitId, asAt)),
    );
  }

  async #teamView(db: TenantDb, unitId: string, asAt: IsoDate) {
    const chain = await repo.unitChain(db, unitId, asAt);
    const unit = chain.at(-1);
    if (!unit || unit.orgUnitId !== unitId) return null;
    const [posts, members, children] = await Promise.all([
      repo.postsInUnit(db, unitId, asAt),
      repo.assignmentsInUnit(db, unitId, asAt),
      repo.childUnits(db, unitId, asAt),
    ]);
    const postRows = posts.map((post) => {
      const holders = members.filter((m) => m.postId === post.id);
      const held = holders.filter((m) => !coverContractTypes.includes(m.contractType));
      const cover = holders.filter((m) => coverContractTypes.includes(m.contractType));
      const heldFte = sum(held.map((h) => h.fte));
      const vacancyFte = Math.max(0, round(post.fte - heldFte));
      return {
        ...post,
        holders,
        vacancyFte,
        coveredFte: Math.min(vacancyFte, sum(cover.map((c) => c.fte))),
      };
    });
    const inPost = members.filter((m) => !coverContractTypes.includes(m.contractType));
    const agency = members.filter((m) => coverContractTypes.includes(m.contractType));
    return {
      asAt,
      unit,
      ancestry: chain,
      children,
      members,
      posts: postRows,
      totals: {
        headcount: new Set(inPost.map((m) => m.personId)).size,
        fteInPost: round(sum(inPost.map((m) => m.fte))),
        agencyHeadcount: new Set(agency.map((m) => m.personId)).size,
        agencyFte: round(sum(agency.map((m) => m.fte))),
        establishmentFte: round(sum(posts.map((p) => p.fte))),
        vacancyFte: round(sum(postRows.map((p) => p.vacancyFte))),
        coveredFte: round(sum(postRows.map((p) => p.coveredFte))),
      },
    };
  }

  async listPeople(ctx: TenantContext, query: PeopleQuery) {
    return this.data.run(ctx, async (db) =>
      this.#listPeople(db, ctx.tenantId, await this.#cache.version(db), query),
    );
  }

  /** The people finder's page: a page of people and the filters' choices, in one transaction. */
  async findPeople(ctx: TenantContext, query: PeopleQuery) {
    const asAt = query.asAt ?? this.today();
    return this.data.run(ctx, async (db) => {
      const version = await this.#cache.version(db);
      const [list, choices] = await Promise.all([
        this.#listPeople(db, ctx.tenantId, version, query),
        this.#choices(db, ctx.tenantId, version, asAt),
      ]);
      return { list, choices };
    });
  }

  async #listPeople(db: TenantDb, tenantId: string, version: number, query: PeopleQuery) {
    const asAt = query.asAt ?? this.today();
    const pageSize = query.pageSize ?? 50;
    const page = Math.max(1, query.page ?? 1);
    let unitIds: string[] | undefined;
    let units: repo.UnitRow[] | undefined;
    if (query.unitId) {
      units = await this.#units(db, tenantId, version, asAt);
      unitIds = unitAndDescendants(buildTree(units), query.unitId);
    }
    const filter: repo.PeopleFilter = {
      asAt,
      scope: await this.#peopleScope(db, tenantId, version, query.scope, asAt),
      q: query.q?.trim() || undefined,
      unitIds,
      jobRoleId: query.jobRoleId,
      contractType: query.contractType,
      status: query.status ?? "current",
      kind: query.kind ?? "staff",
    };
    const [total, rows] = await Promise.all([
      this.#cache.getAt(version, tenantId, `countPeople:${JSON.stringify(filter)}`, () =>
        repo.countPeople(db, filter),
      ),
      repo.listPeople(db, filter, pageSize, (page - 1) * pageSize),
    ]);
    // Team names from the cached units on the date: no query per page.
    const names = units
      ? new Map(units.map((u) => [u.orgUnitId, u.name]))
      : await this.#cache.getAt(version, tenantId, `unitNames:${asAt}`, async () => {
          const all = await repo.unitsAsAt(db, asAt);
          return new Map(all.map((u) => [u.orgUnitId, u.name]));
        });
    return {
      asAt,
      total,
      page,
      pageSize,
      pageCount: Math.max(1, Math.ceil(total / pageSize)),
      rows: rows.map((r) => ({ ...r, unitName: r.unitId ? (names.get(r.unitId) ?? null) : null })),
    };
  }

  async profile(ctx: TenantContext, personId: string, options: { includeEquality: boolean }) {
    return this.data.run(ctx, async (db) => {
      const person = await repo.findPerson(db, personId);
      if (!person) return null;
      const [assignments, leaving, sources, equality] = await Promise.all([
        repo.personAssignments(db, personId),
        repo.personLeaving(db, personId),
        repo.personSources(db, personId),
        options.includeEquality ? repo.personEquality(db, personId) : Promise.resolve(undefined),
      ]);
      const names = await repo.unitNamesAsAt(db, uniq(assignments.map((a) => a.orgUnitId)), this.today());
      const today = this.today();
      return {
        person,
        leaving: leaving ?? null,
        sources,
        equality: equality ?? null,
        readOnlyFields: sources.some((s) => s.source === HR_SOURCE) ? [...hrOwnedFields] : [],
        assignments: assignments.map((a) => ({
          ...a,
          unitName: names.get(a.orgUnitId) ?? null,
          current: a.validFrom <= today && (a.validTo === null || a.validTo >= today),
        })),
      };
    });
  }

  /** Teams (tree order, with depth) and job roles for filters and selects; cached until data changes. */
  async choices(ctx: TenantContext, asAt: IsoDate) {
    return this.data.run(ctx, async (db) =>
      this.#choices(db, ctx.tenantId, await this.#cache.version(db), asAt),
    );
  }

  #choices(db: TenantDb, tenantId: string, version: number, asAt: IsoDate) {
    return this.#cache.getAt(version, tenantId, `choices:${asAt}`, async () => {
      const [units, jobRoles] = await Promise.all([repo.unitsAsAt(db, asAt), repo.jobRoles(db)]);
      return {
        units: flatten(buildTree(units)).map((u) => ({
          orgUnitId: u.orgUnitId,
          parentId: u.parentId,
          hasChildren: u.children.length > 0,
          name: u.name,
          unitType: u.unitType,
          depth: u.depth,
        })),
        jobRoles: jobRoles.map((r) => ({ id: r.id, name: r.name })),
      };
    });
  }

  async lookups(ctx: TenantContext) {
    const today = this.today();
    return this.data.run(ctx, (db) =>
      this.#cache.get(db, ctx.tenantId, `lookups:${today}`, async () => {
        const [jobRoles, careerLevels, units] = await Promise.all([
          repo.jobRoles(db),
          repo.careerLevels(db),
          repo.unitsAsAt(db, today),
        ]);
        return { jobRoles, careerLevels, units: flatten(buildTree(units)) };
      }),
    );
  }

  async createPerson(ctx: TenantContext, person: PersonInput, assignment?: AssignmentInput): Promise<string> {
    return this.data.run(ctx, async (db) => {
      await this.#checkUnique(db, null, person);
      const row = await db
        .insertInto("people")
        .values({ ...person, updated_at: this.clock.now() })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (assignment) await this.addAssignment(db, row.id, assignment);
      return row.id;
    });
  }

  /** Changes a person's details. Fields the HR feed owns cannot be changed here for people it knows. */
  async updatePerson(ctx: TenantContext, personId: string, changes: Partial<PersonInput>): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const person = await repo.findPerson(db, personId);
      if (!person) throw new RuleError("person", "Person not found");
      const sources = await repo.personSources(db, personId);
      if (sources.some((s) => s.source === HR_SOURCE)) {
        for (const field of hrOwnedFields) {
          if (field in changes && changes[field] !== person[field]) {
            throw new RuleError(field, "This comes from the HR system: change it there");
          }
        }
      }
      await this.#checkUnique(db, personId, { ...person, ...changes });
      await db
        .updateTable("people")
        .set({ ...changes, updated_at: this.clock.now() })
        .where("id", "=", personId)
        .execute();
    });
  }

  /** Adds an assignment inside a caller's transaction (feeds and the generator use it too). */
  async addAssignment(db: TenantDb, personId: string, a: AssignmentInput): Promise<string> {
    if (a.valid_to && a.valid_to < a.valid_from)
      throw new RuleError("valid_to", "End date must be after the start date");
    if (a.post_id) {
      const post = await db
        .selectFrom("posts")
        .select(["org_unit_id"])
        .where("id", "=", a.post_id)
        .executeTakeFirst();
      if (!post) throw new RuleError("post_id", "Select a post that exists");
      if (post.org_unit_id !== a.org_unit_id)
        throw new RuleError("post_id", "The post must be in the same team");
    }
    const row = await db
      .insertInto("assignments")
      .values({ ...a, person_id: personId })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Records that someone left: their open assignments end on the leaving date. */
  async recordLeaver(ctx: TenantContext, personId: string, leaving: LeavingInput): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const person = await repo.findPerson(db, personId);
      if (!person) throw new RuleError("person", "Person not found");
      const existing = await repo.personLeaving(db, personId);
      const assignments = await repo.personAssignments(db, personId);
      if (existing && assignments.every((a) => a.validTo !== null && a.validTo <= existing.left_on)) {
        throw new RuleError("left_on", `${person.given_name} ${person.family_name} has already left`);
      }
      const latestStart = assignments.reduce<IsoDate | null>(
        (m, a) => (m === null || a.validFrom > m ? a.validFrom : m),
        null,
      );
      if (latestStart && leaving.left_on < latestStart) {
        throw new RuleError(
          "left_on",
          "Leaving date must be on or after the start of their latest assignment",
        );
      }
      await db
        .insertInto("leavings")
        .values({
          person_id: personId,
          left_on: leaving.left_on,
          reason_code: leaving.reason_code,
          destination_code: leaving.destination_code ?? null,
          exit_themes: leaving.exit_themes ?? [],
          exit_notes: leaving.exit_notes ?? null,
        })
        .execute();
      await db
        .updateTable("assignments")
        .set({ valid_to: leaving.left_on })
        .where("person_id", "=", personId)
        .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", leaving.left_on)]))
        .execute();
    });
  }

  /** A restructure: from a date, the unit sits under a new parent. History before it is kept. */
  async moveUnit(
    ctx: TenantContext,
    unitId: string,
    newParentId: string | null,
    from: IsoDate,
  ): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const units = await repo.unitsAsAt(db, from);
      const unit = units.find((u) => u.orgUnitId === unitId);
      if (!unit) throw new RuleError("unit", "The team does not exist on that date");
      if (newParentId) {
        if (!units.some((u) => u.orgUnitId === newParentId)) {
          throw new RuleError("parent_id", "Select where the team moves to");
        }
        if (unitAndDescendants(buildTree(units), unitId).includes(newParentId)) {
          throw new RuleError("parent_id", "A team cannot move under itself or a team below it");
        }
      }
      await this.#newVersion(db, unit, from, { parent_id: newParentId });
    });
  }

  /** Renames a unit or changes its manager from a date. */
  async changeUnit(
    ctx: TenantContext,
    unitId: string,
    from: IsoDate,
    changes: { name?: string; manager_person_id?: string | null },
  ): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const unit = (await repo.unitsAsAt(db, from)).find((u) => u.orgUnitId === unitId);
      if (!unit) throw new RuleError("unit", "The team does not exist on that date");
      await this.#newVersion(db, unit, from, changes);
    });
  }

  async createUnit(
    ctx: TenantContext,
    unit: {
      code: string;
      name: string;
      unit_type: repo.UnitRow["unitType"];
      parent_id: string | null;
      manager_person_id?: string | null;
      valid_from: IsoDate;
    },
  ): Promise<string> {
    return this.data.run(ctx, (db) => this.createUnitIn(db, unit));
  }

  async createUnitIn(
    db: TenantDb,
    unit: {
      code: string;
      name: string;
      unit_type: string;
      parent_id: string | null;
      manager_person_id?: string | null;
      valid_from: IsoDate;
    },
  ): Promise<string> {
    const row = await db
      .insertInto("org_units")
      .values({ code: unit.code })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("org_unit_versions")
      .values({
        org_unit_id: row.id,
        name: unit.name,
        unit_type: unit.unit_type as never,
        parent_id: unit.parent_id,
        manager_person_id: unit.manager_person_id ?? null,
        valid_from: unit.valid_from,
      })
      .execute();
    return row.id;
  }

  /** Moves people to another team from a date: each open assignment ends the day before and a copy starts. */
  async movePeople(
    ctx: TenantContext,
    personIds: string[],
    toUnitId: string,
    from: IsoDate,
  ): Promise<number> {
    return this.data.run(ctx, async (db) => {
      const target = (await repo.unitsAsAt(db, from)).find((u) => u.orgUnitId === toUnitId);
      if (!target) throw new RuleError("org_unit_id", "Select a team that exists on that date");
      const open = await db
        .selectFrom("assignments")
        .selectAll()
        .where("person_id", "in", personIds.length ? personIds : [null as never])
        .where("valid_from", "<=", from)
        .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", from)]))
        .execute();
      let moved = 0;
      for (const a of open) {
        if (a.org_unit_id === toUnitId) continue;
        if (a.valid_from === from) {
          await db
            .updateTable("assignments")
            .set({ org_unit_id: toUnitId, post_id: null })
            .where("id", "=", a.id)
            .execute();
        } else {
          await db
            .updateTable("assignments")
            .set({ valid_to: addDays(from, -1) })
            .where("id", "=", a.id)
            .execute();
          await db
            .insertInto("assignments")
            .values({
              person_id: a.person_id,
              org_unit_id: toUnitId,
              post_id: null,
              job_role_id: a.job_role_id,
              career_level: a.career_level,
              contract_type: a.contract_type,
              fte: a.fte,
              line_manager_person_id: a.line_manager_person_id,
              valid_from: from,
              valid_to: a.valid_to,
            })
            .execute();
        }
        moved += 1;
      }
      return moved;
    });
  }

  /**
   * Features holding what a person wrote (a CPD log, evaluation comments) add what they remove on
   * anonymisation; it runs in the same transaction, before the person's details go.
   */
  addAnonymiser(anonymiser: Anonymiser): void {
    this.#anonymisers.push(anonymiser);
  }

  /**
   * Removes what identifies a person who left long ago, keeping the aggregate history: their
   * assignments (team, role, contract, FTE, dates), leaving reason and the equality fields used in
   * past profiles stay; names, contact details, identifiers, date of birth and notes go, with what features registered
   * with `addAnonymiser` remove.
   */
  async anonymise(db: TenantDb, personId: string): Promise<void> {
    for (const anonymiser of this.#anonymisers) await anonymiser(db, personId);
    await db
      .updateTable("people")
      .set({
        given_name: "Former",
        family_name: "member of staff",
        preferred_name: null,
        email: null,
        phone: null,
        employee_number: null,
        swe_number: null,
        swe_status: null,
        anonymised_on: this.today(),
        updated_at: this.clock.now(),
      })
      .where("id", "=", personId)
      .execute();
    await db
      .updateTable("person_equality")
      .set({ date_of_birth: null })
      .where("person_id", "=", personId)
      .execute();
    await db.updateTable("leavings").set({ exit_notes: null }).where("person_id", "=", personId).execute();
    await db.deleteFrom("person_source_ids").where("person_id", "=", personId).execute();
  }

  /** Leavers who left on or before the date and are not yet anonymised. */
  async leftOnOrBefore(ctx: TenantContext, date: IsoDate) {
    return this.data.run(ctx, (db) =>
      db
        .selectFrom("leavings")
        .innerJoin("people", "people.id", "leavings.person_id")
        .select([
          "people.id",
          "people.given_name as givenName",
          "people.family_name as familyName",
          "leavings.left_on as leftOn",
        ])
        .where("leavings.left_on", "<=", date)
        .where("people.anonymised_on", "is", null)
        .orderBy("leavings.left_on")
        .execute(),
    );
  }

  async #newVersion(
    db: TenantDb,
    unit: repo.UnitRow,
    from: IsoDate,
    changes: { parent_id?: string | null; name?: string; manager_person_id?: string | null },
  ): Promise<void> {
    if (unit.validFrom === from) {
      await db.updateTable("org_unit_versions").set(changes).where("id", "=", unit.versionId).execute();
      return;
    }
    await db
      .updateTable("org_unit_versions")
      .set({ valid_to: addDays(from, -1) })
      .where("id", "=", unit.versionId)
      .execute();
    await db
      .insertInto("org_unit_versions")
      .values({
        org_unit_id: unit.orgUnitId,
        name: changes.name ?? unit.name,
        unit_type: unit.unitType as never,
        parent_id: changes.parent_id !== undefined ? changes.parent_id : unit.parentId,
        manager_person_id:
          changes.manager_person_id !== undefined ? changes.manager_person_id : unit.managerPersonId,
        valid_from: from,
        valid_to: unit.validTo,
      })
      .execute();
  }

  async #checkUnique(db: TenantDb, personId: string | null, p: Partial<PersonInput>): Promise<void> {
    for (const [field, label] of [
      ["swe_number", "Social Work England number"],
      ["employee_number", "Employee number"],
    ] as const) {
      const value = p[field];
      if (!value) continue;
      const clash = await db
        .selectFrom("people")
        .select(["id", "given_name", "family_name"])
        .where(field, "=", value)
        .where("id", "!=", personId ?? "00000000-0000-0000-0000-000000000000")
        .executeTakeFirst();
      if (clash)
        throw new RuleError(
          field,
          `${label} ${value} is already recorded for ${clash.given_name} ${clash.family_name}`,
        );
    }
  }

  /**
   * The equality profile on a date: staff with an assignment in force, in the viewer's scope,
   * counted by service (the units directly below the top of the organisation) and one equality
   * characteristic. Raw counts, for the page to suppress. `services` lists each service with
   * whether the viewer's scope covers it; a top unit is listed too (`top`), for people placed on it
   * directly.
   */
  async equalityProfile(
    ctx: TenantContext,
    scope: AccessScope,
    asAt: IsoDate,
    characteristic: equality.EqualityCharacteristic,
  ) {
    return this.data.run(ctx, async (db) => {
      const version = await this.#cache.version(db);
      const people = await this.#peopleScope(db, ctx.tenantId, version, scope, asAt);
      const roots = buildTree(await this.#units(db, ctx.tenantId, version, asAt));
      const reached = new Set(people?.unitIds ?? []);
      const services = roots.flatMap((root) => [
        { node: root, unitIds: [root.orgUnitId], top: true },
        ...root.children.map((node) => ({
          node,
          unitIds: flatten([node]).map((n) => n.orgUnitId),
          top: false,
        })),
      ]);
      const counts = await equality.equalityCounts(db, {
        asAt,
        characteristic,
        services: services.map((s) => ({ serviceId: s.node.orgUnitId, unitIds: s.unitIds })),
        scope: people,
      });
      return {
        services: services.map((s) => ({
          id: s.node.orgUnitId,
          name: s.node.name,
          top: s.top,
          inScope: scope.tenant || s.unitIds.some((id) => reached.has(id)),
        })),
        counts,
      };
    });
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function uniq<T>(values: (T | null)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== null))];
}
