/** Queries on the precomputed table (learning_compliance) and the person's learning pages. */
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { AccessScope } from "../../../platform/auth/principal.js";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { householdInScope, personInScope } from "../../people/scope.repository.js";
import "../schema.js";
import type { ComputedStatus } from "./engine.js";

/** Statuses that count as compliant in the team percentages (see README.md). */
export const compliantStatuses = ["complete", "due_soon", "not_yet_due", "exempt", "paused"] as const;

/**
 * A condition on `learning_compliance lc`: the row's person is in the viewer's scope. `unitIds`
 * are the scope's units with every unit below them. Staff count by the team they are placed in
 * on the table's date; foster carers by their supervising social worker.
 */
export function rowInScope(scope: AccessScope, unitIds: string[], date: IsoDate): RawBuilder<SqlBool> {
  if (scope.tenant) return sql<SqlBool>`true`;
  const any: RawBuilder<unknown>[] = [];
  if (unitIds.length > 0) any.push(sql`lc.org_unit_id in (${sql.join(unitIds)})`);
  if (scope.personId) any.push(sql`lc.person_id = ${scope.personId}`);
  if (scope.reportsOf) {
    const reports = { personId: null, reportsOf: scope.reportsOf, unitIds: [] };
    any.push(sql`lc.person_id in (select people.id from people where ${personInScope(reports, date)})`);
  }
  const people = { personId: scope.personId, reportsOf: scope.reportsOf, unitIds };
  any.push(sql`(lc.org_unit_id is null and lc.person_id in (select people.id from people
    where people.foster_household_id is not null and ${householdInScope("people.foster_household_id", people, date)}))`);
  return sql<SqlBool>`(${sql.join(any, sql` or `)})`;
}

export async function writeStatuses(db: TenantDb, asAt: IsoDate, statuses: ComputedStatus[]): Promise<void> {
  for (let i = 0; i < statuses.length; i += 1000) {
    await db
      .insertInto("learning_compliance")
      .values(
        statuses.slice(i, i + 1000).map((s) => ({
          person_id: s.personId,
          requirement_id: s.requirementId,
          as_at: asAt,
          org_unit_id: s.orgUnitId,
          status: s.status,
          due_on: s.dueOn,
          expires_on: s.expiresOn,
          grace_ends_on: s.graceEndsOn,
          met_on: s.metOn,
          met_course_id: s.metCourseId,
        })),
      )
      .execute();
  }
}

export async function tableDate(db: TenantDb): Promise<IsoDate | null> {
  const row = await db.selectFrom("learning_compliance").select("as_at").limit(1).executeTakeFirst();
  return row ? String(row.as_at).slice(0, 10) : null;
}

/**
 * How much is waiting to be recomputed: people marked stale (counted up to `limit` + 1, so a
 * large backlog costs a page little), and whether a rule changed.
 */
export async function staleSummary(db: TenantDb, limit: number) {
  const result = await sql<{ people: number; everyone: boolean }>`select
      (select count(*)::int from (select distinct person_id from learning_compliance_stale
        where person_id is not null limit ${limit + 1}) x) as people,
      exists (select 1 from learning_compliance_stale where person_id is null) as everyone`.execute(db);
  const row = result.rows[0];
  return { people: Number(row?.people ?? 0), everyone: Boolean(row?.everyone) };
}

export async function personStatuses(db: TenantDb, personId: string) {
  return db
    .selectFrom("learning_compliance as lc")
    .innerJoin("learning_requirements as r", "r.id", "lc.requirement_id")
    .select([
      "lc.requirement_id as requirementId",
      "r.code",
      "r.title",
      "lc.as_at as asAt",
      "lc.status",
      "lc.due_on as dueOn",
      "lc.expires_on as expiresOn",
      "lc.grace_ends_on as graceEndsOn",
      "lc.met_on as metOn",
      "lc.met_course_id as metCourseId",
    ])
    .where("lc.person_id", "=", personId)
    .orderBy("r.code")
    .execute();
}

/** Courses of the versions in force on a date, by requirement (for "what to book next"). */
export async function coursesInForce(db: TenantDb, requirementIds: string[], date: IsoDate) {
  if (requirementIds.length === 0) return new Map<string, string[]>();
  const rows = await db
    .selectFrom("learning_requirement_versions")
    .select(["requirement_id", "course_ids"])
    .where("requirement_id", "in", requirementIds)
    .where("valid_from", "<=", date)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", date)]))
    .execute();
  return new Map(rows.map((r) => [r.requirement_id, r.course_ids]));
}

