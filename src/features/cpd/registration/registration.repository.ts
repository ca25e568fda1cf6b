import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { SweStatus } from "../../people/reference/domain.js";
import { type PeopleScope, personInScope } from "../../people/scope.repository.js";
import type { ReadinessState, RegistrationYear } from "./readiness.js";
import "./schema.js";

/** Who a set-based query covers: the viewer's people (undefined: the whole council) and a team. */
export interface PeopleFilter {
  today: IsoDate;
  scope: PeopleScope | undefined;
  /** Only people working in these units today (a team and everything below it). */
  unitIds: string[] | null;
}

export interface ReadinessRow {
  personId: string;
  name: string;
  email: string | null;
  sweNumber: string;
  sweStatus: SweStatus;
  firstRegisteredOn: IsoDate | null;
  lastCheckedOn: IsoDate | null;
  orgUnitId: string;
  managerId: string | null;
  pieces: number;
  peer: boolean;
  state: ReadinessState;
}

const NAME = sql`coalesce(people.preferred_name, people.given_name) || ' ' || people.family_name`;

/**
 * People with a Social Work England registration, working today, in the filter: one row each
 * with the team and line manager of their main assignment (the largest, then the earliest).
 */
function registeredPeople(
  f: PeopleFilter,
  extra: RawBuilder<SqlBool> = sql<SqlBool>`true`,
): RawBuilder<unknown> {
  const inScope = f.scope ? personInScope(f.scope, f.today) : sql<SqlBool>`true`;
  const inUnits =
    f.unitIds === null
      ? sql<SqlBool>`true`
      : f.unitIds.length === 0
        ? sql<SqlBool>`false`
        : sql<SqlBool>`exists (select 1 from assignments ua where ua.person_id = people.id
          and ua.org_unit_id in (${sql.join(f.unitIds)})
          and ua.valid_from <= ${f.today} and (ua.valid_to is null or ua.valid_to >= ${f.today}))`;
  return sql`select people.id as person_id, ${NAME} as name, people.family_name, people.given_name, people.email,
      people.swe_number, people.swe_status, people.swe_first_registered_on::text as first_registered_on,
      people.swe_last_checked_on::text as last_checked_on, main.org_unit_id, main.line_manager_person_id
    from people
    join lateral (select a.org_unit_id, a.line_manager_person_id from assignments a
      where a.person_id = people.id and a.valid_from <= ${f.today} and (a.valid_to is null or a.valid_to >= ${f.today})
      order by a.fte desc, a.valid_from, a.id limit 1) main on true
    where people.kind = 'staff' and people.anonymised_on is null
      and people.swe_number is not null and people.swe_status is not null
      and ${inScope} and ${inUnits} and ${extra}`;
}

/**
 * Readiness for a year of everyone in the filter, as one set-based query (the rules of
 * readiness.ts: different final pieces by trimmed, case-blind title; a peer reflection on any).
 * People first registered after the year ended are left out (not registered that year).
 */
function rated(year: RegistrationYear, f: PeopleFilter): RawBuilder<unknown> {
  const registeredThen = sql<SqlBool>`(people.swe_first_registered_on is null
    or people.swe_first_registered_on <= ${year.endsOn})`;
  return sql`with scoped as (${registeredPeople(f, registeredThen)}),
    pieces as (
      select e.person_id, bool_or(e.peer_name is not null) as peer
      from cpd_entries e
      where e.status = 'final' and e.entry_on between ${year.startsOn} and ${year.endsOn}
        and e.person_id in (select person_id from scoped)
      group by e.person_id, lower(btrim(e.title, E' \\t\\r\\n'))
    ),
    tally as (select person_id, count(*)::int as pieces, bool_or(peer) as peer from pieces group by person_id),
    rated as (
      select scoped.*, coalesce(tally.pieces, 0) as pieces, coalesce(tally.peer, false) as peer,
        case when scoped.swe_status in ('suspended', 'removed') then 'suspended'
          when scoped.first_registered_on >= ${year.windowOpensOn} then 'not_required'
          when coalesce(tally.pieces, 0) >= 2 and coalesce(tally.peer, false) then 'met'
          else 'not_met' end as state
      from scoped left join tally on tally.person_id = scoped.person_id
    )`;
}

const ROW = sql`rated.person_id as "personId", rated.name, rated.email, rated.swe_number as "sweNumber",
  rated.swe_status as "sweStatus", rated.first_registered_on as "firstRegisteredOn",
  rated.last_checked_on as "lastCheckedOn", rated.org_unit_id as "orgUnitId",
  rated.line_manager_person_id as "managerId", rated.pieces, rated.peer, rated.state`;

/** Not yet meeting it first, then suspended or removed, then the rest; by name. */
const ORDER = sql`case rated.state when 'not_met' then 0 when 'suspended' then 1 when 'met' then 2 else 3 end,
  rated.family_name, rated.given_name, rated.person_id`;

/** Every row, for an export or the reminders. */
export async function readinessAll(
  db: TenantDb,
  year: RegistrationYear,
  f: PeopleFilter,
  state: ReadinessState | null,
): Promise<ReadinessRow[]> {
  const where = state ? sql`rated.state = ${state}` : sql`true`;
  const result = await sql<ReadinessRow>`${rated(year, f)}
    select ${ROW} from rated where ${where} order by ${ORDER}`.execute(db);
  return result.rows;
}

