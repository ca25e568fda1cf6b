import { type SqlBool, sql } from "kysely";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { type PeopleScope, personInScope } from "../../people/scope.repository.js";
import type { Judgement, MilestoneKind } from "../schema.js";

/** Queries for milestones' reviews, outcomes, extensions, progression actions and overdue flags. */

const fullName = sql<string>`coalesce(people.preferred_name, people.given_name) || ' ' || people.family_name`;

export interface MilestoneRow {
  id: string;
  enrolmentId: string;
  code: string;
  name: string;
  kind: MilestoneKind;
  optional: boolean;
  dueOn: IsoDate;
  completedOn: IsoDate | null;
}

export async function milestone(
  db: TenantDb,
  enrolmentId: string,
  milestoneId: string,
): Promise<MilestoneRow | undefined> {
  return db
    .selectFrom("early_career_milestones")
    .select([
      "id",
      "enrolment_id as enrolmentId",
      "code",
      "name",
      "kind",
      "optional",
      "due_on as dueOn",
      "completed_on as completedOn",
    ])
    .where("id", "=", milestoneId)
    .where("enrolment_id", "=", enrolmentId)
    .executeTakeFirst();
}

export interface ReviewRow {
  id: string;
  heldOn: IsoDate;
  /** None for the support and assessment agreement. */
  judgement: Judgement | null;
  evidenceSeen: string | null;
  actionPlan: string | null;
  recordedByPersonId: string | null;
  recordedByName: string | null;
  nqswConfirmedOn: IsoDate | null;
  managerConfirmedOn: IsoDate | null;
  managerConfirmedBy: string | null;
  managerConfirmedByName: string | null;
}

export async function review(db: TenantDb, milestoneId: string): Promise<ReviewRow | undefined> {
  return db
    .selectFrom("early_career_reviews as r")
    .leftJoin("people as rb", "rb.id", "r.recorded_by_person_id")
    .leftJoin("people as mc", "mc.id", "r.manager_confirmed_by")
    .select([
      "r.id",
      "r.held_on as heldOn",
      "r.judgement",
      "r.evidence_seen as evidenceSeen",
      "r.action_plan as actionPlan",
      "r.recorded_by_person_id as recordedByPersonId",
      sql<string | null>`coalesce(rb.preferred_name, rb.given_name) || ' ' || rb.family_name`.as(
        "recordedByName",
      ),
      "r.nqsw_confirmed_on as nqswConfirmedOn",
      "r.manager_confirmed_on as managerConfirmedOn",
      "r.manager_confirmed_by as managerConfirmedBy",
      sql<string | null>`coalesce(mc.preferred_name, mc.given_name) || ' ' || mc.family_name`.as(
        "managerConfirmedByName",
      ),
    ])
    .where("r.milestone_id", "=", milestoneId)
    .executeTakeFirst();
}

export interface ReviewValues {
  heldOn: IsoDate;
  judgement: Judgement | null;
  evidenceSeen: string | null;
  actionPlan: string | null;
}

/** Records the review (or changes it, clearing any confirmation of what it said before). */
export async function saveReview(
  db: TenantDb,
  m: { id: string; enrolmentId: string },
  values: ReviewValues,
  by: { personId: string | null; actor: string },
): Promise<void> {
  const row = {
    held_on: values.heldOn,
    judgement: values.judgement,
    evidence_seen: values.evidenceSeen,
    action_plan: values.actionPlan,
    recorded_by_person_id: by.personId,
    recorded_by: by.actor,
  };
  await db
    .insertInto("early_career_reviews")
    .values({ milestone_id: m.id, enrolment_id: m.enrolmentId, ...row })
    .onConflict((oc) =>
      oc.column("milestone_id").doUpdateSet({
        ...row,
        nqsw_confirmed_on: null,
        manager_confirmed_on: null,
        manager_confirmed_by: null,
        updated_at: sql`now()`,
      }),
    )
    .execute();
  await db
    .updateTable("early_career_milestones")
    .set({ completed_on: values.heldOn })
    .where("id", "=", m.id)
    .execute();
}

export async function confirmAsNqsw(db: TenantDb, milestoneId: string, on: IsoDate): Promise<void> {
  await db
    .updateTable("early_career_reviews")
    .set({ nqsw_confirmed_on: on, updated_at: sql`now()` })
    .where("milestone_id", "=", milestoneId)
    .where("nqsw_confirmed_on", "is", null)
    .execute();
}

