import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { IsoDate } from "../../platform/dates.js";
import type { TenantDb } from "../../platform/tenancy/data-access.js";

/**
 * The people a viewer reaches below the whole council (undefined in a query means the whole
 * council): their own record, the units they hold a role on with every unit below them (ids
 * already expanded), and their direct and indirect reports through line management. Foster
 * carers come with their household's supervising social worker.
 */
export interface PeopleScope {
  personId: string | null;
  reportsOf: string | null;
  unitIds: string[];
}

/**
 * An assignment places its person on a date if it is in force then; a leaver stays placed in the
 * assignment that ended on their leaving date, so their former manager still reaches their record.
 */
function placedOn(alias: string, date: IsoDate): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<SqlBool>`(${col("valid_from")} <= ${date} and (${col("valid_to")} is null or ${col("valid_to")} >= ${date}
    or exists (select 1 from leavings pl where pl.person_id = ${col("person_id")}
      and pl.left_on = ${col("valid_to")} and pl.left_on <= ${date})))`;
}

/** The ids of the direct and indirect reports of a person on a date (a recursive query). */
function reportsOf(managerId: string, date: IsoDate): RawBuilder<unknown> {
  return sql`(with recursive reports(person_id) as (
      select ra.person_id from assignments ra
        where ra.line_manager_person_id = ${managerId} and ${placedOn("ra", date)}
      union
      select ra.person_id from assignments ra join reports r on ra.line_manager_person_id = r.person_id
        where ${placedOn("ra", date)}
    ) select person_id from reports)`;
}

/** Staff in scope: `personRef` is the column holding the person's id. */
function staffInScope(
  personRef: RawBuilder<unknown>,
  scope: PeopleScope,
  date: IsoDate,
): RawBuilder<SqlBool> {
  const any: RawBuilder<unknown>[] = [];
  if (scope.personId) any.push(sql`${personRef} = ${scope.personId}`);
  if (scope.unitIds.length > 0) {
    any.push(sql`exists (select 1 from assignments ua where ua.person_id = ${personRef}
      and ua.org_unit_id in (${sql.join(scope.unitIds)}) and ${placedOn("ua", date)})`);
  }
  // `= any(array(...))`: the reports are worked out once for the query (an init plan). As
  // `in (...)` beside the other conditions, PostgreSQL may run the recursive search once per row.
  if (scope.reportsOf) any.push(sql`${personRef} = any(array${reportsOf(scope.reportsOf, date)})`);
  return any.length > 0 ? sql<SqlBool>`(${sql.join(any, sql` or `)})` : sql<SqlBool>`false`;
}

/** Foster households whose supervising social worker is in scope. */
export function householdInScope(
  householdRef: string,
  scope: PeopleScope,
  date: IsoDate,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from foster_households sh where sh.id = ${sql.ref(householdRef)}
    and sh.supervising_social_worker_id is not null
    and ${staffInScope(sql.ref("sh.supervising_social_worker_id"), scope, date)})`;
}

/** A condition on the `people` table: the person is in scope on the date. */
export function personInScope(scope: PeopleScope, date: IsoDate): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${staffInScope(sql.ref("people.id"), scope, date)}
    or (people.foster_household_id is not null and ${householdInScope("people.foster_household_id", scope, date)}))`;
}

export async function reachesPerson(db: TenantDb, personId: string, scope: PeopleScope, date: IsoDate) {
  const row = await db
    .selectFrom("people")
    .select("people.id")
    .where("people.id", "=", personId)
    .where(personInScope(scope, date))
    .executeTakeFirst();
  return row !== undefined;
}

export async function reachesHousehold(db: TenantDb, householdId: string, scope: PeopleScope, date: IsoDate) {
  const row = await db
    .selectFrom("foster_households")
    .select("foster_households.id")
    .where("foster_households.id", "=", householdId)
    .where(householdInScope("foster_households.id", scope, date))
    .executeTakeFirst();
  return row !== undefined;
}

/** The units where the person or their reports are placed on the date (a line manager's teams). */
export async function unitsOfTeam(db: TenantDb, scope: PeopleScope, date: IsoDate): Promise<string[]> {
  if (!scope.personId && !scope.reportsOf) return [];
  const people: RawBuilder<unknown>[] = [];
  if (scope.personId) people.push(sql`select ${scope.personId}::uuid`);
  if (scope.reportsOf) people.push(sql`select person_id from ${reportsOf(scope.reportsOf, date)} rr`);
  const rows = await sql<{
    orgUnitId: string;
  }>`select distinct ta.org_unit_id as "orgUnitId" from assignments ta
    where ta.person_id in (${sql.join(people, sql` union `)}) and ${placedOn("ta", date)}`.execute(db);
  return rows.rows.map((r) => r.orgUnitId);
}
