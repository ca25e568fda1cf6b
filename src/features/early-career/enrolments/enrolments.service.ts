import type { AccessScope } from "../../../platform/auth/principal.js";
import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { TenantCache } from "../../../platform/tenancy/tenant-cache.js";
import type { BookingsService } from "../../learning/bookings/bookings.service.js";
import type { SessionsService } from "../../learning/sessions/sessions.service.js";
import { peopleScope } from "../../people/people-scope.js";
import type { EntryRoute, MilestoneKind, PauseReason } from "../schema.js";
import * as repo from "./enrolments.repository.js";
import { type MilestoneStatus, milestoneStatus, nextMilestone } from "./milestone-status.js";
import { reschedule } from "./reschedule.js";
import { milestoneDates, plannedEnd } from "./schedule.js";

export interface CohortInput {
  programmeId: string;
  name: string;
  intakeOn: IsoDate;
  coordinatorPersonId: string | null;
}

export interface EnrolInput {
  personId: string;
  route: EntryRoute;
  registeredOn: IsoDate | null;
  startOn: IsoDate;
  /** Null: copied from the person's assignment today (or on the start date), else 1. */
  fte: number | null;
  orgUnitId: string | null;
  lineManagerPersonId: string | null;
  assessorPersonId: string | null;
  mentorPersonId: string | null;
}

export interface EnrolmentChanges {
  registeredOn: IsoDate | null;
  fte: number;
  orgUnitId: string | null;
  lineManagerPersonId: string | null;
  assessorPersonId: string | null;
  mentorPersonId: string | null;
}

export interface PauseInput {
  reason: PauseReason;
  fromOn: IsoDate;
  toOn: IsoDate | null;
  notes: string | null;
}

/** What booking the core training came to, course by course, for the confirmation notice. */
export interface CoreTrainingResult {
  courseId: string;
  courseTitle: string;
  outcome: "booked" | "waiting" | "already_booked" | "no_session" | "not_booked";
  sessionId: string | null;
  startsOn: IsoDate | null;
  /** Why a booking was refused (outcome not_booked). */
  message: string | null;
}

export interface EnrolmentMilestone {
  id: string;
  code: string;
  name: string;
  kind: MilestoneKind;
  sequence: number;
  optional: boolean;
  dueOn: IsoDate;
  completedOn: IsoDate | null;
  status: MilestoneStatus;
}

/** An enrolment with names, its milestones and where it stands. */
export interface Enrolment {
  id: string;
  cohortId: string;
  cohortName: string;
  programmeId: string;
  programmeName: string;
  programmeVersionId: string;
  version: number;
  lengthMonths: number;
  maxMonths: number;
  personId: string;
  personName: string;
  employeeNumber: string | null;
  route: EntryRoute;
  registeredOn: IsoDate | null;
  startOn: IsoDate;
  fte: number;
  orgUnitId: string | null;
  teamName: string | null;
  lineManagerPersonId: string | null;
  lineManagerName: string | null;
  assessorPersonId: string | null;
  assessorName: string | null;
  mentorPersonId: string | null;
  mentorName: string | null;
  status: "active" | "passed" | "failed" | "withdrawn";
  endOn: IsoDate;
  outcomeOn: IsoDate | null;
  withdrawnReason: string | null;
  /** A pause covers today. */
  paused: boolean;
  milestones: EnrolmentMilestone[];
  next: EnrolmentMilestone | null;
}

/** The learning offer this area books through (the learning feature's services). */
export interface LearningOffer {
  sessions: Pick<SessionsService, "upcoming" | "course">;
  bookings: Pick<BookingsService, "bookCohort">;
}

/**
 * Cohorts and enrolments of the early career programme. Enrolment pins the programme's current
 * version, copies team, line manager and FTE from the person's assignment, generates the
 * milestones (schedule.ts) and books the core training through the learning offer. Every change
 * that moves dates (FTE, pauses) reschedules in the same transaction.
 */
