import { sql } from "kysely";
import type { IsoDate } from "../../platform/dates.js";
import type { TenantDb } from "../../platform/tenancy/data-access.js";
import { type PeopleScope, personInScope } from "../people/scope.repository.js";
import type { ObjectiveProgress } from "./schema.js";

/** Kysely queries of the appraisal tables; the service owns the rules and the transactions. */

const personName = (alias: string) =>
  sql<string>`coalesce(${sql.ref(`${alias}.preferred_name`)}, ${sql.ref(`${alias}.given_name`)}) || ' ' || ${sql.ref(`${alias}.family_name`)}`;

export interface CycleRow {
  id: string;
  name: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  objectivesDueOn: IsoDate;
  midYearDueOn: IsoDate;
  completionDueOn: IsoDate;
}

const cycleColumns = [
  "c.id",
  "c.name",
  "c.starts_on as startsOn",
  "c.ends_on as endsOn",
  "c.objectives_due_on as objectivesDueOn",
  "c.mid_year_due_on as midYearDueOn",
  "c.completion_due_on as completionDueOn",
] as const;

export async function cycles(db: TenantDb): Promise<CycleRow[]> {
  return db
    .selectFrom("appraisal_cycles as c")
    .select(cycleColumns)
    .orderBy("c.starts_on", "desc")
    .orderBy("c.name")
    .execute();
}

export async function cycle(db: TenantDb, cycleId: string): Promise<CycleRow | undefined> {
  return db
    .selectFrom("appraisal_cycles as c")
    .select(cycleColumns)
    .where("c.id", "=", cycleId)
    .executeTakeFirst();
}