export async function personRegistration(db: TenantDb, personId: string) {
  return db
    .selectFrom("people")
    .select([
      "id",
      "given_name",
      "family_name",
      "preferred_name",
      "kind",
      "swe_number",
      "swe_status",
      sql<string | null>`swe_first_registered_on::text`.as("swe_first_registered_on"),
      sql<string | null>`swe_last_checked_on::text`.as("swe_last_checked_on"),
    ])
    .where("id", "=", personId)
    .executeTakeFirst();
}

/** A person's entries dated in a year, any status, oldest first. */
export async function entriesInYear(db: TenantDb, personId: string, year: RegistrationYear) {
  return db
    .selectFrom("cpd_entries")
    .select([
      "id",
      "title",
      sql<string>`entry_on::text`.as("entry_on"),
      "status",
      "kind",
      "hours",
      "learnt",
      "impact",
      "swe_standards",
      "peer_name",
      sql<string | null>`peer_on::text`.as("peer_on"),
      "peer_notes",
    ])
    .where("person_id", "=", personId)
    .where("entry_on", ">=", year.startsOn)
    .where("entry_on", "<=", year.endsOn)
    .orderBy("entry_on")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export type YearEntry = Awaited<ReturnType<typeof entriesInYear>>[number];

export interface RegisterCheckRow {
  personId: string;
  name: string;
  sweNumber: string;
  sweStatus: SweStatus;
  lastCheckedOn: IsoDate | null;
  orgUnitId: string;
  changedOn: IsoDate | null;
  changedFrom: SweStatus | null;
  changedTo: SweStatus | null;
}

/**
 * After the renewal deadline: registered people whose registration is now suspended or removed,
 * whose status changed in a check recorded since (a check whose status differs from the one
 * before it), or who have not been checked since the deadline.
 */
function lapsedOrChanged(deadline: IsoDate, f: PeopleFilter): RawBuilder<unknown> {
  return sql`with scoped as (${registeredPeople(f)}),
    checks as (
      select c.person_id, c.checked_on, c.status,
        lag(c.status) over (partition by c.person_id order by c.checked_on, c.created_at, c.id) as before
      from cpd_register_checks c where c.person_id in (select person_id from scoped)
    ),
    changed as (
      select distinct on (person_id) person_id, checked_on::text as checked_on, status, before from checks
      where checked_on > ${deadline} and before is not null and before <> status
      order by person_id, checked_on desc
    ),
    listed as (
      select scoped.*, changed.checked_on as changed_on, changed.before as changed_from, changed.status as changed_to
      from scoped left join changed on changed.person_id = scoped.person_id
      where scoped.swe_status in ('suspended', 'removed') or changed.person_id is not null
        or scoped.last_checked_on is null or scoped.last_checked_on <= ${deadline}
    )`;
}

const CHECK_ROW = sql`listed.person_id as "personId", listed.name, listed.swe_number as "sweNumber",
  listed.swe_status as "sweStatus", listed.last_checked_on as "lastCheckedOn", listed.org_unit_id as "orgUnitId",
  listed.changed_on as "changedOn", listed.changed_from as "changedFrom", listed.changed_to as "changedTo"`;

const CHECK_ORDER = sql`case when listed.swe_status in ('suspended', 'removed') then 0
  when listed.changed_on is not null then 1 else 2 end, listed.family_name, listed.given_name, listed.person_id`;

export async function registerCheckPage(
  db: TenantDb,
  deadline: IsoDate,
  f: PeopleFilter,
  limit: number,
  offset: number,
): Promise<{ rows: RegisterCheckRow[]; total: number }> {
  const result = await sql<RegisterCheckRow & { total: number }>`${lapsedOrChanged(deadline, f)}
    select ${CHECK_ROW}, count(*) over ()::int as total from listed
    order by ${CHECK_ORDER} limit ${limit} offset ${offset}`.execute(db);
  return { rows: result.rows, total: result.rows[0]?.total ?? 0 };
}

/** The checks recorded for a person, newest first. */
export async function checksOf(db: TenantDb, personId: string, limit = 10) {
  return db
    .selectFrom("cpd_register_checks")
    .select([sql<string>`checked_on::text`.as("checked_on"), "status", "source", "note", "swe_number"])
    .where("person_id", "=", personId)
    .orderBy("checked_on", "desc")
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

/** People a feed row may name: by employee number or registration number, within the filter. */
export async function feedPeople(db: TenantDb, f: PeopleFilter) {
  const inScope = f.scope ? personInScope(f.scope, f.today) : sql<SqlBool>`true`;
  return db
    .selectFrom("people")
    .select(["people.id", "people.employee_number", "people.swe_number"])
    .where("people.kind", "=", "staff")
    .where("people.anonymised_on", "is", null)
    .where(inScope)
    .execute();
}

/** On anonymisation: register checks keep their dates and statuses; notes about the person go. */
export async function anonymiseChecks(db: TenantDb, personId: string): Promise<void> {
  await db.updateTable("cpd_register_checks").set({ note: null }).where("person_id", "=", personId).execute();
}
