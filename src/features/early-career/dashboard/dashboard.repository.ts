import { sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import type { Judgement } from "../schema.js";
import type { Completer, Spell } from "./retention.js";

/** An active enrolment as the dashboard lists it. */
export interface ActiveEnrolment {
  id: string;
  personId: string;
  name: string;
  cohortId: string;
  cohortName: string;
  orgUnitId: string | null;
  assessorName: string | null;
  startOn: IsoDate;
  endOn: IsoDate;
}

export interface OpenMilestone {
  enrolmentId: string;
  name: string;
  dueOn: IsoDate;
  optional: boolean;
  reviewed: boolean;
}

export interface CohortRow {
  id: string;
  name: string;
  intakeOn: IsoDate;
}

const personName = (alias: "p" | "a") =>
  sql<string>`coalesce(${sql.ref(`${alias}.preferred_name`)}, ${sql.ref(`${alias}.given_name`)}) || ' ' || ${sql.ref(`${alias}.family_name`)}`;

/** Every active enrolment, by cohort (latest intake first) then family name. */
export async function activeEnrolments(db: TenantDb): Promise<ActiveEnrolment[]> {
  const rows = await db
    .selectFrom("early_career_enrolments as e")
    .innerJoin("people as p", "p.id", "e.person_id")
    .innerJoin("early_career_cohorts as c", "c.id", "e.cohort_id")
    .leftJoin("people as a", "a.id", "e.assessor_person_id")
    .select([
      "e.id",
      "e.person_id",
      personName("p").as("name"),
      "e.cohort_id",
      "c.name as cohort_name",
      "e.org_unit_id",
      sql<string | null>`case when a.id is null then null else ${personName("a")} end`.as("assessor_name"),
      "e.start_on",
      "e.end_on",
    ])
    .where("e.status", "=", "active")
    .orderBy("c.intake_on", "desc")
    .orderBy("c.name")
    .orderBy("p.family_name")
    .orderBy("p.given_name")
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    name: r.name,
    cohortId: r.cohort_id,
    cohortName: r.cohort_name,
    orgUnitId: r.org_unit_id,
    assessorName: r.assessor_name,
    startOn: r.start_on,
    endOn: r.end_on,
  }));
}

/** The milestones not yet completed of the enrolments, with whether a review is recorded. */
export async function openMilestones(db: TenantDb, enrolmentIds: string[]): Promise<OpenMilestone[]> {
  if (enrolmentIds.length === 0) return [];
  const rows = await db
    .selectFrom("early_career_milestones as m")
    .leftJoin("early_career_reviews as r", "r.milestone_id", "m.id")
    .select([
      "m.enrolment_id",
      "m.name",
      "m.due_on",
      "m.optional",
      sql<boolean>`r.id is not null`.as("reviewed"),
    ])
    .where("m.enrolment_id", "in", enrolmentIds)
    .where("m.completed_on", "is", null)
    .orderBy("m.due_on")
    .orderBy("m.sequence")
    .execute();
  return rows.map((r) => ({
    enrolmentId: r.enrolment_id,
    name: r.name,
    dueOn: r.due_on,
    optional: r.optional,
    reviewed: r.reviewed,
  }));
}

/** The judgement of each enrolment's latest review (by the day it was held; agreements have none). */
export async function latestJudgements(
  db: TenantDb,
  enrolmentIds: string[],
): Promise<Map<string, Judgement>> {
  if (enrolmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("early_career_reviews")
    .distinctOn("enrolment_id")
    .select(["enrolment_id", "judgement"])
    .where("enrolment_id", "in", enrolmentIds)
    .where("judgement", "is not", null)
    .orderBy("enrolment_id")
    .orderBy("held_on", "desc")
    .orderBy("created_at", "desc")
    .execute();
  return new Map(rows.flatMap((r) => (r.judgement ? [[r.enrolment_id, r.judgement] as const] : [])));
}

/** The name of each unit on a date (its latest version starting on or before it). */
export async function unitNames(db: TenantDb, unitIds: string[], on: IsoDate): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("org_unit_versions")
    .distinctOn("org_unit_id")
    .select(["org_unit_id", "name"])
    .where("org_unit_id", "in", [...new Set(unitIds)])
    .where("valid_from", "<=", on)
    .orderBy("org_unit_id")
    .orderBy("valid_from", "desc")
    .execute();
  return new Map(rows.map((r) => [r.org_unit_id, r.name]));
}

/** Every cohort, latest intake first. */
export async function cohorts(db: TenantDb): Promise<CohortRow[]> {
  const rows = await db
    .selectFrom("early_career_cohorts")
    .select(["id", "name", "intake_on"])
    .orderBy("intake_on", "desc")
    .orderBy("name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, intakeOn: r.intake_on }));
}

/** Everyone who passed, with their cohort's intake and the day of the pass. */
export async function completers(db: TenantDb): Promise<Completer[]> {
  const rows = await db
    .selectFrom("early_career_enrolments as e")
    .innerJoin("early_career_cohorts as c", "c.id", "e.cohort_id")
    .select(["e.person_id", "c.intake_on", "e.outcome_on"])
    .where("e.status", "=", "passed")
    .where("e.outcome_on", "is not", null)
    .execute();
  return rows.map((r) => ({
    personId: r.person_id,
    intakeOn: r.intake_on,
    outcomeOn: r.outcome_on as IsoDate,
  }));
}

/**
 * The assignments of the completers, as effective-dated spells, in one query. Read from the
 * people tables as `reachEnrolment` reads names: the people service has no set-based "employed
 * on" for a list of people yet.
 */
export async function spellsOf(db: TenantDb, personIds: string[]): Promise<Map<string, Spell[]>> {
  const out = new Map<string, Spell[]>();
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom("assignments")
    .select(["person_id", "valid_from", "valid_to"])
    .where("person_id", "in", [...new Set(personIds)])
    .execute();
  for (const r of rows) {
    out.set(r.person_id, [...(out.get(r.person_id) ?? []), { validFrom: r.valid_from, validTo: r.valid_to }]);
  }
  return out;
}
