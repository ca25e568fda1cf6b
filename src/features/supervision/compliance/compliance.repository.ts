import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { SupervisionStage } from "../../early-career/schema.js";
import "../../early-career/schema.js";
import "../../people/schema.js";
import type { SupervisionKind } from "../schema.js";
import "../schema.js";
import type { AssignmentFact, EnrolmentFact } from "./compliance.js";

/** Staff assignments starting on or before the date (all of them, or one person's), with start dates. */
export async function assignments(
  db: TenantDb,
  until: IsoDate,
  personId?: string,
  /** Only people with an assignment in force on or after this date (leavers before it have no status). */
  from?: IsoDate,
): Promise<{
  facts: AssignmentFact[];
  startedOn: Map<string, IsoDate | null>;
  names: Map<string, string>;
}> {
  let query = db
    .selectFrom("assignments")
    .innerJoin("people", "people.id", "assignments.person_id")
    .select([
      "assignments.person_id as personId",
      "assignments.org_unit_id as orgUnitId",
      "assignments.job_role_id as jobRoleId",
      "assignments.career_level as careerLevel",
      "assignments.fte as fte",
      "assignments.line_manager_person_id as lineManagerPersonId",
      "assignments.valid_from as validFrom",
      "assignments.valid_to as validTo",
      "people.started_on as startedOn",
      "people.given_name as givenName",
      "people.family_name as familyName",
    ])
    .where("people.kind", "=", "staff")
    .where("assignments.valid_from", "<=", until);
  if (personId) query = query.where("assignments.person_id", "=", personId);
  if (from) {
    query = query.where("assignments.person_id", "in", (sub) =>
      sub
        .selectFrom("assignments as current")
        .select("current.person_id")
        .where((w) => w.or([w("current.valid_to", "is", null), w("current.valid_to", ">=", from)])),
    );
  }
  const rows = await query.execute();
  const startedOn = new Map<string, IsoDate | null>();
  const names = new Map<string, string>();
  const facts = rows.map(({ startedOn: s, givenName, familyName, fte, ...r }) => {
    startedOn.set(r.personId, s);
    names.set(r.personId, `${givenName} ${familyName}`);
    return { ...r, fte: Number(fte) };
  });
  return { facts, startedOn, names };
}

/** Active early career enrolments (one person's, or everyone's) with their template's rhythm. */
export async function activeEnrolments(db: TenantDb, personId?: string): Promise<EnrolmentFact[]> {
  let query = db
    .selectFrom("early_career_enrolments as e")
    .innerJoin("early_career_programme_versions as v", "v.id", "e.programme_version_id")
    .select(["e.person_id as personId", "e.start_on as startOn", "v.supervision_rhythm as rhythm"])
    .where("e.status", "=", "active")
    .orderBy("e.start_on", "desc");
  if (personId) query = query.where("e.person_id", "=", personId);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, rhythm: (r.rhythm ?? []) as SupervisionStage[] }));
}

/** One person's supervisions (held and cancelled), without the reflective note. */
export async function personSupervisions(db: TenantDb, personId: string) {
  return db
    .selectFrom("supervisions")
    .select([
      "held_on as heldOn",
      "status",
      "kind",
      "rearranged_on as rearrangedOn",
      "supervisor_person_id as supervisorPersonId",
    ])
    .where("person_id", "=", personId)
    .orderBy("held_on")
    .execute();
}

/**
 * For each person, the last held supervision on or before each date, for each set of counting
 * kinds: `result.get(personId)[set][date]`. One pass over the held rows: each row falls in the
 * bucket of the dates it precedes (width_bucket over the day after each date), the latest per
 * person, bucket and set is kept, and the running maximum over buckets gives each date's answer.
 * Dates must be ascending.
 */
