/** Queries of the learning needs analysis: set-based, one query per table of figures. */
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { type PeopleScope, personInScope } from "../../people/scope.repository.js";
import "../schema.js";
import { planYearStart } from "./reference.js";
import type { NeedPriority, NeedStatus, StoredNeedSource } from "./schema.js";

export { peopleScope } from "../../people/people-scope.js";

/**
 * A condition on `people`: in scope today, not anonymised and not a leaver (left before today):
 * the analysis plans for the people who are here.
 */
function current(scope: PeopleScope | undefined, today: IsoDate): RawBuilder<SqlBool> {
  const inScope = scope ? personInScope(scope, today) : sql<SqlBool>`true`;
  return sql<SqlBool>`(people.anonymised_on is null
    and not exists (select 1 from leavings lv where lv.person_id = people.id and lv.left_on < ${today})
    and ${inScope})`;
}

/** A condition on a person id column: that person is current and in scope (an index lookup). */
function isCurrent(ref: string, scope: PeopleScope | undefined, today: IsoDate): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from people where people.id = ${sql.ref(ref)} and ${current(scope, today)})`;
}

const londonInstant = (date: IsoDate) => sql`(${date}::timestamp at time zone 'Europe/London')`;
const rank = sql`case n.priority when 'essential' then 1 when 'important' then 2 else 3 end`;

/**
 * Registered interest counted in a plan year: registered in the twelve months before the year
 * starts or during it, and the course not completed since.
 */
function interestIn(year: number): RawBuilder<unknown> {
  return sql`select i.person_id, i.course_id, 3 as rank from learning_interest i
    where i.registered_at >= ${londonInstant(planYearStart(year - 1))}
      and i.registered_at < ${londonInstant(planYearStart(year + 1))}
      and not exists (select 1 from learning_records r where r.person_id = i.person_id
        and r.course_id = i.course_id
        and r.completed_on >= (i.registered_at at time zone 'Europe/London')::date)`;
}

export interface PersonRow {
  id: string;
  name: string;
  anonymised: boolean;
}

export async function person(db: TenantDb, personId: string): Promise<PersonRow | null> {
  const row = await db
    .selectFrom("people")
    .select(["id", "given_name", "family_name", "anonymised_on"])
    .where("id", "=", personId)
    .executeTakeFirst();
  return row
    ? { id: row.id, name: `${row.given_name} ${row.family_name}`, anonymised: row.anonymised_on !== null }
    : null;
}

export interface NeedRow {
  id: string;
  planYear: number;
  courseId: string | null;
  courseCode: string | null;
  courseTitle: string | null;
  description: string | null;
  theme: string | null;
  priority: NeedPriority;
  pcfDomain: string | null;
  neededBy: IsoDate | null;
  source: StoredNeedSource;
  status: NeedStatus;
  createdAt: Date;
}

export async function personNeeds(db: TenantDb, personId: string): Promise<NeedRow[]> {
  const rows = await db
    .selectFrom("learning_needs as n")
    .leftJoin("learning_courses as c", "c.id", "n.course_id")
    .select([
      "n.id",
      "n.plan_year as planYear",
      "n.course_id as courseId",
      "c.code as courseCode",
      "c.title as courseTitle",
      "n.description",
      "n.theme",
      "n.priority",
      "n.pcf_domain as pcfDomain",
      sql<string | null>`to_char(n.needed_by, 'YYYY-MM-DD')`.as("neededBy"),
      "n.source",
      "n.status",
      "n.created_at as createdAt",
    ])
    .where("n.person_id", "=", personId)
    .orderBy("n.plan_year", "desc")
    .orderBy(sql`case n.status when 'open' then 0 when 'met' then 1 else 2 end`)
    .orderBy(sql`case n.priority when 'essential' then 1 when 'important' then 2 else 3 end`)
    .orderBy("n.created_at")
    .execute();
  return rows;
}

export async function personInterest(db: TenantDb, personId: string) {
  return db
    .selectFrom("learning_interest as i")
    .innerJoin("learning_courses as c", "c.id", "i.course_id")
    .select(["i.id", "c.id as courseId", "c.code", "c.title", "i.registered_at as registeredAt"])
    .where("i.person_id", "=", personId)
    .orderBy("i.registered_at", "desc")
    .execute();
}

export async function courseChoices(db: TenantDb) {
  return db
    .selectFrom("learning_courses")
    .select(["id", "code", "title", "tier"])
    .where("status", "=", "active")
    .orderBy("title")
    .execute();
}

export interface NeedInsert {
  person_id: string;
  plan_year: number;
  course_id: string | null;
  description: string | null;
  theme: string | null;
  priority: NeedPriority;
  pcf_domain: string | null;
  needed_by: IsoDate | null;
  source: StoredNeedSource;
  recorded_by: string;
  /** Open unless said (the demo's needs of past years). */
  status?: NeedStatus;
}

/** Inserts needs, skipping any already there by the natural key; the ids of those added. */
export async function insertNeeds(db: TenantDb, rows: NeedInsert[]): Promise<string[]> {
  const added: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const out = await db
      .insertInto("learning_needs")
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .execute();
    added.push(...out.map((r) => r.id));
  }
  return added;
}

export async function needOwner(db: TenantDb, needId: string) {
  return db
    .selectFrom("learning_needs")
    .select(["id", "person_id as personId", "status"])
    .where("id", "=", needId)
    .executeTakeFirst();
}

export async function setStatus(db: TenantDb, needId: string, status: NeedStatus): Promise<void> {
  await db
    .updateTable("learning_needs")
    .set({ status, updated_at: sql<Date>`now()` })
    .where("id", "=", needId)
    .execute();
}

/** The people a manager works through: current staff in scope, with their needs in a year. */
export async function teamPage(
  db: TenantDb,
  scope: PeopleScope | undefined,
  viewerPersonId: string | null,
  year: number,
  today: IsoDate,
  limit: number,
  offset: number,
) {
  const notViewer = viewerPersonId ? sql`and people.id <> ${viewerPersonId}` : sql``;
  const result = await sql<{
    personId: string;
    name: string;
    orgUnitId: string | null;
    needs: number;
    total: number;
    withNeeds: number;
  }>`with staff as (
      select people.id, people.given_name, people.family_name from people
      where people.kind = 'staff' and ${current(scope, today)} ${notViewer}
        and exists (select 1 from assignments a where a.person_id = people.id
          and a.valid_from <= ${today} and (a.valid_to is null or a.valid_to >= ${today}))
    ), counted as (
      select s.id, s.given_name, s.family_name,
        (select count(*) from learning_needs n where n.person_id = s.id and n.plan_year = ${year}
          and n.status <> 'withdrawn')::int as needs
      from staff s
    )
    select c.id as "personId", c.given_name || ' ' || c.family_name as name,
      (select a.org_unit_id from assignments a where a.person_id = c.id and a.valid_from <= ${today}
        and (a.valid_to is null or a.valid_to >= ${today}) order by a.fte desc, a.valid_from, a.id limit 1)
        as "orgUnitId",
      c.needs, count(*) over ()::int as total,
      (count(*) filter (where c.needs > 0) over ())::int as "withNeeds"
    from counted c
    order by c.family_name, c.given_name, c.id
    limit ${limit} offset ${offset}`.execute(db);
  return result.rows;
}

/** Courses with the places planned for a year and the capacity of sessions scheduled in it. */
export async function coursePlaces(db: TenantDb, year: number) {
  const from = londonInstant(planYearStart(year));
  const to = londonInstant(planYearStart(year + 1));
  const result = await sql<{
    courseId: string;
    code: string;
    title: string;
    tier: string;
    active: boolean;
    planned: number | null;
    note: string | null;
    scheduled: number;
  }>`select c.id as "courseId", c.code, c.title, c.tier, c.status = 'active' as active,
      pp.places as planned, pp.note, coalesce(sc.capacity, 0)::int as scheduled
    from learning_courses c
    left join learning_planned_places pp on pp.course_id = c.id and pp.plan_year = ${year}
    left join (
      select s.course_id, sum(s.capacity)::int as capacity from learning_sessions s
      where s.status = 'scheduled' and exists (select 1 from learning_session_parts sp
        where sp.session_id = s.id and sp.starts_at >= ${from} and sp.starts_at < ${to})
      group by s.course_id
    ) sc on sc.course_id = c.id
    order by c.title`.execute(db);
  return result.rows;
}

export interface PriorityCounts {
  people: number;
  essential: number;
  important: number;
  desirable: number;
}

/**
 * Demand per course in a year: the people needing it (a recorded need or registered interest),
 * each counted once at the highest priority anyone gave it for them.
 */
export async function courseDemand(
  db: TenantDb,
  scope: PeopleScope | undefined,
  year: number,
  today: IsoDate,
) {
  const result = await sql<PriorityCounts & { courseId: string }>`select course_id as "courseId",
      count(*)::int as people,
      (count(*) filter (where rank = 1))::int as essential,
      (count(*) filter (where rank = 2))::int as important,
      (count(*) filter (where rank = 3))::int as desirable
    from (
      select d.person_id, d.course_id, min(d.rank) as rank from (
        select n.person_id, n.course_id, ${rank} as rank from learning_needs n
        where n.plan_year = ${year} and n.status <> 'withdrawn' and n.course_id is not null
          and ${isCurrent("n.person_id", scope, today)}
        union all
        select x.person_id, x.course_id, x.rank from (${interestIn(year)}) x
        where ${isCurrent("x.person_id", scope, today)}
      ) d
      group by d.person_id, d.course_id
    ) per_person
    group by course_id`.execute(db);
  return result.rows;
}

/** Described needs (no catalogue course) per theme: people and needs, needs by priority. */
export async function themeDemand(
  db: TenantDb,
  scope: PeopleScope | undefined,
  year: number,
  today: IsoDate,
) {
  const result = await sql<PriorityCounts & { theme: string; needs: number }>`select n.theme,
      count(distinct n.person_id)::int as people, count(*)::int as needs,
      (count(*) filter (where n.priority = 'essential'))::int as essential,
      (count(*) filter (where n.priority = 'important'))::int as important,
      (count(*) filter (where n.priority = 'desirable'))::int as desirable
    from learning_needs n
    where n.plan_year = ${year} and n.status <> 'withdrawn' and n.course_id is null
      and ${isCurrent("n.person_id", scope, today)}
    group by n.theme
    order by count(distinct n.person_id) desc, n.theme`.execute(db);
  return result.rows;
}

export interface TeamFigures {
  orgUnitId: string;
  headcount: number;
  withNeeds: number;
  needs: number;
  essential: number;
  important: number;
  desirable: number;
}

/**
 * Per team (each person in the team of their main assignment today): the people there, those
 * with needs in the year, and the needs (recorded and registered interest) by priority.
 */
export async function teamDemand(db: TenantDb, scope: PeopleScope | undefined, year: number, today: IsoDate) {
  // Each person's needs are counted by index lookups (a lateral join), so the query stays linear
  // in the people in scope whatever the planner's estimates.
  const result = await sql<TeamFigures>`select p.org_unit_id as "orgUnitId", count(*)::int as headcount,
      (count(*) filter (where x.needs > 0))::int as "withNeeds",
      coalesce(sum(x.needs), 0)::int as needs,
      coalesce(sum(x.essential), 0)::int as essential,
      coalesce(sum(x.important), 0)::int as important,
      coalesce(sum(x.desirable), 0)::int as desirable
    from (
      select distinct on (a.person_id) a.person_id, a.org_unit_id from assignments a
      where a.valid_from <= ${today} and (a.valid_to is null or a.valid_to >= ${today})
        and ${isCurrent("a.person_id", scope, today)}
      order by a.person_id, a.fte desc, a.valid_from, a.id
    ) p
    cross join lateral (
      select count(*)::int as needs,
        count(*) filter (where d.rank = 1) as essential,
        count(*) filter (where d.rank = 2) as important,
        count(*) filter (where d.rank = 3) as desirable
      from (
        select ${rank} as rank from learning_needs n
        where n.person_id = p.person_id and n.plan_year = ${year} and n.status <> 'withdrawn'
        union all
        select i.rank from (${interestIn(year)}) i where i.person_id = p.person_id
      ) d
    ) x
    group by p.org_unit_id`.execute(db);
  return result.rows;
}

export async function upsertPlannedPlaces(
  db: TenantDb,
  row: { course_id: string; plan_year: number; places: number; note: string | null; set_by: string },
): Promise<void> {
  await db
    .insertInto("learning_planned_places")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["tenant_id", "course_id", "plan_year"]).doUpdateSet({
        places: row.places,
        note: row.note,
        set_by: row.set_by,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

/** People by employee number (not anonymised), for the feed. */
export async function peopleByEmployeeNumber(db: TenantDb, numbers: string[]) {
  if (numbers.length === 0) return [];
  return db
    .selectFrom("people")
    .select(["id", "employee_number as employeeNumber"])
    .where("employee_number", "in", numbers)
    .where("anonymised_on", "is", null)
    .execute();
}

export async function coursesByCode(db: TenantDb, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom("learning_courses").select(["id", "code"]).where("code", "in", codes).execute();
}
