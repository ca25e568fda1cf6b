import { type ExpressionBuilder, sql } from "kysely";
import type { IsoDate } from "../../platform/dates.js";
import type { Database } from "../../platform/db/schema.js";
import type { TenantDb } from "../../platform/tenancy/data-access.js";
import type { ContractType, PersonKind } from "./reference/domain.js";
import "./schema.js";
import { type PeopleScope, personInScope } from "./scope.repository.js";

/** Rows whose period [valid_from, valid_to] contains the date. */
function activeOn<T extends "org_unit_versions" | "posts" | "assignments">(table: T, date: IsoDate) {
  return (eb: ExpressionBuilder<Database, T>) =>
    eb.and([
      eb(sql.ref(`${table}.valid_from`), "<=", date),
      eb.or([eb(sql.ref(`${table}.valid_to`), "is", null), eb(sql.ref(`${table}.valid_to`), ">=", date)]),
    ]);
}

export interface UnitRow {
  orgUnitId: string;
  code: string;
  name: string;
  unitType: string;
  parentId: string | null;
  managerPersonId: string | null;
  managerName: string | null;
  versionId: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

/** Units in force on a date, as UnitRows (manager's name looked up per unit by primary key). */
function unitRowsOn(db: TenantDb, date: IsoDate) {
  return db
    .selectFrom("org_unit_versions")
    .innerJoin("org_units", "org_units.id", "org_unit_versions.org_unit_id")
    .select([
      "org_unit_versions.org_unit_id as orgUnitId",
      "org_units.code as code",
      "org_unit_versions.name as name",
      "org_unit_versions.unit_type as unitType",
      "org_unit_versions.parent_id as parentId",
      "org_unit_versions.manager_person_id as managerPersonId",
      // A lookup per unit by primary key: joining people made PostgreSQL scan every person.
      sql<string | null>`(select m.given_name || ' ' || m.family_name from people m
        where m.id = org_unit_versions.manager_person_id)`.as("managerName"),
      "org_unit_versions.id as versionId",
      "org_unit_versions.valid_from as validFrom",
      "org_unit_versions.valid_to as validTo",
    ])
    .where(activeOn("org_unit_versions", date))
    .orderBy("org_unit_versions.name");
}

export async function unitsAsAt(db: TenantDb, date: IsoDate): Promise<UnitRow[]> {
  return unitRowsOn(db, date).execute();
}

/** A unit and the units above it on a date, top first: one query instead of loading every unit. */
export async function unitChain(db: TenantDb, orgUnitId: string, date: IsoDate): Promise<UnitRow[]> {
  const result = await sql<UnitRow & { depth: number }>`
    with recursive chain as (
      select v.*, 0 as depth from org_unit_versions v
      where v.org_unit_id = ${orgUnitId} and v.valid_from <= ${date} and (v.valid_to is null or v.valid_to >= ${date})
      union all
      select p.*, c.depth + 1 from org_unit_versions p join chain c on p.org_unit_id = c.parent_id
      where p.valid_from <= ${date} and (p.valid_to is null or p.valid_to >= ${date}) and c.depth < 30
    )
    select chain.org_unit_id as "orgUnitId", u.code, chain.name, chain.unit_type as "unitType",
      chain.parent_id as "parentId", chain.manager_person_id as "managerPersonId",
      (select m.given_name || ' ' || m.family_name from people m where m.id = chain.manager_person_id) as "managerName",
      chain.id as "versionId", chain.valid_from as "validFrom", chain.valid_to as "validTo", chain.depth
    from chain join org_units u on u.id = chain.org_unit_id
    order by chain.depth desc`.execute(db);
  return result.rows.map(({ depth: _depth, ...row }) => row);
}

/** The units directly below a unit on a date. */
export async function childUnits(db: TenantDb, orgUnitId: string, date: IsoDate): Promise<UnitRow[]> {
  return unitRowsOn(db, date).where("org_unit_versions.parent_id", "=", orgUnitId).execute();
}

export async function unitVersions(db: TenantDb, orgUnitId: string) {
  return db
    .selectFrom("org_unit_versions")
    .selectAll()
    .where("org_unit_id", "=", orgUnitId)
    .orderBy("valid_from")
    .execute();
}

export interface HeadcountRow {
  orgUnitId: string;
  headcount: number;
  fte: number;
}

/** Headcount (distinct people) and FTE of assignments held on the date, by team, by contract types. */
export async function headcountByUnit(
  db: TenantDb,
  date: IsoDate,
  contractTypes: readonly ContractType[],
): Promise<HeadcountRow[]> {
  return db
    .selectFrom("assignments")
    .select([
      "assignments.org_unit_id as orgUnitId",
      sql<number>`count(distinct assignments.person_id)::int`.as("headcount"),
      sql<number>`coalesce(sum(assignments.fte), 0)::float8`.as("fte"),
    ])
    .where(activeOn("assignments", date))
    .where("assignments.contract_type", "in", contractTypes)
    .groupBy("assignments.org_unit_id")
    .execute();
}

export async function postsInUnit(db: TenantDb, orgUnitId: string, date: IsoDate) {
  return db
    .selectFrom("posts")
    .innerJoin("job_roles", "job_roles.id", "posts.job_role_id")
    .select([
      "posts.id",
      "posts.reference",
      "posts.grade",
      "posts.fte",
      "posts.social_work_qualified as socialWorkQualified",
      "job_roles.name as jobRole",
    ])
    .where("posts.org_unit_id", "=", orgUnitId)
    .where(activeOn("posts", date))
    .orderBy("job_roles.sort_order")
    .orderBy("posts.reference")
    .execute();
}

export async function assignmentsInUnit(db: TenantDb, orgUnitId: string, date: IsoDate) {
  return db
    .selectFrom("assignments")
    .innerJoin("people", "people.id", "assignments.person_id")
    .innerJoin("job_roles", "job_roles.id", "assignments.job_role_id")
    .select([
      "assignments.id",
      "assignments.person_id as personId",
      "assignments.post_id as postId",
      "assignments.contract_type as contractType",
      "assignments.career_level as careerLevel",
      "assignments.fte",
      "assignments.valid_from as validFrom",
      "people.given_name as givenName",
      "people.family_name as familyName",
      "job_roles.name as jobRole",
    ])
    .where("assignments.org_unit_id", "=", orgUnitId)
    .where(activeOn("assignments", date))
    .orderBy("job_roles.sort_order")
    .orderBy("people.family_name")
    .orderBy("people.given_name")
    .execute();
}

export interface PeopleFilter {
  asAt: IsoDate;
  /** Undefined: the whole council. */
  scope: PeopleScope | undefined;
  q?: string | undefined;
  unitIds?: string[] | undefined;
  jobRoleId?: string | undefined;
  contractType?: ContractType | undefined;
  status: "current" | "left" | "all";
  kind: PersonKind;
}

export interface PersonListRow {
  id: string;
  givenName: string;
  familyName: string;
  email: string | null;
  sweNumber: string | null;
  unitId: string | null;
  jobRole: string | null;
  contractType: ContractType | null;
  fte: number | null;
  leftOn: IsoDate | null;
}

function filteredPeople(db: TenantDb, f: PeopleFilter) {
  let query = db.selectFrom("people").where("people.kind", "=", f.kind);
  if (f.scope) query = query.where(personInScope(f.scope, f.asAt));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`people.given_name || ' ' || people.family_name`, "ilike", like),
        eb("people.preferred_name", "ilike", like),
        eb("people.email", "ilike", like),
        eb("people.employee_number", "=", f.q ?? ""),
        eb("people.swe_number", "=", (f.q ?? "").toUpperCase()),
      ]),
    );
  }
  const needsAssignment =
    f.unitIds !== undefined || f.jobRoleId !== undefined || f.contractType !== undefined;
  if (f.status === "current" || needsAssignment) {
    query = query.where((eb) => {
      let sub = eb
        .selectFrom("assignments")
        .select(sql.lit(1).as("one"))
        .whereRef("assignments.person_id", "=", "people.id")
        .where(activeOn("assignments", f.asAt));
      if (f.unitIds)
        sub = sub.where("assignments.org_unit_id", "in", f.unitIds.length ? f.unitIds : [null as never]);
      if (f.jobRoleId) sub = sub.where("assignments.job_role_id", "=", f.jobRoleId);
      if (f.contractType) sub = sub.where("assignments.contract_type", "=", f.contractType);
      return eb.exists(sub);
    });
  }
  if (f.status === "left") {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("leavings")
          .select(sql.lit(1).as("one"))
          .whereRef("leavings.person_id", "=", "people.id")
          .where("leavings.left_on", "<=", f.asAt),
      ),
    );
  }
  return query;
}