export async function lastHeldByDate(
  db: TenantDb,
  dates: readonly IsoDate[],
  kindSets: ReadonlyArray<readonly SupervisionKind[]>,
): Promise<Map<string, (IsoDate | null)[][]>> {
  const out = new Map<string, (IsoDate | null)[][]>();
  const last = dates.at(-1);
  if (!last || kindSets.length === 0) return out;
  const bounds = sql`array[${sql.join(dates.map((d) => sql`${d}::date + 1`))}]::date[]`;
  const setCols = kindSets.map(
    (kinds, i) =>
      sql`max(held_on) filter (where kind in (${sql.join(kinds.length ? [...kinds] : ["none"])}))::text as ${sql.ref(`s${i}`)}`,
  );
  const perSet = kindSets.map((_, i) => sql`coalesce(${sql.ref(`s${i}`)}, '')`);
  const result = await sql<{ personId: string; cells: string }>`
    select person_id as "personId",
      string_agg(b::text || ',' || ${sql.join(perSet, sql` || ',' || `)}, ';') as cells
    from (
      select person_id, width_bucket(held_on, ${bounds}) as b, ${sql.join(setCols)}
      from supervisions
      where status = 'held' and held_on <= ${last}
      group by person_id, b
    ) per_bucket
    group by person_id`.execute(db);
  for (const row of result.rows) {
    const grid = kindSets.map(() => dates.map((): IsoDate | null => null));
    // Bucket b holds rows after b dates: they count from date index b on.
    const latest = kindSets.map(() => dates.map((): IsoDate | null => null));
    for (const cell of row.cells.split(";")) {
      const [b, ...sets] = cell.split(",");
      const bucket = Number(b);
      sets.forEach((held, s) => {
        const slot = latest[s];
        if (!held || !slot || bucket >= dates.length) return;
        if ((slot[bucket] ?? "") < held) slot[bucket] = held;
      });
    }
    latest.forEach((slot, s) => {
      let running: IsoDate | null = null;
      for (let i = 0; i < dates.length; i += 1) {
        const v = slot[i] ?? null;
        if (v !== null && (running === null || v > running)) running = v;
        (grid[s] as (IsoDate | null)[])[i] = running;
      }
    });
    out.set(row.personId, grid);
  }
  return out;
}

/** The supervisor of each person's latest supervision record (held) on or before the date. */
export async function lastSupervisors(
  db: TenantDb,
  personIds: readonly string[],
  asAt: IsoDate,
): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await sql<{ personId: string; supervisorPersonId: string }>`
    select distinct on (person_id) person_id as "personId", supervisor_person_id as "supervisorPersonId"
    from supervisions
    where person_id in (${sql.join([...personIds])}) and status = 'held' and held_on <= ${asAt}
      and supervisor_person_id is not null
    order by person_id, held_on desc`.execute(db);
  return new Map(rows.rows.map((r) => [r.personId, r.supervisorPersonId]));
}

/** Names of people by id. */
export async function names(db: TenantDb, personIds: readonly string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("people")
    .select(["id", "given_name", "family_name"])
    .where("id", "in", [...personIds])
    .execute();
  return new Map(rows.map((r) => [r.id, `${r.given_name} ${r.family_name}`]));
}

/** The supervisor named on each person's latest agreement made on or before the date. */
export async function agreementSupervisors(
  db: TenantDb,
  personIds: readonly string[],
  asAt: IsoDate,
): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await sql<{ personId: string; supervisorPersonId: string | null }>`
    select distinct on (person_id) person_id as "personId", supervisor_person_id as "supervisorPersonId"
    from supervision_agreements
    where person_id in (${sql.join([...personIds])}) and agreed_on <= ${asAt}
    order by person_id, agreed_on desc, created_at desc`.execute(db);
  const out = new Map<string, string>();
  for (const r of rows.rows) if (r.supervisorPersonId) out.set(r.personId, r.supervisorPersonId);
  return out;
}

/** Units in force on a date: id, parent, name and type. */
export async function unitsOn(db: TenantDb, date: IsoDate) {
  return db
    .selectFrom("org_unit_versions")
    .select(["org_unit_id as orgUnitId", "parent_id as parentId", "name", "unit_type as unitType"])
    .where("valid_from", "<=", date)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", date)]))
    .execute();
}
