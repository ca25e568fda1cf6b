import type { FastifyInstance } from "fastify";
import { addDays, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { EntryRoute } from "../schema.js";
import * as repo from "./enrolments.repository.js";
import { reschedule } from "./reschedule.js";
import { milestoneDates, plannedEnd } from "./schedule.js";

/**
 * Demo cohorts and enrolments from the demo people who are or were NQSWs (assignments at career
 * level nqsw, job role NQSW): one cohort per intake (September for starts from July to December,
 * March for January to June), each NQSW starting on their NQSW assignment's first day.
 *   - finished (planned end passed): passed, portfolio, sign-off and panel recorded, outcome on
 *     the end date, all milestones completed; past cohorts keep the programme's first version;
 *   - left the council before the end: withdrawn;
 *   - still in the year: active on the current version, milestones due before today completed,
 *     except that every fourth NQSW has their latest one still open (overdue); one has had a
 *     closed pause of long sickness.
 * assessor@demo.test's person assesses the first three current NQSWs (when registered with
 * Social Work England); other assessors are registered senior practitioners in turn. The
 * practitioner account's person is a current social worker (job role SW), so never a current
 * NQSW: they appear only if they were an NQSW in the past. Does nothing once a cohort exists.
 * Returns the number of enrolments made.
 */
export async function seedDemoEnrolments(app: FastifyInstance): Promise<number> {
  const tenants = await app.platform.data.system
    .selectFrom("tenants")
    .select("id")
    .orderBy("created_at")
    .execute();
  let made = 0;
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    made += await seedCouncil(app, ctx);
  }
  return made;
}

const demoRoutes: EntryRoute[] = [
  "university",
  "university",
  "step_up",
  "university",
  "frontline",
  "apprenticeship",
];

async function asyeProgramme(db: TenantDb) {
  return db.selectFrom("early_career_programmes").select("id").where("code", "=", "ASYE").executeTakeFirst();
}