export async function confirmAsManager(
  db: TenantDb,
  milestoneId: string,
  on: IsoDate,
  managerPersonId: string,
): Promise<void> {
  await db
    .updateTable("early_career_reviews")
    .set({ manager_confirmed_on: on, manager_confirmed_by: managerPersonId, updated_at: sql`now()` })
    .where("milestone_id", "=", milestoneId)
    .where("manager_confirmed_on", "is", null)
    .execute();
}

export async function personName(db: TenantDb, personId: string | null): Promise<string | null> {
  if (!personId) return null;
  const row = await db
    .selectFrom("people")
    .select(fullName.as("name"))
    .where("id", "=", personId)
    .executeTakeFirst();
  return row?.name ?? null;
}

/** What an outcome or an extension needs to know about the enrolment (locked for update). */
export interface EnrolmentDates {
  id: string;
  personId: string;
  status: "active" | "passed" | "failed" | "withdrawn";
  startOn: IsoDate;
  endOn: IsoDate;
  fte: number;
  maxMonths: number;
  lengthMonths: number;
  panelDecision: "endorsed" | "not_endorsed" | "deferred" | null;
  panelOn: IsoDate | null;
  outcomeOn: IsoDate | null;
}

export async function enrolmentDates(db: TenantDb, enrolmentId: string): Promise<EnrolmentDates | undefined> {
  const row = await db
    .selectFrom("early_career_enrolments as e")
    .innerJoin("early_career_programme_versions as v", "v.id", "e.programme_version_id")
    .select([
      "e.id",
      "e.person_id as personId",
      "e.status",
      "e.start_on as startOn",
      "e.end_on as endOn",
      "e.fte",
      "v.max_months as maxMonths",
      "v.length_months as lengthMonths",
      "e.panel_decision as panelDecision",
      "e.panel_on as panelOn",
      "e.outcome_on as outcomeOn",
    ])
    .where("e.id", "=", enrolmentId)
    .forUpdate("e")
    .executeTakeFirst();
  return row ? { ...row, fte: Number(row.fte) } : undefined;
}

export async function pauses(db: TenantDb, enrolmentId: string) {
  return db
    .selectFrom("early_career_pauses")
    .select(["from_on as fromOn", "to_on as toOn"])
    .where("enrolment_id", "=", enrolmentId)
    .orderBy("from_on")
    .execute();
}

/** The final review, if recorded. */
export async function finalReview(db: TenantDb, enrolmentId: string) {
  return db
    .selectFrom("early_career_reviews as r")
    .innerJoin("early_career_milestones as m", "m.id", "r.milestone_id")
    .select(["r.held_on as heldOn", "r.judgement"])
    .where("r.enrolment_id", "=", enrolmentId)
    .where("m.kind", "=", "final_review")
    .orderBy("r.held_on", "desc")
    .executeTakeFirst();
}

export async function setOutcome(
  db: TenantDb,
  enrolmentId: string,
  status: "passed" | "failed",
  on: IsoDate,
  by: string,
): Promise<void> {
  await db
    .updateTable("early_career_enrolments")
    .set({ status, outcome_on: on, outcome_recorded_by: by, updated_at: sql`now()` })
    .where("id", "=", enrolmentId)
    .execute();
}

/** The council's career levels in order (lowest first). */
export async function careerLevels(db: TenantDb) {
  return db
    .selectFrom("career_levels")
    .select(["code", "name"])
    .orderBy("sort_order")
    .orderBy("code")
    .execute();
}

/** The career level of the person's main assignment in force on a date, if it has one. */
export async function careerLevelOn(db: TenantDb, personId: string, on: IsoDate): Promise<string | null> {
  const row = await db
    .selectFrom("assignments")
    .select("career_level")
    .where("person_id", "=", personId)
    .where("career_level", "is not", null)
    .where("valid_from", "<=", on)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", on)]))
    .orderBy("fte", "desc")
    .orderBy("valid_from", "desc")
    .executeTakeFirst();
  return row?.career_level ?? null;
}