export async function courseTitles(db: TenantDb, courseIds: string[]) {
  if (courseIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("learning_courses")
    .select(["id", "title"])
    .where("id", "in", [...new Set(courseIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

export async function requirementNames(db: TenantDb) {
  return db.selectFrom("learning_requirements").select(["id", "code", "title"]).orderBy("code").execute();
}

export async function personHeader(db: TenantDb, personId: string) {
  return db
    .selectFrom("people")
    .select(["id", "given_name", "family_name", "preferred_name", "kind", "anonymised_on"])
    .where("id", "=", personId)
    .executeTakeFirst();
}

export async function learningRecords(db: TenantDb, personId: string) {
  return db
    .selectFrom("learning_records as lr")
    .leftJoin("learning_courses as c", "c.id", "lr.course_id")
    .select([
      "lr.id",
      "lr.course_id as courseId",
      "lr.title",
      "c.title as courseTitle",
      "lr.completed_on as completedOn",
      "lr.source",
      "lr.hours",
      "lr.provider",
      "lr.verification",
      "lr.expires_on as expiresOn",
    ])
    .where("lr.person_id", "=", personId)
    .orderBy("lr.completed_on", "desc")
    .orderBy("lr.created_at", "desc")
    .execute();
}

export async function bookings(db: TenantDb, personId: string) {
  return db
    .selectFrom("learning_bookings as b")
    .innerJoin("learning_sessions as s", "s.id", "b.session_id")
    .innerJoin("learning_courses as c", "c.id", "s.course_id")
    .select([
      "b.id",
      "b.status",
      "b.outcome",
      "c.id as courseId",
      "c.title as courseTitle",
      sql<Date | null>`(select min(p.starts_at) from learning_session_parts p where p.session_id = s.id)`.as(
        "startsAt",
      ),
    ])
    .where("b.person_id", "=", personId)
    .orderBy("b.created_at", "desc")
    .limit(200)
    .execute();
}

/** Counts by team, requirement and compliant or not, for the units given (null: everyone). */
export async function teamCounts(db: TenantDb, unitIds: string[] | null, inScope: RawBuilder<SqlBool>) {
  const result = await sql<{
    orgUnitId: string | null;
    requirementId: string;
    compliant: number;
    total: number;
  }>`select lc.org_unit_id as "orgUnitId", lc.requirement_id as "requirementId",
      count(*) filter (where lc.status in (${sql.join([...compliantStatuses])}))::int as compliant,
      count(*)::int as total
    from learning_compliance lc
    where lc.org_unit_id is not null
      and ${unitIds === null ? sql`true` : unitIds.length === 0 ? sql`false` : sql`lc.org_unit_id in (${sql.join(unitIds)})`}
      and ${inScope}
    group by lc.org_unit_id, lc.requirement_id`.execute(db);
  return result.rows;
}

/** Counts by requirement for people with no team: foster carers and partner learners. */
export async function carerCounts(db: TenantDb, inScope: RawBuilder<SqlBool>) {
  return teamCountsWhere(db, sql`lc.org_unit_id is null`, inScope);
}

async function teamCountsWhere(db: TenantDb, where: RawBuilder<unknown>, inScope: RawBuilder<SqlBool>) {
  const result = await sql<{ requirementId: string; compliant: number; total: number }>`
    select lc.requirement_id as "requirementId",
      count(*) filter (where lc.status in (${sql.join([...compliantStatuses])}))::int as compliant,
      count(*)::int as total
    from learning_compliance lc where ${where} and ${inScope}
    group by lc.requirement_id`.execute(db);
  return result.rows;
}

/** The people in the units (in scope) with statuses, a page at a time, by name. */
export async function matrixPage(
  db: TenantDb,
  unitIds: string[],
  inScope: RawBuilder<SqlBool>,
  limit: number,
  offset: number,
) {
  if (unitIds.length === 0) return { total: 0, people: [], cells: [] };
  const inUnits = sql<SqlBool>`lc.org_unit_id in (${sql.join(unitIds)})`;
  const people = sql<{ personId: string }>`
    select distinct lc.person_id as "personId" from learning_compliance lc where ${inUnits} and ${inScope}`;
  const [count, page] = await Promise.all([
    sql<{ n: number }>`select count(*)::int as n from (${people}) x`.execute(db),
    sql<{ personId: string; name: string; orgUnitId: string | null }>`
      select p.id as "personId", p.family_name || ', ' || coalesce(p.preferred_name, p.given_name) as name,
        (select lc.org_unit_id from learning_compliance lc where lc.person_id = p.id limit 1) as "orgUnitId"
      from people p where p.id in (${people})
      order by p.family_name, p.given_name, p.id limit ${limit} offset ${offset}`.execute(db),
  ]);
  const ids = page.rows.map((r) => r.personId);
  const cells =
    ids.length === 0
      ? []
      : await db
          .selectFrom("learning_compliance")
          .select(["person_id", "requirement_id", "status", "due_on", "grace_ends_on", "as_at"])
          .where("person_id", "in", ids)
          .execute();
  return { total: count.rows[0]?.n ?? 0, people: page.rows, cells };
}

/** Every row in scope, by person, for the full export. */
export async function exportPeople(db: TenantDb, inScope: RawBuilder<SqlBool>) {
  const result = await sql<{
    personId: string;
    name: string;
    employeeNumber: string | null;
    kind: string;
    orgUnitId: string | null;
  }>`select p.id as "personId", p.family_name || ', ' || coalesce(p.preferred_name, p.given_name) as name,
      p.employee_number as "employeeNumber", p.kind, x.org_unit_id as "orgUnitId"
    from (select distinct lc.person_id, lc.org_unit_id from learning_compliance lc where ${inScope}) x
    join people p on p.id = x.person_id
    order by p.family_name, p.given_name, p.id`.execute(db);
  return result.rows;
}

export async function statusesOf(db: TenantDb, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom("learning_compliance")
    .select(["person_id", "requirement_id", "status", "due_on", "expires_on", "grace_ends_on", "met_on"])
    .where("person_id", "in", personIds)
    .execute();
}