async function seedCouncil(app: FastifyInstance, ctx: TenantContext): Promise<number> {
  const { data } = app.platform;
  const today = app.people.today();
  const state = await data.run(ctx, async (db) => ({
    seeded: !!(await db.selectFrom("early_career_cohorts").select("id").limit(1).executeTakeFirst()),
    programme: await asyeProgramme(db),
  }));
  if (state.seeded) return 0;
  if (!state.programme) await app.earlyCareerProgrammes.ensureShipped(ctx);

  return data.run(ctx, async (db) => {
    const programme = state.programme ?? (await asyeProgramme(db));
    if (!programme) return 0;
    const versions = await db
      .selectFrom("early_career_programme_versions")
      .select(["id", "version", "length_months", "milestones"])
      .where("programme_id", "=", programme.id)
      .orderBy("version")
      .execute();
    const first = versions[0];
    const current = versions.at(-1);
    if (!first || !current) return 0;

    const nqsws = await db
      .selectFrom("assignments as a")
      .innerJoin("job_roles as r", "r.id", "a.job_role_id")
      .innerJoin("people as p", "p.id", "a.person_id")
      .select(["a.person_id", "p.swe_first_registered_on", (eb) => eb.fn.min("a.valid_from").as("start_on")])
      .where((eb) => eb.or([eb("a.career_level", "=", "nqsw"), eb("r.code", "=", "NQSW")]))
      .where("p.anonymised_on", "is", null)
      .groupBy(["a.person_id", "p.swe_first_registered_on"])
      .orderBy("start_on")
      .orderBy("a.person_id")
      .execute();
    if (!nqsws.length) return 0;

    const userPerson = async (email: string) =>
      (await db.selectFrom("users").select("person_id").where("email", "=", email).executeTakeFirst())
        ?.person_id ?? null;
    const demoAssessor = await userPerson("assessor@demo.test");
    const coordinator = await userPerson("asye.coordinator@demo.test");
    const demoAssessorFacts = demoAssessor ? await repo.personFacts(db, demoAssessor) : undefined;
    const demoAssessorOk = !!demoAssessorFacts && repo.isPractising(demoAssessorFacts.swe_status);
    const assessorPool = (
      await db
        .selectFrom("assignments as a")
        .innerJoin("job_roles as r", "r.id", "a.job_role_id")
        .innerJoin("people as p", "p.id", "a.person_id")
        .select("p.id")
        .distinct()
        .where("r.code", "in", ["SSW", "PE", "AP", "ATM"])
        .where("p.swe_status", "in", ["registered", "registered_with_conditions"])
        .where("a.valid_from", "<=", today)
        .where((eb) => eb.or([eb("a.valid_to", "is", null), eb("a.valid_to", ">=", today)]))
        .execute()
    )
      .map((r) => r.id)
      .sort();
    const leavings = new Map(
      (
        await db
          .selectFrom("leavings")
          .select(["person_id", "left_on"])
          .where(
            "person_id",
            "in",
            nqsws.map((n) => n.person_id),
          )
          .execute()
      ).map((l) => [l.person_id, l.left_on]),
    );

    const cohorts = new Map<string, string>();
    const cohortFor = async (startOn: IsoDate) => {
      const year = startOn.slice(0, 4);
      const september = Number(startOn.slice(5, 7)) >= 7;
      const name = `${september ? "September" : "March"} ${year}`;
      let id = cohorts.get(name);
      if (!id) {
        id = await repo.insertCohort(db, {
          programme_id: programme.id,
          name,
          intake_on: `${year}-${september ? "09" : "03"}-01`,
          coordinator_person_id: coordinator,
        });
        cohorts.set(name, id);
      }
      return id;
    };

    let made = 0;
    let activeCount = 0;
    let pool = 0;
    for (const [i, n] of nqsws.entries()) {
      const startOn = String(n.start_on);
      const assignment = await repo.assignmentOn(db, n.person_id, startOn);
      const fte = assignment ? Math.min(1, Number(assignment.fte)) : 1;
      const finished = plannedEnd(first.length_months, startOn, fte, []) <= today;
      const version = finished ? first : current;
      const endOn = plannedEnd(version.length_months, startOn, fte, []);
      const leftOn = leavings.get(n.person_id) ?? null;
      const withdrawn = leftOn !== null && leftOn < endOn;
      const active = !finished && !withdrawn;
      let assessor: string | null = null;
      if (active && activeCount < 3 && demoAssessorOk && demoAssessor && demoAssessor !== n.person_id) {
        assessor = demoAssessor;
      } else if (assessorPool.length) {
        const candidate = assessorPool[pool % assessorPool.length] as string;
        pool += 1;
        assessor = candidate === n.person_id ? null : candidate;
      }
      const registeredOn =
        n.swe_first_registered_on && n.swe_first_registered_on <= startOn ? n.swe_first_registered_on : null;
      const enrolmentId = await repo.insertEnrolment(db, {
        cohort_id: await cohortFor(startOn),
        person_id: n.person_id,
        programme_version_id: version.id,
        route: demoRoutes[i % demoRoutes.length] as EntryRoute,
        registered_on: registeredOn,
        start_on: startOn,
        fte,
        org_unit_id: assignment?.org_unit_id ?? null,
        line_manager_person_id: assignment?.line_manager_person_id ?? null,
        assessor_person_id: assessor,
        mentor_person_id: null,
        end_on: endOn,
      });
      const dates = milestoneDates(version.milestones, startOn, fte, []);
      await repo.insertMilestones(
        db,
        enrolmentId,
        dates.map((m) => ({ ...m, optional: m.optional ?? false })),
      );
      made += 1;

      if (finished && !withdrawn) {
        const portfolio = dates.find((m) => m.kind === "portfolio")?.dueOn ?? endOn;
        const panelOn = [addDays(portfolio, 21), endOn].sort()[0] as IsoDate;
        await db
          .updateTable("early_career_milestones")
          .set((eb) => ({ completed_on: eb.ref("due_on") }))
          .where("enrolment_id", "=", enrolmentId)
          .execute();
        await db
          .updateTable("early_career_enrolments")
          .set({
            status: "passed",
            outcome_on: endOn,
            outcome_recorded_by: "system:demo",
            portfolio_submitted_on: portfolio,
            assessor_signed_off_on: addDays(portfolio, 7),
            assessor_recommendation: "pass",
            panel_on: panelOn,
            panel_decision: "endorsed",
          })
          .where("id", "=", enrolmentId)
          .execute();
      } else if (withdrawn) {
        await db
          .updateTable("early_career_milestones")
          .set((eb) => ({ completed_on: eb.ref("due_on") }))
          .where("enrolment_id", "=", enrolmentId)
          .where("due_on", "<", leftOn)
          .execute();
        await db
          .updateTable("early_career_enrolments")
          .set({ status: "withdrawn", withdrawn_reason: "Left the council" })
          .where("id", "=", enrolmentId)
          .execute();
      } else {
        activeCount += 1;
        if (activeCount === 2 && startOn < addDays(today, -120)) {
          // A month's long sickness early in the year: the later dates move by 31 days.
          await repo.insertPause(db, {
            enrolment_id: enrolmentId,
            reason: "long_sickness",
            from_on: addDays(startOn, 60),
            to_on: addDays(startOn, 90),
            notes: null,
            recorded_by: "system:demo",
          });
          await reschedule(db, enrolmentId);
        }
        // The meetings already due are recorded (and so completed) by the reviews seed.
      }
    }
    return made;
  });
}
