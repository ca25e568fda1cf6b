import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { type PeopleScope, personInScope } from "../../people/scope.repository.js";
import type { ObservationTheme, QualityGrade } from "../schema.js";

export interface ObservationInsert {
  supervisionId: string | null;
  supervisorPersonId: string;
  observerPersonId: string | null;
  observedOn: IsoDate;
  themes: ObservationTheme[];
  rating: QualityGrade | null;
  strengths: string | null;
  development: string | null;
  recordedBy: string;
}

export interface ObservationRow {
  id: string;
  supervisionId: string | null;
  supervisionHeldOn: IsoDate | null;
  supervisorPersonId: string;
  supervisorName: string;
  observerPersonId: string | null;
  observerName: string | null;
  observedOn: IsoDate;
  themes: ObservationTheme[];
  rating: QualityGrade | null;
}

export interface Observation extends ObservationRow {
  strengths: string | null;
  development: string | null;
}

/** Which observations a viewer reaches: the supervisor in their scope (undefined: all), or observed by them. */
export interface ObservationReach {
  scope: PeopleScope | undefined;
  observerPersonId: string | null;
  on: IsoDate;
}

const name = (alias: string) =>
  sql<string>`coalesce(${sql.ref(`${alias}.preferred_name`)}, ${sql.ref(`${alias}.given_name`)}) || ' ' || ${sql.ref(`${alias}.family_name`)}`;

function base(db: TenantDb) {
  return db
    .selectFrom("supervision_observations as o")
    .innerJoin("people", "people.id", "o.supervisor_person_id")
    .leftJoin("people as ob", "ob.id", "o.observer_person_id")
    .leftJoin("supervisions as s", "s.id", "o.supervision_id")
    .select([
      "o.id",
      "o.supervision_id",
      "s.held_on",
      "o.supervisor_person_id",
      name("people").as("supervisor_name"),
      "o.observer_person_id",
      sql<string | null>`case when ob.id is null then null else ${name("ob")} end`.as("observer_name"),
      "o.observed_on",
      "o.themes",
      "o.rating",
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof base>["execute"]>>[number];

function toRow(r: BaseRow): ObservationRow {
  return {
    id: r.id,
    supervisionId: r.supervision_id,
    supervisionHeldOn: r.held_on,
    supervisorPersonId: r.supervisor_person_id,
    supervisorName: r.supervisor_name,
    observerPersonId: r.observer_person_id,
    observerName: r.observer_name,
    observedOn: r.observed_on,
    themes: r.themes,
    rating: r.rating,
  };
}

export async function observation(db: TenantDb, observationId: string): Promise<Observation | undefined> {
  const row = await base(db)
    .select(["o.strengths", "o.development"])
    .where("o.id", "=", observationId)
    .executeTakeFirst();
  return row ? { ...toRow(row), strengths: row.strengths, development: row.development } : undefined;
}

/** Observations in a period the viewer reaches, latest first (no feedback text). */
export async function list(
  db: TenantDb,
  reach: ObservationReach,
  from: IsoDate,
  to: IsoDate,
): Promise<ObservationRow[]> {
  let q = base(db).where("o.observed_on", ">=", from).where("o.observed_on", "<=", to);
  const { scope, observerPersonId } = reach;
  if (scope) {
    q = q.where((eb) =>
      eb.or([
        eb(personInScope(scope, reach.on), "=", true),
        ...(observerPersonId ? [eb("o.observer_person_id", "=", observerPersonId)] : []),
      ]),
    );
  }
  const rows = await q.orderBy("o.observed_on", "desc").orderBy("o.created_at", "desc").execute();
  return rows.map(toRow);
}

export async function ofSupervisor(db: TenantDb, supervisorPersonId: string): Promise<ObservationRow[]> {
  const rows = await base(db)
    .where("o.supervisor_person_id", "=", supervisorPersonId)
    .orderBy("o.observed_on", "desc")
    .execute();
  return rows.map(toRow);
}

/** For the themes report: each observation's themes, rating and the supervisor's unit on the day. */
export async function reportRows(db: TenantDb, reach: ObservationReach, from: IsoDate, to: IsoDate) {
  let q = db
    .selectFrom("supervision_observations as o")
    .innerJoin("people", "people.id", "o.supervisor_person_id")
    .select([
      "o.themes",
      "o.rating",
      sql<string | null>`(select a.org_unit_id from assignments a where a.person_id = o.supervisor_person_id
        and a.valid_from <= o.observed_on and (a.valid_to is null or a.valid_to >= o.observed_on)
        order by a.fte desc, a.valid_from desc limit 1)`.as("unit_id"),
    ])
    .where("o.observed_on", ">=", from)
    .where("o.observed_on", "<=", to);
  const { scope, observerPersonId } = reach;
  if (scope) {
    q = q.where((eb) =>
      eb.or([
        eb(personInScope(scope, reach.on), "=", true),
        ...(observerPersonId ? [eb("o.observer_person_id", "=", observerPersonId)] : []),
      ]),
    );
  }
  return q.execute();
}

export async function insert(db: TenantDb, o: ObservationInsert): Promise<string> {
  const row = await db
    .insertInto("supervision_observations")
    .values({
      supervision_id: o.supervisionId,
      supervisor_person_id: o.supervisorPersonId,
      observer_person_id: o.observerPersonId,
      observed_on: o.observedOn,
      themes: o.themes,
      rating: o.rating,
      strengths: o.strengths,
      development: o.development,
      recorded_by: o.recordedBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Staff who supervise someone on the date (line managers), in the scope, by name. */
export async function supervisorChoices(db: TenantDb, scope: PeopleScope | undefined, on: IsoDate) {
  let q = db
    .selectFrom("people")
    .select(["people.id", name("people").as("name")])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("assignments as a")
          .select("a.id")
          .whereRef("a.line_manager_person_id", "=", "people.id")
          .where("a.valid_from", "<=", on)
          .where((w) => w.or([w("a.valid_to", "is", null), w("a.valid_to", ">=", on)])),
      ),
    );
  if (scope) q = q.where(personInScope(scope, on));
  return q.orderBy("people.family_name").orderBy("people.given_name").execute();
}

/** Staff in post on the date, by name (who may observe). */
export async function staffChoices(db: TenantDb, on: IsoDate) {
  return db
    .selectFrom("people")
    .select(["people.id", name("people").as("name")])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("assignments as a")
          .select("a.id")
          .whereRef("a.person_id", "=", "people.id")
          .where("a.valid_from", "<=", on)
          .where((w) => w.or([w("a.valid_to", "is", null), w("a.valid_to", ">=", on)])),
      ),
    )
    .orderBy("people.family_name")
    .orderBy("people.given_name")
    .execute();
}

export async function supervision(db: TenantDb, supervisionId: string) {
  return db
    .selectFrom("supervisions")
    .select(["id", "person_id", "supervisor_person_id", "held_on", "status"])
    .where("id", "=", supervisionId)
    .executeTakeFirst();
}

export async function personExists(db: TenantDb, personId: string): Promise<boolean> {
  return (
    (await db.selectFrom("people").select("id").where("id", "=", personId).executeTakeFirst()) !== undefined
  );
}

/** Data protection: feedback about a supervisor who left long ago goes; themes and ratings stay. */
export async function anonymiseObservations(db: TenantDb, personId: string): Promise<void> {
  await db
    .updateTable("supervision_observations")
    .set({ strengths: null, development: null })
    .where("supervisor_person_id", "=", personId)
    .execute();
}