export async function countPeople(db: TenantDb, f: PeopleFilter): Promise<number> {
  const row = await filteredPeople(db, f)
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function listPeople(
  db: TenantDb,
  f: PeopleFilter,
  limit: number,
  offset: number,
): Promise<PersonListRow[]> {
  // The page of people first (sorted on the name index), then each one's current assignment:
  // looking up assignments for every match before taking 50 was most of the page's time.
  const page = filteredPeople(db, f)
    .select(["people.id", "people.given_name", "people.family_name", "people.email", "people.swe_number"])
    .orderBy("people.family_name")
    .orderBy("people.given_name")
    .orderBy("people.id")
    .limit(limit)
    .offset(offset)
    .as("p");
  return db
    .selectFrom(page)
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("assignments")
          .innerJoin("job_roles", "job_roles.id", "assignments.job_role_id")
          .select([
            "assignments.org_unit_id",
            "assignments.contract_type",
            "assignments.fte",
            "job_roles.name as job_role",
          ])
          .whereRef("assignments.person_id", "=", "p.id")
          .where(activeOn("assignments", f.asAt))
          .orderBy("assignments.fte", "desc")
          .orderBy("assignments.valid_from")
          .limit(1)
          .as("cur"),
      (join) => join.onTrue(),
    )
    .leftJoin("leavings", "leavings.person_id", "p.id")
    .select([
      "p.id",
      "p.given_name as givenName",
      "p.family_name as familyName",
      "p.email",
      "p.swe_number as sweNumber",
      "cur.org_unit_id as unitId",
      "cur.job_role as jobRole",
      "cur.contract_type as contractType",
      "cur.fte",
      "leavings.left_on as leftOn",
    ])
    .orderBy("p.family_name")
    .orderBy("p.given_name")
    .orderBy("p.id")
    .execute();
}