/** Adds a cycle; undefined when the council already has one of that name. */
export async function insertCycle(
  db: TenantDb,
  c: Omit<CycleRow, "id">,
  createdBy: string,
): Promise<string | undefined> {
  const row = await db
    .insertInto("appraisal_cycles")
    .values({
      name: c.name,
      starts_on: c.startsOn,
      ends_on: c.endsOn,
      objectives_due_on: c.objectivesDueOn,
      mid_year_due_on: c.midYearDueOn,
      completion_due_on: c.completionDueOn,
      created_by: createdBy,
    })
    .onConflict((oc) => oc.columns(["tenant_id", "name"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

export interface AppraisalRow {
  id: string;
  cycleId: string;
  personId: string;
  personName: string;
  appraiserPersonId: string | null;
  appraiserName: string | null;
  objectivesAgreedOn: IsoDate | null;
  midYearOn: IsoDate | null;
  midYearSummary: string | null;
  careerAspiration: string | null;
  completedOn: IsoDate | null;
  finalSummary: string | null;
  confirmedOn: IsoDate | null;
}

export async function appraisal(db: TenantDb, appraisalId: string): Promise<AppraisalRow | undefined> {
  return db
    .selectFrom("appraisals as a")
    .innerJoin("people as p", "p.id", "a.person_id")
    .leftJoin("people as r", "r.id", "a.appraiser_person_id")
    .select([
      "a.id",
      "a.cycle_id as cycleId",
      "a.person_id as personId",
      personName("p").as("personName"),
      "a.appraiser_person_id as appraiserPersonId",
      sql<string | null>`case when r.id is null then null else ${personName("r")} end`.as("appraiserName"),
      "a.objectives_agreed_on as objectivesAgreedOn",
      "a.mid_year_on as midYearOn",
      "a.mid_year_summary as midYearSummary",
      "a.career_aspiration as careerAspiration",
      "a.completed_on as completedOn",
      "a.final_summary as finalSummary",
      "a.confirmed_on as confirmedOn",
    ])
    .where("a.id", "=", appraisalId)
    .executeTakeFirst();
}

export interface ObjectiveRow {
  id: string;
  sequence: number;
  objective: string;
  measure: string | null;
  progress: ObjectiveProgress;
}

export async function objectives(db: TenantDb, appraisalId: string): Promise<ObjectiveRow[]> {
  return db
    .selectFrom("appraisal_objectives")
    .select(["id", "sequence", "objective", "measure", "progress"])
    .where("appraisal_id", "=", appraisalId)
    .orderBy("sequence")
    .execute();
}

/** Starts an appraisal; undefined when the person already has one in the cycle. */
export async function insertAppraisal(
  db: TenantDb,
  a: { cycleId: string; personId: string; appraiserPersonId: string | null },
  createdBy: string,
): Promise<string | undefined> {
  const row = await db
    .insertInto("appraisals")
    .values({
      cycle_id: a.cycleId,
      person_id: a.personId,
      appraiser_person_id: a.appraiserPersonId,
      created_by: createdBy,
    })
    .onConflict((oc) => oc.columns(["cycle_id", "person_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

export async function existingAppraisal(db: TenantDb, cycleId: string, personId: string) {
  return db
    .selectFrom("appraisals")
    .select("id")
    .where("cycle_id", "=", cycleId)
    .where("person_id", "=", personId)
    .executeTakeFirst();
}

export type AppraisalChanges = Partial<{
  appraiser_person_id: string | null;
  objectives_agreed_on: IsoDate | null;
  mid_year_on: IsoDate | null;
  mid_year_summary: string | null;
  career_aspiration: string | null;
  completed_on: IsoDate | null;
  final_summary: string | null;
  confirmed_on: IsoDate | null;
}>;

export async function updateAppraisal(
  db: TenantDb,
  appraisalId: string,
  changes: AppraisalChanges,
  now: Date,
) {
  await db
    .updateTable("appraisals")
    .set({ ...changes, updated_at: now })
    .where("id", "=", appraisalId)
    .execute();
}

/**
 * Replaces the objectives: lines keep their progress where an objective's text is unchanged at
 * the same place; the list is renumbered from 1.
 */
export async function replaceObjectives(
  db: TenantDb,
  appraisalId: string,
  lines: { objective: string; measure: string | null; progress: ObjectiveProgress }[],
): Promise<void> {
  await db.deleteFrom("appraisal_objectives").where("appraisal_id", "=", appraisalId).execute();
  if (lines.length === 0) return;
  await db
    .insertInto("appraisal_objectives")
    .values(
      lines.map((l, i) => ({
        appraisal_id: appraisalId,
        sequence: i + 1,
        objective: l.objective,
        measure: l.measure,
        progress: l.progress,
      })),
    )
    .execute();
}

export async function setProgress(
  db: TenantDb,
  appraisalId: string,
  progress: { objectiveId: string; progress: ObjectiveProgress }[],
): Promise<void> {
  for (const p of progress) {
    await db
      .updateTable("appraisal_objectives")
      .set({ progress: p.progress })
      .where("id", "=", p.objectiveId)
      .where("appraisal_id", "=", appraisalId)
      .execute();
  }
}

export async function linkNeed(db: TenantDb, appraisalId: string, needId: string): Promise<void> {
  await db
    .insertInto("appraisal_development_needs")
    .values({ appraisal_id: appraisalId, need_id: needId })
    .onConflict((oc) => oc.columns(["appraisal_id", "need_id"]).doNothing())
    .execute();
}

export async function linkedNeedIds(db: TenantDb, appraisalId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("appraisal_development_needs")
    .select("need_id")
    .where("appraisal_id", "=", appraisalId)
    .execute();
  return rows.map((r) => r.need_id);
}

export interface PersonAppraisalRow extends CycleRow {
  appraisalId: string;
  cycleId: string;
  appraiserName: string | null;
  objectivesAgreedOn: IsoDate | null;
  midYearOn: IsoDate | null;
  completedOn: IsoDate | null;
  confirmedOn: IsoDate | null;
}

/** A person's appraisals, the latest cycle first. */
export async function personAppraisals(db: TenantDb, personId: string): Promise<PersonAppraisalRow[]> {
  return db
    .selectFrom("appraisals as a")
    .innerJoin("appraisal_cycles as c", "c.id", "a.cycle_id")
    .leftJoin("people as r", "r.id", "a.appraiser_person_id")
    .select([
      ...cycleColumns,
      "a.id as appraisalId",
      "a.cycle_id as cycleId",
      sql<string | null>`case when r.id is null then null else ${personName("r")} end`.as("appraiserName"),
      "a.objectives_agreed_on as objectivesAgreedOn",
      "a.mid_year_on as midYearOn",
      "a.completed_on as completedOn",
      "a.confirmed_on as confirmedOn",
    ])
    .where("a.person_id", "=", personId)
    .orderBy("c.starts_on", "desc")
    .execute();
}

export interface CohortRow {
  personId: string;
  name: string;
  orgUnitId: string;
  appraisalId: string | null;
  appraiserName: string | null;
  objectivesAgreedOn: IsoDate | null;
  midYearOn: IsoDate | null;
  completedOn: IsoDate | null;
}

/**
 * The people a cycle expects an appraisal of: each person placed on `on` in an in-post
 * assignment (counted once, in their main one: largest FTE, then the earliest), not anonymised
 * and not gone before `leftBefore`, in the scope when one is given; with their appraisal in the
 * cycle, if started.
 */
export async function cohort(
  db: TenantDb,
  q: {
    cycleId: string;
    on: IsoDate;
    leftBefore: IsoDate;
    contractTypes: readonly string[];
    scope: PeopleScope | undefined;
  },
): Promise<CohortRow[]> {
  let query = db
    .selectFrom("assignments as s")
    .innerJoin("people", "people.id", "s.person_id")
    .leftJoin("appraisals as a", (join) =>
      join.onRef("a.person_id", "=", "s.person_id").on("a.cycle_id", "=", q.cycleId),
    )
    .leftJoin("people as r", "r.id", "a.appraiser_person_id")
    .distinctOn("s.person_id")
    .select([
      "s.person_id as personId",
      personName("people").as("name"),
      "s.org_unit_id as orgUnitId",
      "a.id as appraisalId",
      sql<string | null>`case when r.id is null then null else ${personName("r")} end`.as("appraiserName"),
      "a.objectives_agreed_on as objectivesAgreedOn",
      "a.mid_year_on as midYearOn",
      "a.completed_on as completedOn",
    ])
    .where("s.valid_from", "<=", q.on)
    .where((eb) => eb.or([eb("s.valid_to", "is", null), eb("s.valid_to", ">=", q.on)]))
    .where("s.contract_type", "in", [...q.contractTypes] as never[])
    .where("people.anonymised_on", "is", null)
    .where(
      sql<boolean>`not exists (select 1 from leavings lv where lv.person_id = people.id and lv.left_on < ${q.leftBefore})`,
    );
  if (q.scope) query = query.where(personInScope(q.scope, q.on));
  return query
    .orderBy("s.person_id")
    .orderBy("s.fte", "desc")
    .orderBy("s.valid_from")
    .orderBy("s.id")
    .execute() as Promise<CohortRow[]>;
}

/** Data protection: the free text about a person (their objectives, summaries, aspiration) goes. */
export async function anonymiseAppraisals(db: TenantDb, personId: string): Promise<void> {
  const ids = db.selectFrom("appraisals").select("id").where("person_id", "=", personId);
  await db
    .updateTable("appraisal_objectives")
    .set({ objective: "Removed", measure: null })
    .where("appraisal_id", "in", ids)
    .execute();
  await db
    .updateTable("appraisals")
    .set({ mid_year_summary: null, career_aspiration: null, final_summary: null })
    .where("person_id", "=", personId)
    .execute();
}

export async function personNameOf(db: TenantDb, personId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("people")
    .select(personName("people").as("name"))
    .where("people.id", "=", personId)
    .executeTakeFirst();
  return row?.name;
}
