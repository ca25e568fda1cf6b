import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { type PeopleScope, personInScope } from "../../people/scope.repository.js";
import type { EnrolmentStatus, EntryRoute, MilestoneKind, PauseReason } from "../schema.js";
import { practisingSweStatuses } from "./reference.js";

/** Kysely queries for cohorts and enrolments; the service owns the rules and transactions. */

const personName = sql<string>`coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name`;

// ---- people and their assignments ----

export async function personFacts(db: TenantDb, personId: string) {
  return db
    .selectFrom("people as p")
    .select([
      "p.id",
      personName.as("name"),
      "p.kind",
      "p.swe_number",
      "p.swe_status",
      "p.swe_first_registered_on",
      "p.anonymised_on",
    ])
    .where("p.id", "=", personId)
    .executeTakeFirst();
}

/** The person's assignment on a date: a social work one first, then the largest. */
export async function assignmentOn(db: TenantDb, personId: string, on: IsoDate) {
  return db
    .selectFrom("assignments as a")
    .innerJoin("job_roles as r", "r.id", "a.job_role_id")
    .select([
      "a.org_unit_id",
      "a.line_manager_person_id",
      "a.fte",
      "a.career_level",
      "a.valid_from",
      "r.social_work_qualified",
      "r.code as job_role_code",
    ])
    .where("a.person_id", "=", personId)
    .where("a.valid_from", "<=", on)
    .where((eb) => eb.or([eb("a.valid_to", "is", null), eb("a.valid_to", ">=", on)]))
    .orderBy("r.social_work_qualified", "desc")
    .orderBy("a.fte", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function activeEnrolmentOf(db: TenantDb, personId: string, exceptId?: string) {
  let q = db
    .selectFrom("early_career_enrolments")
    .select("id")
    .where("person_id", "=", personId)
    .where("status", "=", "active");
  if (exceptId) q = q.where("id", "<>", exceptId);
  return q.executeTakeFirst();
}

/** Everyone on an active enrolment. */
export async function activelyEnrolled(db: TenantDb): Promise<Set<string>> {
  const rows = await db
    .selectFrom("early_career_enrolments")
    .select("person_id")
    .where("status", "=", "active")
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function unitExists(db: TenantDb, unitId: string): Promise<boolean> {
  return !!(await db.selectFrom("org_units").select("id").where("id", "=", unitId).executeTakeFirst());
}

export async function staffExists(db: TenantDb, personId: string): Promise<boolean> {
  return !!(await db
    .selectFrom("people")
    .select("id")
    .where("id", "=", personId)
    .where("kind", "=", "staff")
    .where("anonymised_on", "is", null)
    .executeTakeFirst());
}

/** Names of people by id (preferred name first). */
export async function personNames(db: TenantDb, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await db
    .selectFrom("people as p")
    .select(["p.id", personName.as("name")])
    .where("p.id", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of org units as at a date. */
export async function unitNames(
  db: TenantDb,
  ids: Array<string | null>,
  on: IsoDate,
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await db
    .selectFrom("org_unit_versions")
    .select(["org_unit_id", "name", "valid_from"])
    .where("org_unit_id", "in", wanted)
    .where("valid_from", "<=", on)
    .orderBy("valid_from")
    .execute();
  return new Map(rows.map((r) => [r.org_unit_id, r.name]));
}

/** People for the enrolment form's selects, with their current team and whether they are NQSWs. */
export async function staffChoices(db: TenantDb, today: IsoDate) {
  return db
    .selectFrom("people as p")
    .innerJoin("assignments as a", "a.person_id", "p.id")
    .innerJoin("job_roles as r", "r.id", "a.job_role_id")
    .select([
      "p.id",
      personName.as("name"),
      "p.employee_number",
      "p.swe_number",
      "p.swe_status",
      "a.career_level",
      "r.social_work_qualified",
      "r.code as job_role_code",
      "r.name as job_role_name",
      "a.org_unit_id",
    ])
    .where("p.kind", "=", "staff")
    .where("p.anonymised_on", "is", null)
    .where("a.valid_from", "<=", today)
    .where((eb) => eb.or([eb("a.valid_to", "is", null), eb("a.valid_to", ">=", today)]))
    .orderBy("p.family_name")
    .orderBy("p.given_name")
    .orderBy("r.social_work_qualified", "desc")
    .orderBy("a.fte", "desc")
    .execute();
}

export const isPractising = (status: string | null) =>
  status !== null && (practisingSweStatuses as readonly string[]).includes(status);

// ---- programmes ----

export async function programmes(db: TenantDb) {
  return db
    .selectFrom("early_career_programmes as g")
    .select(["g.id", "g.code", "g.name", "g.retired_on"])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("early_career_programme_versions as v")
          .select("v.id")
          .whereRef("v.programme_id", "=", "g.id"),
      ),
    )
    .orderBy("g.name")
    .execute();
}

/** The programme's current version: the highest number. */
export async function currentVersion(db: TenantDb, programmeId: string) {
  return db
    .selectFrom("early_career_programme_versions")
    .select(["id", "version", "length_months", "max_months", "milestones", "core_course_ids"])
    .where("programme_id", "=", programmeId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

// ---- cohorts ----

export interface CohortInsert {
  programme_id: string;
  name: string;
  intake_on: IsoDate;
  coordinator_person_id: string | null;
}

export async function insertCohort(db: TenantDb, c: CohortInsert): Promise<string> {
  const row = await db.insertInto("early_career_cohorts").values(c).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function cohortNameTaken(db: TenantDb, name: string): Promise<boolean> {
  return !!(await db
    .selectFrom("early_career_cohorts")
    .select("id")
    .where(sql<string>`lower(name)`, "=", name.toLowerCase())
    .executeTakeFirst());
}

export async function cohorts(db: TenantDb, cohortId?: string) {
  let q = db
    .selectFrom("early_career_cohorts as c")
    .innerJoin("early_career_programmes as g", "g.id", "c.programme_id")
    .leftJoin("people as p", "p.id", "c.coordinator_person_id")
    .select([
      "c.id",
      "c.name",
      "c.intake_on",
      "c.programme_id",
      "c.coordinator_person_id",
      "g.name as programme_name",
      sql<string | null>`case when p.id is null then null else ${personName} end`.as("coordinator_name"),
    ])
    .orderBy("c.intake_on", "desc")
    .orderBy("c.name");
  if (cohortId) q = q.where("c.id", "=", cohortId);
  const rows = await q.execute();
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await db
        .selectFrom("early_career_enrolments")
        .select(["cohort_id", "status", (eb) => eb.fn.countAll<string>().as("n")])
        .where("cohort_id", "in", ids)
        .groupBy(["cohort_id", "status"])
        .execute()
    : [];
  const count = (id: string, status: EnrolmentStatus | null) =>
    counts
      .filter((c) => c.cohort_id === id && (status === null || c.status === status))
      .reduce((sum, c) => sum + Number(c.n), 0);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    intakeOn: r.intake_on,
    programmeId: r.programme_id,
    programmeName: r.programme_name,
    coordinatorPersonId: r.coordinator_person_id,
    coordinatorName: r.coordinator_name,
    total: count(r.id, null),
    active: count(r.id, "active"),
    passed: count(r.id, "passed"),
    failed: count(r.id, "failed"),
    withdrawn: count(r.id, "withdrawn"),
  }));
}
export type CohortRow = Awaited<ReturnType<typeof cohorts>>[number];

// ---- enrolments ----

export interface EnrolmentInsert {
  cohort_id: string;
  person_id: string;
  programme_version_id: string;
  route: EntryRoute;
  registered_on: IsoDate | null;
  start_on: IsoDate;
  fte: number;
  org_unit_id: string | null;
  line_manager_person_id: string | null;
  assessor_person_id: string | null;
  mentor_person_id: string | null;
  end_on: IsoDate;
}

export async function insertEnrolment(db: TenantDb, e: EnrolmentInsert): Promise<string> {
  const row = await db
    .insertInto("early_career_enrolments")
    .values(e)
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertMilestones(
  db: TenantDb,
  enrolmentId: string,
  rows: Array<{
    code: string;
    name: string;
    kind: MilestoneKind;
    sequence: number;
    optional: boolean;
    dueOn: IsoDate;
  }>,
): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto("early_career_milestones")
    .values(
      rows.map((m) => ({
        enrolment_id: enrolmentId,
        code: m.code,
        name: m.name,
        kind: m.kind,
        sequence: m.sequence,
        optional: m.optional,
        due_on: m.dueOn,
      })),
    )
    .execute();
}

export async function enrolmentRows(
  db: TenantDb,
  filter: {
    enrolmentId?: string;
    cohortId?: string;
    personId?: string;
    supporterId?: string;
    /** Only NQSWs a viewer's scope reaches on the date. */
    inScope?: { scope: PeopleScope; on: IsoDate };
  },
) {
  let q = db
    .selectFrom("early_career_enrolments as e")
    .innerJoin("early_career_cohorts as c", "c.id", "e.cohort_id")
    .innerJoin("early_career_programme_versions as v", "v.id", "e.programme_version_id")
    .innerJoin("early_career_programmes as g", "g.id", "v.programme_id")
    .innerJoin("people as p", "p.id", "e.person_id")
    .select([
      "e.id",
      "e.cohort_id",
      "c.name as cohort_name",
      "g.id as programme_id",
      "g.name as programme_name",
      "v.id as version_id",
      "v.version",
      "v.length_months",
      "v.max_months",
      "e.person_id",
      personName.as("person_name"),
      "p.employee_number",
      "e.route",
      "e.registered_on",
      "e.start_on",
      "e.fte",
      "e.org_unit_id",
      "e.line_manager_person_id",
      "e.assessor_person_id",
      "e.mentor_person_id",
      "e.status",
      "e.end_on",
      "e.outcome_on",
      "e.withdrawn_reason",
    ])
    .orderBy("p.family_name")
    .orderBy("p.given_name")
    .orderBy("e.start_on", "desc");
  if (filter.enrolmentId) q = q.where("e.id", "=", filter.enrolmentId);
  if (filter.cohortId) q = q.where("e.cohort_id", "=", filter.cohortId);
  if (filter.personId) q = q.where("e.person_id", "=", filter.personId);
  const inScope = filter.inScope;
  if (inScope)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("people")
          .select("people.id")
          .whereRef("people.id", "=", "e.person_id")
          .where(personInScope(inScope.scope, inScope.on)),
      ),
    );
  const supporter = filter.supporterId;
  if (supporter)
    q = q.where((eb) =>
      eb.or([
        eb("e.assessor_person_id", "=", supporter),
        eb("e.mentor_person_id", "=", supporter),
        eb("e.line_manager_person_id", "=", supporter),
      ]),
    );
  return q.execute();
}
export type EnrolmentDbRow = Awaited<ReturnType<typeof enrolmentRows>>[number];

export async function milestonesOf(db: TenantDb, enrolmentIds: string[]) {
  if (!enrolmentIds.length) return [];
  return db
    .selectFrom("early_career_milestones")
    .select(["id", "enrolment_id", "code", "name", "kind", "sequence", "optional", "due_on", "completed_on"])
    .where("enrolment_id", "in", enrolmentIds)
    .orderBy("enrolment_id")
    .orderBy("sequence")
    .execute();
}

export async function pausesOf(db: TenantDb, enrolmentId: string) {
  return db
    .selectFrom("early_career_pauses")
    .select(["id", "reason", "from_on", "to_on", "notes"])
    .where("enrolment_id", "=", enrolmentId)
    .orderBy("from_on")
    .execute();
}

/** Enrolments with a pause covering a date (open pauses count). */
export async function pausedOn(db: TenantDb, enrolmentIds: string[], on: IsoDate): Promise<Set<string>> {
  if (!enrolmentIds.length) return new Set();
  const rows = await db
    .selectFrom("early_career_pauses")
    .select("enrolment_id")
    .where("enrolment_id", "in", enrolmentIds)
    .where("from_on", "<=", on)
    .where((eb) => eb.or([eb("to_on", "is", null), eb("to_on", ">=", on)]))
    .execute();
  return new Set(rows.map((r) => r.enrolment_id));
}

export async function insertPause(
  db: TenantDb,
  p: {
    enrolment_id: string;
    reason: PauseReason;
    from_on: IsoDate;
    to_on: IsoDate | null;
    notes: string | null;
    recorded_by: string;
  },
) {
  const row = await db.insertInto("early_career_pauses").values(p).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** Data protection: the free text written about a person's enrolments (pause notes, withdrawal reason). */
export async function anonymiseEnrolments(db: TenantDb, personId: string): Promise<void> {
  const mine = db.selectFrom("early_career_enrolments").select("id").where("person_id", "=", personId);
  await db
    .updateTable("early_career_pauses")
    .set({ notes: null })
    .where("enrolment_id", "in", mine)
    .execute();
  await db
    .updateTable("early_career_enrolments")
    .set({
      withdrawn_reason: sql<string | null>`case when withdrawn_reason is null then null else 'Withdrawn' end`,
    })
    .where("person_id", "=", personId)
    .execute();
}