export async function findPerson(db: TenantDb, personId: string) {
  return db.selectFrom("people").selectAll().where("id", "=", personId).executeTakeFirst();
}

export async function personAssignments(db: TenantDb, personId: string) {
  return db
    .selectFrom("assignments")
    .innerJoin("job_roles", "job_roles.id", "assignments.job_role_id")
    .leftJoin("posts", "posts.id", "assignments.post_id")
    .leftJoin("people as manager", "manager.id", "assignments.line_manager_person_id")
    .select([
      "assignments.id",
      "assignments.org_unit_id as orgUnitId",
      "assignments.post_id as postId",
      "posts.reference as postReference",
      "job_roles.name as jobRole",
      "assignments.job_role_id as jobRoleId",
      "assignments.career_level as careerLevel",
      "assignments.contract_type as contractType",
      "assignments.fte",
      "assignments.line_manager_person_id as lineManagerId",
      sql<string | null>`manager.given_name || ' ' || manager.family_name`.as("lineManagerName"),
      "assignments.valid_from as validFrom",
      "assignments.valid_to as validTo",
    ])
    .where("assignments.person_id", "=", personId)
    .orderBy("assignments.valid_from", "desc")
    .execute();
}

export async function personLeaving(db: TenantDb, personId: string) {
  return db
    .selectFrom("leavings")
    .selectAll()
    .where("person_id", "=", personId)
    .orderBy("left_on", "desc")
    .executeTakeFirst();
}

export async function personSources(db: TenantDb, personId: string) {
  return db
    .selectFrom("person_source_ids")
    .select(["source", "external_id as externalId"])
    .where("person_id", "=", personId)
    .orderBy("source")
    .execute();
}

export async function personEquality(db: TenantDb, personId: string) {
  return db.selectFrom("person_equality").selectAll().where("person_id", "=", personId).executeTakeFirst();
}

export async function jobRoles(db: TenantDb) {
  return db.selectFrom("job_roles").selectAll().orderBy("sort_order").orderBy("name").execute();
}

export async function careerLevels(db: TenantDb) {
  return db.selectFrom("career_levels").selectAll().orderBy("sort_order").execute();
}

export async function unitNamesAsAt(
  db: TenantDb,
  unitIds: string[],
  date: IsoDate,
): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("org_unit_versions")
    .select(["org_unit_id", "name"])
    .where("org_unit_id", "in", unitIds)
    .where("valid_from", "<=", date)
    .orderBy("valid_from")
    .execute();
  return new Map(rows.map((r) => [r.org_unit_id, r.name]));
}