export class EarlyCareerEnrolmentsService {
  readonly #cache: TenantCache;

  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly learning: LearningOffer,
  ) {
    this.#cache = new TenantCache(clock);
  }

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  // ---- cohorts ----

  async programmes(ctx: TenantContext) {
    return this.data.run(ctx, (db) => repo.programmes(db));
  }

  async createCohort(ctx: TenantContext, input: CohortInput): Promise<string> {
    return this.data.run(ctx, async (db) => {
      const programme = (await repo.programmes(db)).find((p) => p.id === input.programmeId);
      if (!programme) throw new RuleError("programme_id", "Select a programme from the list");
      if (programme.retired_on && programme.retired_on <= input.intakeOn)
        throw new RuleError("programme_id", "That programme is retired: select another programme");
      if (await repo.cohortNameTaken(db, input.name))
        throw new RuleError("name", "A cohort already has that name: enter another name");
      if (input.coordinatorPersonId && !(await repo.staffExists(db, input.coordinatorPersonId)))
        throw new RuleError("coordinator_person_id", "Select the co-ordinator from the list");
      return repo.insertCohort(db, {
        programme_id: input.programmeId,
        name: input.name,
        intake_on: input.intakeOn,
        coordinator_person_id: input.coordinatorPersonId,
      });
    });
  }

  /** Every cohort, newest intake first, with counts of its enrolments by status. */
  async cohorts(ctx: TenantContext) {
    return this.data.run(ctx, (db) => repo.cohorts(db));
  }

  async cohort(ctx: TenantContext, cohortId: string) {
    return this.data.run(ctx, async (db) => (await repo.cohorts(db, cohortId))[0] ?? null);
  }

  /** A cohort's enrolments, by name. */
  async members(ctx: TenantContext, cohortId: string): Promise<Enrolment[]> {
    return this.data.run(ctx, async (db) => this.#enrolments(db, await repo.enrolmentRows(db, { cohortId })));
  }

  // ---- the enrolment form's choices ----

  /**
   * People for the form: qualified social workers without an active enrolment (NQSWs first),
   * registered social workers who may assess, and staff for line manager and mentor.
   */
  async enrolChoices(ctx: TenantContext) {
    const today = this.today();
    return this.data.run(ctx, async (db) => {
      const rows = await repo.staffChoices(db, today);
      const units = await repo.unitNames(
        db,
        rows.map((r) => r.org_unit_id),
        today,
      );
      const active = await repo.activelyEnrolled(db);
      // One row a person: their social work assignment first (the query's order).
      const byId = new Map<string, (typeof rows)[number]>();
      for (const r of rows) if (!byId.has(r.id)) byId.set(r.id, r);
      const people = [...byId.values()];
      const label = (r: (typeof rows)[number]) =>
        `${r.name}${r.employee_number ? ` (${r.employee_number})` : ""}, ${r.job_role_name}${
          r.org_unit_id && units.get(r.org_unit_id) ? `, ${units.get(r.org_unit_id)}` : ""
        }`;
      const qualified = (r: (typeof rows)[number]) => r.social_work_qualified || !!r.swe_number;
      const nqsw = (r: (typeof rows)[number]) => r.career_level === "nqsw" || r.job_role_code === "NQSW";
      return {
        nqsws: people
          .filter((r) => qualified(r) && !active.has(r.id))
          .sort((a, b) => Number(nqsw(b)) - Number(nqsw(a)))
          .map((r) => ({ id: r.id, text: `${label(r)}${nqsw(r) ? " (NQSW)" : ""}` })),
        assessors: people
          .filter((r) => repo.isPractising(r.swe_status))
          .map((r) => ({ id: r.id, text: label(r) })),
        staff: people.map((r) => ({ id: r.id, text: label(r) })),
      };
    });
  }

  // ---- enrolment ----

  /**
   * Enrols a person on a cohort: the programme's current version, its milestones and planned
   * end; then books the core training (its own transactions, after this one commits).
   */
  async enrol(
    ctx: TenantContext,
    cohortId: string,
    input: EnrolInput,
  ): Promise<{ enrolmentId: string; training: CoreTrainingResult[] }> {
    const enrolled = await this.data.run(ctx, async (db) => {
      const cohort = (await repo.cohorts(db, cohortId))[0];
      if (!cohort) throw new RuleError("person_id", "That cohort no longer exists");
      const version = await repo.currentVersion(db, cohort.programmeId);
      if (!version) throw new RuleError("person_id", "The cohort's programme has no template yet");

      const person = await repo.personFacts(db, input.personId);
      if (person?.kind !== "staff" || person.anonymised_on)
        throw new RuleError("person_id", "Select the newly qualified social worker from the list");
      // Team, line manager and FTE come from the assignment today (else the one on the start date).
      const assignment =
        (await repo.assignmentOn(db, input.personId, this.today())) ??
        (await repo.assignmentOn(db, input.personId, input.startOn));
      if (!assignment?.social_work_qualified && !person.swe_number)
        throw new RuleError(
          "person_id",
          `${person.name} is not a qualified social worker: they need a social work job role or a Social Work England number`,
        );
      if (await repo.activeEnrolmentOf(db, input.personId))
        throw new RuleError("person_id", `${person.name} is already on an early career programme`);
      if (input.registeredOn && input.registeredOn > input.startOn)
        throw new RuleError("registered_on-day", "Registration date must be on or before the start date");
      await this.#checkPeople(db, input.personId, input);

      const fte = input.fte ?? (assignment ? Math.min(1, Number(assignment.fte)) : 1);
      const orgUnitId = input.orgUnitId ?? assignment?.org_unit_id ?? null;
      const lineManagerPersonId = input.lineManagerPersonId ?? assignment?.line_manager_person_id ?? null;
      const dates = milestoneDates(version.milestones, input.startOn, fte, []);
      const enrolmentId = await repo.insertEnrolment(db, {
        cohort_id: cohortId,
        person_id: input.personId,
        programme_version_id: version.id,
        route: input.route,
        registered_on: input.registeredOn,
        start_on: input.startOn,
        fte,
        org_unit_id: orgUnitId,
        line_manager_person_id: lineManagerPersonId,
        assessor_person_id: input.assessorPersonId,
        mentor_person_id: input.mentorPersonId,
        end_on: plannedEnd(version.length_months, input.startOn, fte, []),
      });
      await repo.insertMilestones(
        db,
        enrolmentId,
        dates.map((m) => ({ ...m, optional: m.optional ?? false })),
      );
      return {
        enrolmentId,
        courseIds: version.core_course_ids,
        personId: input.personId,
        startOn: input.startOn,
      };
    });
    const training = await this.bookCoreTraining(
      ctx,
      enrolled.personId,
      enrolled.startOn,
      enrolled.courseIds,
    );
    return { enrolmentId: enrolled.enrolmentId, training };
  }

  /**
   * Books the person onto each core course: the first session that starts on or after the start
   * date and is open for booking (places first, then the waiting list). Each booking is its own
   * transaction (the learning offer's); a refusal is reported, not thrown.
   */
  async bookCoreTraining(
    ctx: TenantContext,
    personId: string,
    startOn: IsoDate,
    courseIds: readonly string[],
  ): Promise<CoreTrainingResult[]> {
    const results: CoreTrainingResult[] = [];
    for (const courseId of courseIds) {
      const course = await this.learning.sessions.course(ctx, courseId);
      const courseTitle = course?.title ?? "A core course";
      const now = this.clock.now();
      const sessions = await this.learning.sessions.upcoming(ctx, { courseId });
      const session = sessions.find((s) => {
        const first = new Date(s.first_start);
        return !s.bookingClosed && first > now && dateInLondon(first) >= startOn;
      });
      const base = { courseId, courseTitle, sessionId: session?.id ?? null, message: null };
      if (!session) {
        results.push({ ...base, outcome: "no_session", startsOn: null });
        continue;
      }
      const startsOn = dateInLondon(new Date(session.first_start));
      try {
        const report = await this.learning.bookings.bookCohort(ctx, session.id, { personIds: [personId] });
        const outcome = report?.booked.length
          ? "booked"
          : report?.waiting.length
            ? "waiting"
            : report?.alreadyBooked.length
              ? "already_booked"
              : "not_booked";
        results.push({ ...base, outcome, startsOn });
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        results.push({ ...base, outcome: "not_booked", startsOn, message: err.message });
      }
    }
    return results;
  }

  async enrolment(ctx: TenantContext, enrolmentId: string): Promise<Enrolment | null> {
    return this.data.run(ctx, async (db) => {
      const rows = await repo.enrolmentRows(db, { enrolmentId });
      return (await this.#enrolments(db, rows))[0] ?? null;
    });
  }

  async pauses(ctx: TenantContext, enrolmentId: string) {
    const today = this.today();
    return this.data.run(ctx, async (db) =>
      (await repo.pausesOf(db, enrolmentId)).map((p) => ({
        id: p.id,
        reason: p.reason,
        fromOn: p.from_on,
        toOn: p.to_on,
        notes: p.notes,
        current: p.from_on <= today && (p.to_on === null || p.to_on >= today),
      })),
    );
  }

  /** The person's own enrolment: the active one, else the latest. */
  async ownEnrolment(ctx: TenantContext, personId: string): Promise<Enrolment | null> {
    return this.data.run(ctx, async (db) => {
      const all = await this.#enrolments(db, await repo.enrolmentRows(db, { personId }));
      return (
        all.find((e) => e.status === "active") ??
        all.sort((a, b) => (a.startOn < b.startOn ? 1 : -1))[0] ??
        null
      );
    });
  }

  /** Active enrolments naming the person as assessor, mentor or line manager. */
  async supported(ctx: TenantContext, personId: string): Promise<Array<Enrolment & { roles: string[] }>> {
    return this.data.run(ctx, async (db) => {
      const rows = (await repo.enrolmentRows(db, { supporterId: personId })).filter(
        (r) => r.status === "active",
      );
      return (await this.#enrolments(db, rows)).map((e) => ({
        ...e,
        roles: [
          e.assessorPersonId === personId ? "Assessor" : null,
          e.mentorPersonId === personId ? "Mentor" : null,
          e.lineManagerPersonId === personId ? "Line manager" : null,
        ].filter((r): r is string => r !== null),
      }));
    });
  }

  /**
   * The active enrolments of the NQSWs a manager's, HR's, the PSW's or a senior leader's scope
   * reaches (not for a scope of only oneself: that is `ownEnrolment`).
   */
  async inScope(ctx: TenantContext, scope: AccessScope): Promise<Enrolment[]> {
    if (!scope.tenant && !scope.reportsOf && scope.unitIds.length === 0) return [];
    const on = this.today();
    // Remembered per scope and day until the council's data changes: a manager's home page asks
    // on every visit, and the scope's line management search makes the query slow to plan.
    const key = `inScope:${on}:${scope.tenant ? "tenant" : JSON.stringify([scope.reportsOf, scope.personId, scope.unitIds])}`;
    return this.data.run(ctx, (db) =>
      this.#cache.get(db, ctx.tenantId, key, async () => {
        const people = await peopleScope(db, scope, on);
        const rows = people
          ? await repo.enrolmentRows(db, { inScope: { scope: people, on } })
          : await repo.enrolmentRows(db, {});
        return this.#enrolments(
          db,
          rows.filter((r) => r.status === "active"),
        );
      }),
    );
  }

  /** Changes the people, team, FTE and registration date; an FTE change reschedules. */
  async editEnrolment(ctx: TenantContext, enrolmentId: string, changes: EnrolmentChanges): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const current = (await repo.enrolmentRows(db, { enrolmentId }))[0];
      if (!current) throw new RuleError("assessor_person_id", "That enrolment no longer exists");
      if (current.status !== "active") throw new RuleError("fte", "Only an active enrolment can be changed");
      if (changes.registeredOn && changes.registeredOn > current.start_on)
        throw new RuleError("registered_on-day", "Registration date must be on or before the start date");
      await this.#checkPeople(db, current.person_id, changes);
      await db
        .updateTable("early_career_enrolments")
        .set({
          registered_on: changes.registeredOn,
          fte: changes.fte,
          org_unit_id: changes.orgUnitId,
          line_manager_person_id: changes.lineManagerPersonId,
          assessor_person_id: changes.assessorPersonId,
          mentor_person_id: changes.mentorPersonId,
          updated_at: this.clock.now(),
        })
        .where("id", "=", enrolmentId)
        .execute();
      if (Number(current.fte) !== changes.fte) await reschedule(db, enrolmentId);
    });
  }

  /** A pause (maternity leave, long sickness...): not an extension; later dates move by it. */
  async addPause(ctx: TenantContext, enrolmentId: string, input: PauseInput): Promise<string> {
    return this.data.run(ctx, async (db) => {
      const current = await this.#activeEnrolment(db, enrolmentId, "reason");
      if (input.fromOn < current.start_on)
        throw new RuleError("from_on-day", "The pause must start on or after the start of the programme");
      if (input.toOn && input.toOn < input.fromOn)
        throw new RuleError("to_on-day", "The end of the pause must be the same as or after its start");
      const pauses = await repo.pausesOf(db, enrolmentId);
      if (input.toOn === null && pauses.some((p) => p.to_on === null))
        throw new RuleError("to_on-day", "There is already a pause with no end: end it first");
      const end = input.toOn ?? "9999-12-31";
      const clash = pauses.find((p) => p.from_on <= end && (p.to_on ?? "9999-12-31") >= input.fromOn);
      if (clash) throw new RuleError("from_on-day", "The pause overlaps a pause already recorded");
      const id = await repo.insertPause(db, {
        enrolment_id: enrolmentId,
        reason: input.reason,
        from_on: input.fromOn,
        to_on: input.toOn,
        notes: input.notes,
        recorded_by: ctx.actor.id,
      });
      await reschedule(db, enrolmentId);
      return id;
    });
  }

  /** Ends an open pause on a date (its last paused day). */
  async endPause(ctx: TenantContext, enrolmentId: string, pauseId: string, toOn: IsoDate): Promise<void> {
    await this.data.run(ctx, async (db) => {
      await this.#activeEnrolment(db, enrolmentId, "ended_on-day");
      const pause = (await repo.pausesOf(db, enrolmentId)).find((p) => p.id === pauseId);
      if (!pause || pause.to_on !== null) throw new RuleError("ended_on-day", "That pause has already ended");
      if (toOn < pause.from_on)
        throw new RuleError("ended_on-day", "The end of the pause must be the same as or after its start");
      await db.updateTable("early_career_pauses").set({ to_on: toOn }).where("id", "=", pauseId).execute();
      await reschedule(db, enrolmentId);
    });
  }

  /** The co-ordinator withdraws an NQSW from the programme (left, moved role...). */
  async withdraw(ctx: TenantContext, enrolmentId: string, reason: string): Promise<void> {
    await this.data.run(ctx, async (db) => {
      await this.#activeEnrolment(db, enrolmentId, "withdrawn_reason");
      await db
        .updateTable("early_career_enrolments")
        .set({ status: "withdrawn", withdrawn_reason: reason, updated_at: this.clock.now() })
        .where("id", "=", enrolmentId)
        .execute();
    });
  }

  async #activeEnrolment(db: TenantDb, enrolmentId: string, field: string) {
    const row = (await repo.enrolmentRows(db, { enrolmentId }))[0];
    if (!row) throw new RuleError(field, "That enrolment no longer exists");
    if (row.status !== "active") throw new RuleError(field, "Only an active enrolment can be changed");
    return row;
  }

  /** The assessor is a registered social worker and not the NQSW; the others exist and are not the NQSW. */
  async #checkPeople(
    db: TenantDb,
    nqswId: string,
    p: Pick<EnrolInput, "assessorPersonId" | "mentorPersonId" | "lineManagerPersonId" | "orgUnitId">,
  ): Promise<void> {
    if (p.assessorPersonId) {
      if (p.assessorPersonId === nqswId)
        throw new RuleError("assessor_person_id", "The assessor cannot be the newly qualified social worker");
      const assessor = await repo.personFacts(db, p.assessorPersonId);
      if (assessor?.kind !== "staff" || assessor.anonymised_on)
        throw new RuleError("assessor_person_id", "Select the assessor from the list");
      if (!repo.isPractising(assessor.swe_status))
        throw new RuleError(
          "assessor_person_id",
          `${assessor.name} is not a registered social worker: the assessor must be registered with Social Work England`,
        );
    }
    if (p.mentorPersonId) {
      if (p.mentorPersonId === nqswId)
        throw new RuleError("mentor_person_id", "The mentor cannot be the newly qualified social worker");
      if (!(await repo.staffExists(db, p.mentorPersonId)))
        throw new RuleError("mentor_person_id", "Select the mentor from the list");
    }
    if (p.lineManagerPersonId) {
      if (p.lineManagerPersonId === nqswId)
        throw new RuleError(
          "line_manager_person_id",
          "The line manager cannot be the newly qualified social worker",
        );
      if (!(await repo.staffExists(db, p.lineManagerPersonId)))
        throw new RuleError("line_manager_person_id", "Select the line manager from the list");
    }
    if (p.orgUnitId && !(await repo.unitExists(db, p.orgUnitId)))
      throw new RuleError("org_unit_id", "Select the team from the list");
  }

  async #enrolments(db: TenantDb, rows: repo.EnrolmentDbRow[]): Promise<Enrolment[]> {
    if (!rows.length) return [];
    const today = this.today();
    const ids = rows.map((r) => r.id);
    const [milestones, paused, names, units] = await Promise.all([
      repo.milestonesOf(db, ids),
      repo.pausedOn(db, ids, today),
      repo.personNames(
        db,
        rows.flatMap((r) => [r.line_manager_person_id, r.assessor_person_id, r.mentor_person_id]),
      ),
      repo.unitNames(
        db,
        rows.map((r) => r.org_unit_id),
        today,
      ),
    ]);
    return rows.map((r) => {
      const own = milestones
        .filter((m) => m.enrolment_id === r.id)
        .map((m) => {
          const base = {
            id: m.id,
            code: m.code,
            name: m.name,
            kind: m.kind,
            sequence: m.sequence,
            optional: m.optional,
            dueOn: m.due_on,
            completedOn: m.completed_on,
          };
          return { ...base, status: milestoneStatus(base, today) };
        });
      const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
      return {
        id: r.id,
        cohortId: r.cohort_id,
        cohortName: r.cohort_name,
        programmeId: r.programme_id,
        programmeName: r.programme_name,
        programmeVersionId: r.version_id,
        version: r.version,
        lengthMonths: r.length_months,
        maxMonths: r.max_months,
        personId: r.person_id,
        personName: r.person_name,
        employeeNumber: r.employee_number,
        route: r.route,
        registeredOn: r.registered_on,
        startOn: r.start_on,
        fte: Number(r.fte),
        orgUnitId: r.org_unit_id,
        teamName: r.org_unit_id ? (units.get(r.org_unit_id) ?? null) : null,
        lineManagerPersonId: r.line_manager_person_id,
        lineManagerName: name(r.line_manager_person_id),
        assessorPersonId: r.assessor_person_id,
        assessorName: name(r.assessor_person_id),
        mentorPersonId: r.mentor_person_id,
        mentorName: name(r.mentor_person_id),
        status: r.status,
        endOn: r.end_on,
        outcomeOn: r.outcome_on,
        withdrawnReason: r.withdrawn_reason,
        paused: paused.has(r.id),
        milestones: own,
        next: r.status === "active" ? (nextMilestone(own) ?? null) : null,
      };
    });
  }
}