export async function insertProgression(
  db: TenantDb,
  values: {
    enrolmentId: string;
    personId: string;
    fromCareerLevel: string | null;
    toCareerLevel: string;
    payPoint: string | null;
    effectiveOn: IsoDate;
  },
): Promise<string> {
  const row = await db
    .insertInto("early_career_progressions")
    .values({
      enrolment_id: values.enrolmentId,
      person_id: values.personId,
      from_career_level: values.fromCareerLevel,
      to_career_level: values.toCareerLevel,
      pay_point: values.payPoint,
      effective_on: values.effectiveOn,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ExtensionRow {
  id: string;
  reason: string;
  approvedBy: string;
  newEndOn: IsoDate;
  recordedOn: IsoDate;
}

export async function extensions(db: TenantDb, enrolmentId: string): Promise<ExtensionRow[]> {
  return db
    .selectFrom("early_career_extensions")
    .select([
      "id",
      "reason",
      "approved_by as approvedBy",
      "new_end_on as newEndOn",
      "recorded_on as recordedOn",
    ])
    .where("enrolment_id", "=", enrolmentId)
    .orderBy("created_at", "desc")
    .execute();
}

export async function insertExtension(
  db: TenantDb,
  values: { enrolmentId: string; reason: string; approvedBy: string; newEndOn: IsoDate; recordedOn: IsoDate },
  by: string,
): Promise<void> {
  await db
    .insertInto("early_career_extensions")
    .values({
      enrolment_id: values.enrolmentId,
      reason: values.reason,
      approved_by: values.approvedBy,
      new_end_on: values.newEndOn,
      recorded_on: values.recordedOn,
      recorded_by: by,
    })
    .execute();
}

export interface ProgressionRow {
  id: string;
  enrolmentId: string;
  personId: string;
  personName: string;
  employeeNumber: string | null;
  fromCareerLevel: string | null;
  toCareerLevel: string;
  payPoint: string | null;
  effectiveOn: IsoDate;
  status: "open" | "confirmed";
  confirmedOn: IsoDate | null;
  confirmedSource: "hr" | "feed" | null;
  outcomeOn: IsoDate | null;
}

function progressionsQuery(db: TenantDb, scope: PeopleScope | undefined, today: IsoDate) {
  return db
    .selectFrom("early_career_progressions as g")
    .innerJoin("people", "people.id", "g.person_id")
    .innerJoin("early_career_enrolments as e", "e.id", "g.enrolment_id")
    .select([
      "g.id",
      "g.enrolment_id as enrolmentId",
      "g.person_id as personId",
      fullName.as("personName"),
      "people.employee_number as employeeNumber",
      "g.from_career_level as fromCareerLevel",
      "g.to_career_level as toCareerLevel",
      "g.pay_point as payPoint",
      "g.effective_on as effectiveOn",
      "g.status",
      "g.confirmed_on as confirmedOn",
      "g.confirmed_source as confirmedSource",
      "e.outcome_on as outcomeOn",
    ])
    .where(scope ? personInScope(scope, today) : sql<SqlBool>`true`);
}

/** Open actions, and those confirmed on or after `confirmedSince`, in the viewer's scope. */
export async function progressions(
  db: TenantDb,
  scope: PeopleScope | undefined,
  today: IsoDate,
  confirmedSince: IsoDate,
): Promise<ProgressionRow[]> {
  return progressionsQuery(db, scope, today)
    .where((eb) => eb.or([eb("g.status", "=", "open"), eb("g.confirmed_on", ">=", confirmedSince)]))
    .orderBy("g.status", "desc")
    .orderBy("g.effective_on")
    .orderBy("people.family_name")
    .execute();
}

export async function progression(
  db: TenantDb,
  progressionId: string,
  scope: PeopleScope | undefined,
  today: IsoDate,
): Promise<(ProgressionRow & { confirmedBy: string | null }) | undefined> {
  return progressionsQuery(db, scope, today)
    .select("g.confirmed_by as confirmedBy")
    .where("g.id", "=", progressionId)
    .executeTakeFirst();
}

export async function progressionForEnrolment(db: TenantDb, enrolmentId: string) {
  return db
    .selectFrom("early_career_progressions")
    .select([
      "id",
      "to_career_level as toCareerLevel",
      "pay_point as payPoint",
      "effective_on as effectiveOn",
    ])
    .select(["status", "confirmed_on as confirmedOn", "confirmed_source as confirmedSource"])
    .where("enrolment_id", "=", enrolmentId)
    .executeTakeFirst();
}

export async function confirmProgression(
  db: TenantDb,
  progressionId: string,
  source: "hr" | "feed",
  on: IsoDate,
  by: string,
  payPoint: string | null = null,
): Promise<boolean> {
  const result = await db
    .updateTable("early_career_progressions")
    .set({
      status: "confirmed",
      confirmed_on: on,
      confirmed_source: source,
      confirmed_by: by,
      ...(payPoint ? { pay_point: payPoint } : {}),
    })
    .where("id", "=", progressionId)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Open actions the HR feed has already carried out: an assignment at the new level from the date on. */
export async function progressionsShownByFeed(db: TenantDb): Promise<string[]> {
  const rows = await db
    .selectFrom("early_career_progressions as g")
    .select("g.id")
    .where("g.status", "=", "open")
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("assignments as a")
          .select("a.id")
          .whereRef("a.person_id", "=", "g.person_id")
          .whereRef("a.career_level", "=", "g.to_career_level")
          .where((eb) =>
            eb.or([eb("a.valid_to", "is", null), eb("a.valid_to", ">=", eb.ref("g.effective_on"))]),
          ),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

export interface OverdueMilestone {
  milestoneId: string;
  enrolmentId: string;
  name: string;
  dueOn: IsoDate;
  personName: string;
  assessorEmail: string | null;
  coordinatorEmail: string | null;
  hasCoordinator: boolean;
}

/**
 * Milestones past their due date, not completed, not optional, of an active enrolment, not yet
 * flagged for this due date.
 */
export async function overdueMilestones(db: TenantDb, today: IsoDate): Promise<OverdueMilestone[]> {
  return db
    .selectFrom("early_career_milestones as m")
    .innerJoin("early_career_enrolments as e", "e.id", "m.enrolment_id")
    .innerJoin("early_career_cohorts as c", "c.id", "e.cohort_id")
    .innerJoin("people", "people.id", "e.person_id")
    .leftJoin("people as a", "a.id", "e.assessor_person_id")
    .leftJoin("people as co", "co.id", "c.coordinator_person_id")
    .select([
      "m.id as milestoneId",
      "m.enrolment_id as enrolmentId",
      "m.name",
      "m.due_on as dueOn",
      fullName.as("personName"),
      "a.email as assessorEmail",
      "co.email as coordinatorEmail",
      sql<boolean>`c.coordinator_person_id is not null`.as("hasCoordinator"),
    ])
    .where("m.due_on", "<", today)
    .where("m.completed_on", "is", null)
    .where("m.optional", "=", false)
    .where("e.status", "=", "active")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("early_career_milestone_flags as f")
            .select("f.id")
            .whereRef("f.milestone_id", "=", "m.id")
            .whereRef("f.due_on", "=", "m.due_on"),
        ),
      ),
    )
    .orderBy("m.due_on")
    .orderBy("m.id")
    .execute();
}

/** Marks a milestone flagged for its due date; false if it already was. */
export async function flagMilestone(db: TenantDb, milestoneId: string, dueOn: IsoDate, today: IsoDate) {
  const row = await db
    .insertInto("early_career_milestone_flags")
    .values({ milestone_id: milestoneId, due_on: dueOn, flagged_on: today })
    .onConflict((oc) => oc.columns(["milestone_id", "due_on"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** The emails of the council's active users holding the ASYE co-ordinator role. */
export async function coordinatorUserEmails(db: TenantDb): Promise<string[]> {
  const rows = await db
    .selectFrom("user_roles as ur")
    .innerJoin("users as u", "u.id", "ur.user_id")
    .select("u.email")
    .distinct()
    .where("ur.role", "=", "asye_coordinator")
    .where("u.status", "=", "active")
    .orderBy("u.email")
    .execute();
  return rows.map((r) => r.email);
}

/** Data protection: a person's reviews and extensions lose their free text. */
export async function anonymiseReviews(db: TenantDb, personId: string): Promise<void> {
  const theirs = db.selectFrom("early_career_enrolments").select("id").where("person_id", "=", personId);
  await db
    .updateTable("early_career_reviews")
    .set({ evidence_seen: null, action_plan: null })
    .where("enrolment_id", "in", theirs)
    .execute();
  await db
    .updateTable("early_career_extensions")
    .set({ reason: "Removed", approved_by: "Removed" })
    .where("enrolment_id", "in", theirs)
    .execute();
}
