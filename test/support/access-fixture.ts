import { createHash } from "node:crypto";
import { sql } from "kysely";
import { defaultMapping } from "../../src/features/people/feeds/mapping.js";
import type { RoleGrant } from "../../src/platform/auth/principal.js";
import type { TenantContext } from "../../src/platform/tenancy/data-access.js";
import type { TestApp } from "./app.js";
import { seedPeopleFixture } from "./people-fixture.js";

/**
 * The people fixture (see people-fixture.ts) with line management, a second directorate, a
 * household outside most scopes, feed records, and a second council with one of everything:
 *
 *   Children's Services (D)           Sid Senior (senior leader)
 *     Safeguarding (S1)               Sam Service (service manager, held on S1)
 *       Assessment (T1)               Alice (supervises the Smiths), Lina Line (line manager),
 *                                     Sean Senior-Practitioner (reports to Lina)
 *       Family Support (T2)           Pat Practitioner (reports to Sean: Lina's indirect report)
 *     Early Help (S2)                 Filler 01
 *   Corporate Services (D2)           Olive Outside (supervises the Browns)
 *
 * Each role's user is linked to a person: "own" is that person (or the unit they work in).
 */
export interface AccessFixture {
  /** Each role's grants and person, and its records by kind. */
  roles: Record<string, RoleFixture>;
  other: {
    person: string;
    unit: string;
    household: string;
    source: string;
    run: string;
    possibleLeaver: string;
    user: string;
    course: string;
  } & Partial<LearningFixture>;
  council: {
    source: string;
    run: string;
    possibleLeaver: string;
    historyPerson: string;
    user: string;
    course: string;
  } & Partial<LearningFixture>;
}

/**
 * Adds one of each learning record a route can name to both councils of an access fixture (the
 * access-table test; other tests count their own records from an empty offer).
 */
export async function addLearningRecords(t: TestApp, f: AccessFixture): Promise<void> {
  const ours = await t.app.platform.data.system
    .selectFrom("learning_courses")
    .select(["id", "tenant_id"])
    .where("id", "in", [f.council.course, f.other.course])
    .execute();
  const tenantOf = (course: string) => ours.find((c) => c.id === course)?.tenant_id ?? "";
  const oliveId = (
    await t.app.platform.data.system
      .selectFrom("people")
      .select("id")
      .where("given_name", "=", "Olive")
      .executeTakeFirstOrThrow()
  ).id;
  Object.assign(
    f.council,
    await learningRecords(
      t,
      { tenantId: tenantOf(f.council.course), actor: { id: "system:fixture" } },
      f.council.course,
      oliveId,
    ),
  );
  Object.assign(
    f.other,
    await learningRecords(
      t,
      { tenantId: tenantOf(f.other.course), actor: { id: "system:fixture" } },
      f.other.course,
      f.other.person,
    ),
  );
}

/** One of each learning record a route can name, in one council. */
export interface LearningFixture {
  requirement: string;
  learningRecord: string;
  session: string;
  booking: string;
  elearningRun: string;
  title: string;
  exportJob: string;
}

/**
 * A requirement, an external learning record awaiting verification, a session next month with a
 * live booking for `personId` (chosen outside most roles' scopes), an e-learning run and title, and
 * a compliance export job, all in the council of `ctx`.
 */
async function learningRecords(
  t: TestApp,
  ctx: TenantContext,
  courseId: string,
  personId: string,
): Promise<LearningFixture> {
  const made = await t.app.platform.data.run(ctx, async (db) => {
    const requirement = await db
      .insertInto("learning_requirements")
      .values({ code: "SAFEGUARDING", title: "Safeguarding children" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("learning_requirement_versions")
      .values({
        requirement_id: requirement.id,
        valid_from: "2024-01-01",
        course_ids: [courseId],
        due_within_days: 90,
        created_by: "system:fixture",
      })
      .execute();
    const record = await db
      .insertInto("learning_records")
      .values({
        person_id: personId,
        title: "Conference on neglect",
        completed_on: "2026-10-01",
        source: "external",
        verification: "awaiting",
        created_by: "system:fixture",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const session = await db
      .insertInto("learning_sessions")
      .values({
        course_id: courseId,
        capacity: 10,
        booking_closes_on: "2099-01-01",
        venue: "Origin One",
        room: "Room 2",
        created_by: "system:fixture",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("learning_session_parts")
      .values({
        session_id: session.id,
        part_number: 1,
        starts_at: "2099-01-05T09:30:00Z",
        ends_at: "2099-01-05T16:30:00Z",
      })
      .execute();
    const booking = await db
      .insertInto("learning_bookings")
      .values({
        session_id: session.id,
        person_id: personId,
        status: "requested",
        approval_by: "learning_team",
        requested_by: "system:fixture",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const run = await db
      .insertInto("learning_elearning_runs")
      .values({
        filename: "completions.csv",
        trigger: "upload",
        status: "imported",
        created_by: "system:fixture",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const title = await db
      .insertInto("learning_elearning_titles")
      .values({ title_key: "safeguarding basics", title: "Safeguarding Basics" })
      .returning("id")
      .executeTakeFirstOrThrow();
    return {
      requirement: requirement.id,
      learningRecord: record.id,
      session: session.id,
      booking: booking.id,
      elearningRun: run.id,
      title: title.id,
    };
  });
  // Jobs belong to the platform (no row-level security): written outside the tenant transaction.
  const job = await t.app.platform.data.system
    .insertInto("jobs")
    .values({
      tenant_id: ctx.tenantId,
      name: "learning.compliance.export",
      payload: JSON.stringify({ userId: "00000000-0000-4000-8000-000000000000" }),
      run_at: new Date(),
      created_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ...made, exportJob: String(job.id) };
}

export interface RoleFixture {
  grants: RoleGrant[];
  personId: string | null;
  person: { own: string; "in scope"?: string; "out of scope": string };
  unit: { own: string; "in scope": string; "out of scope": string };
  household: { "in scope"?: string; "out of scope": string };
}

export async function seedAccessFixture(t: TestApp): Promise<AccessFixture> {
  const { id } = await seedPeopleFixture(t.app, t.tenantId, { fillers: 1 });
  const ctx: TenantContext = { tenantId: t.tenantId, actor: { id: "system:fixture" } };
  const people = t.app.people;
  const { data } = t.app.platform;
  const must = (key: string): string => {
    const value = id[key];
    if (!value) throw new Error(`fixture has no ${key}`);
    return value;
  };
  const person = async (key: string, given: string, family: string) => {
    id[key] = await people.createPerson(ctx, { given_name: given, family_name: family });
  };
  const assign = (key: string, unit: string, manager: string | null) =>
    data.run(ctx, (db) =>
      people.addAssignment(db, must(key), {
        org_unit_id: must(unit),
        job_role_id: must("SW"),
        contract_type: "permanent",
        fte: 1,
        line_manager_person_id: manager ? must(manager) : null,
        valid_from: "2024-01-01",
      }),
    );

  await data.run(ctx, async (db) => {
    id.D2 = await people.createUnitIn(db, {
      code: "D2",
      name: "Corporate Services",
      unit_type: "directorate",
      parent_id: null,
      valid_from: "2023-01-01",
    });
  });
  await person("sid", "Sid", "Senior");
  await person("sam", "Sam", "Service");
  await person("lina", "Lina", "Line");
  await person("sean", "Sean", "Senior-Practitioner");
  await person("pat", "Pat", "Practitioner");
  await person("olive", "Olive", "Outside");
  await assign("sid", "D", null);
  await assign("sam", "S1", "sid");
  await assign("lina", "T1", "sam");
  await assign("sean", "T1", "lina");
  await assign("pat", "T2", "sean");
  await assign("olive", "D2", null);

  const feeds = async (db: Parameters<Parameters<typeof data.run>[1]>[0], personId: string) => {
    const source = await db
      .insertInto("feed_sources")
      .values({
        name: "HR system",
        full_extract: true,
        column_mapping: JSON.stringify(defaultMapping()),
        hr_contact_email: null,
        folder_name: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const run = await db
      .insertInto("feed_runs")
      .values({
        source_id: source.id,
        filename: "people.csv",
        trigger: "upload",
        status: "previewed",
        effective_on: "2026-11-23",
        created_by: "system:fixture",
        created_at: sql<Date>`now()`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("feed_run_rows")
      .values({ run_id: run.id, row_number: 1, external_id: "HR-9999", action: "unmatched", data: "{}" })
      .execute();
    const leaver = await db
      .insertInto("feed_possible_leavers")
      .values({
        source_id: source.id,
        run_id: run.id,
        person_id: personId,
        external_id: "HR-0001",
        flagged_on: "2026-11-23",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { source: source.id, run: run.id, possibleLeaver: leaver.id };
  };

  const council = await data.run(ctx, async (db) => {
    const browns = await db
      .insertInto("foster_households")
      .values({
        reference: "FH-003",
        name: "The Brown household",
        approval_type: "mainstream",
        approved_on: "2021-01-01",
        supervising_social_worker_id: must("olive"),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    id.browns = browns.id;
    return feeds(db, must("filler1"));
  });

  // A second council with a unit, a person, a household and feed records of its own.
  const tenantB = await data.system
    .insertInto("tenants")
    .values({ slug: "second-council", name: "Second Council" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const ctxB: TenantContext = { tenantId: tenantB.id, actor: { id: "system:fixture" } };
  const other = await data.run(ctxB, async (db) => {
    const unit = await people.createUnitIn(db, {
      code: "B1",
      name: "Second Council Team",
      unit_type: "team",
      parent_id: null,
      valid_from: "2023-01-01",
    });
    const household = await db
      .insertInto("foster_households")
      .values({
        reference: "FH-B1",
        name: "Another household",
        approval_type: "mainstream",
        approved_on: "2021-01-01",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { unit, household: household.id };
  });
  const otherPerson = await people.createPerson(ctxB, { given_name: "Bea", family_name: "Elsewhere" });
  const otherFeeds = await data.run(ctxB, (db) => feeds(db, otherPerson));
  const account = (tenant: TenantContext, email: string) =>
    data.run(tenant, (db) =>
      t.app.auth.createUser(db, {
        email,
        displayName: "Account Holder",
        roles: [{ role: "practitioner", unitId: null }],
      }),
    );
  const ourUser = await account(ctx, "holder@example.org");
  const course = (tenant: TenantContext) =>
    data.run(tenant, async (db) => {
      const row = await db
        .insertInto("learning_courses")
        .values({
          code: "CORE-ASS-01",
          title: "Basic Assessment Skills",
          tier: "core",
          group_key: "assessment",
          delivery: "face_to_face",
          booking_route: "self",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    });
  const ourCourse = await course(ctx);
  const otherCourse = await course(ctxB);
  const otherUser = await account(ctxB, "holder@second.example.org");

  const wide = (role: string, personKey: string): RoleFixture => ({
    grants: [{ role, unitId: null }],
    personId: must(personKey),
    person: { own: must(personKey), "in scope": must("alice"), "out of scope": must("olive") },
    unit: { own: must("T2"), "in scope": must("T1"), "out of scope": must("D2") },
    household: { "in scope": must("smiths"), "out of scope": must("browns") },
  });
  const self = (role: string, personKey: string): RoleFixture => ({
    grants: [{ role, unitId: null }],
    personId: must(personKey),
    person: { own: must(personKey), "out of scope": must("alice") },
    unit: { own: must("T2"), "in scope": must("T1"), "out of scope": must("D2") },
    household: { "out of scope": must("browns") },
  });
  const roles: Record<string, RoleFixture> = {
    practitioner: self("practitioner", "pat"),
    line_manager: {
      grants: [{ role: "line_manager", unitId: must("T1") }],
      personId: must("lina"),
      person: { own: must("lina"), "in scope": must("pat"), "out of scope": must("alice") },
      unit: { own: must("T1"), "in scope": must("T2"), "out of scope": must("S2") },
      household: { "out of scope": must("browns") },
    },
    service_manager: {
      grants: [{ role: "service_manager", unitId: must("S1") }],
      personId: must("sam"),
      person: { own: must("sam"), "in scope": must("alice"), "out of scope": must("filler1") },
      unit: { own: must("S1"), "in scope": must("T1"), "out of scope": must("S2") },
      household: { "in scope": must("smiths"), "out of scope": must("browns") },
    },
    learning_and_development_officer: wide("learning_and_development_officer", "bob"),
    asye_coordinator: wide("asye_coordinator", "bob"),
    assessor: self("assessor", "bob"),
    supervising_social_worker: {
      grants: [{ role: "supervising_social_worker", unitId: null }],
      personId: must("alice"),
      person: { own: must("alice"), "in scope": must("carer1"), "out of scope": must("bob") },
      unit: { own: must("T1"), "in scope": must("T1"), "out of scope": must("D2") },
      household: { "in scope": must("smiths"), "out of scope": must("browns") },
    },
    hr_workforce_analyst: wide("hr_workforce_analyst", "eve"),
    quality_assurance_lead: wide("quality_assurance_lead", "bob"),
    senior_leader: {
      grants: [{ role: "senior_leader", unitId: must("D") }],
      personId: must("sid"),
      person: { own: must("sid"), "in scope": must("alice"), "out of scope": must("olive") },
      unit: { own: must("D"), "in scope": must("T1"), "out of scope": must("D2") },
      household: { "in scope": must("smiths"), "out of scope": must("browns") },
    },
    system_administrator: wide("system_administrator", "dan"),
    external_learner: {
      grants: [{ role: "external_learner", unitId: null }],
      personId: must("carer2"),
      person: { own: must("carer2"), "in scope": must("carer1"), "out of scope": must("alice") },
      unit: { own: must("T1"), "in scope": must("T2"), "out of scope": must("D2") },
      household: { "in scope": must("smiths"), "out of scope": must("browns") },
    },
  };
  return {
    roles,
    other: {
      person: otherPerson,
      unit: other.unit,
      household: other.household,
      ...otherFeeds,
      user: otherUser,
      course: otherCourse,
    },
    council: { ...council, historyPerson: must("eve"), user: ourUser, course: ourCourse },
  };
}

/** The records the CPD and evaluation routes name, in both councils of an access fixture. */
export interface DevelopmentFixture {
  /** A final CPD entry shared with the supervisor, with one evidence file (this council: Olive's). */
  cpdEntry: string;
  cpdEvidence: string;
  /** An unanswered evaluation request for each person who has one, by person id. */
  evaluations: Map<string, string>;
  /** A learning need (this council: Alice's, in the service manager's scope, not the line manager's). */
  need: string;
}

/**
 * Adds the CPD and evaluation records (after `addLearningRecords`): a shared CPD entry with
 * evidence in each council, and an evaluation request for every person any role's records name
 * (own, in scope, out of scope) and for the other council's person, each on a past session.
 */
export async function addDevelopmentRecords(
  t: TestApp,
  f: AccessFixture,
): Promise<{ council: DevelopmentFixture; other: DevelopmentFixture }> {
  const tenantOf = async (course: string) =>
    (
      await t.app.platform.data.system
        .selectFrom("learning_courses")
        .select("tenant_id")
        .where("id", "=", course)
        .executeTakeFirstOrThrow()
    ).tenant_id;
  const oliveId = (
    await t.app.platform.data.system
      .selectFrom("people")
      .select("id")
      .where("given_name", "=", "Olive")
      .executeTakeFirstOrThrow()
  ).id;
  const ours = new Set<string>();
  for (const role of Object.values(f.roles)) {
    for (const id of Object.values(role.person)) if (id) ours.add(id);
  }
  const aliceId = (
    await t.app.platform.data.system
      .selectFrom("people")
      .select("id")
      .where("given_name", "=", "Alice")
      .executeTakeFirstOrThrow()
  ).id;
  const make = async (
    courseId: string,
    entryFor: string,
    people: string[],
    needFor: string,
  ): Promise<DevelopmentFixture> => {
    const ctx: TenantContext = { tenantId: await tenantOf(courseId), actor: { id: "system:fixture" } };
    const cpdEntry = await t.app.cpdLog.create(ctx, entryFor, {
      entryOn: "2026-10-01",
      title: "Reading on neglect",
      kind: "reading_research",
      category: "experience",
      hours: 2,
      learnt: "Signs of cumulative harm",
      impact: "Chronologies in every assessment",
      sweStandards: [3, 4],
      pcfDomains: [],
      kssStatements: [],
      learningRecordId: null,
      peer: null,
      status: "final",
      sharedWithSupervisor: true,
    });
    const cpdEvidence = await t.app.cpdLog.addEvidence(
      ctx,
      cpdEntry,
      { filename: "certificate.pdf", contentType: "application/pdf", data: Buffer.from("%PDF-1.7\n%%EOF\n") },
      null,
    );
    const evaluations = await t.app.platform.data.run(ctx, async (db) => {
      const session = await db
        .insertInto("learning_sessions")
        .values({
          course_id: courseId,
          capacity: 100,
          booking_closes_on: "2026-09-01",
          venue: "Origin One",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const made = new Map<string, string>();
      for (const personId of people) {
        const booking = await db
          .insertInto("learning_bookings")
          .values({
            session_id: session.id,
            person_id: personId,
            status: "booked",
            requested_by: "system:fixture",
            outcome: "completed",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const evaluation = await db
          .insertInto("learning_evaluations")
          .values({
            booking_id: booking.id,
            person_id: personId,
            course_id: courseId,
            session_id: session.id,
            attended_on: "2026-09-02",
            follow_up_due_on: "2026-12-02",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        made.set(personId, evaluation.id);
      }
      return made;
    });
    const need = await t.app.platform.data.run(ctx, (db) =>
      db
        .insertInto("learning_needs")
        .values({
          person_id: needFor,
          plan_year: 2027,
          course_id: courseId,
          priority: "essential",
          source: "manager",
          recorded_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    return { cpdEntry, cpdEvidence, evaluations, need: need.id };
  };
  return {
    council: await make(f.council.course, oliveId, [...ours], aliceId),
    other: await make(f.other.course, f.other.person, [f.other.person], f.other.person),
  };
}

/**
 * The ids of this council's people with the given names (in order), and a fixture actor's
 * context in this council (`ours`) and in the access fixture's other council (`theirs`).
 */
async function fixtureLookups<const Names extends readonly string[]>(
  t: TestApp,
  f: AccessFixture,
  givenNames: Names,
): Promise<{ people: { [K in keyof Names]: string }; ours: TenantContext; theirs: TenantContext }> {
  const system = t.app.platform.data.system;
  const people: string[] = [];
  for (const given of givenNames)
    people.push(
      (
        await system
          .selectFrom("people")
          .select("id")
          .where("given_name", "=", given)
          .executeTakeFirstOrThrow()
      ).id,
    );
  const otherTenant = (
    await system
      .selectFrom("people")
      .select("tenant_id")
      .where("id", "=", f.other.person)
      .executeTakeFirstOrThrow()
  ).tenant_id;
  return {
    people: people as { [K in keyof Names]: string },
    ours: { tenantId: t.tenantId, actor: { id: "system:fixture" } },
    theirs: { tenantId: otherTenant, actor: { id: "system:fixture" } },
  };
}

/** The records the early career routes name: a programme, a cohort and an enrolment with one of each. */
export interface EarlyCareerFixture {
  programme: string;
  cohort: string;
  enrolment: string;
  milestone: string;
  evidence: string;
  progression: string;
}

/**
 * Early career records in both councils of an access fixture: this council's enrolment is Pat's
 * (the practitioner's own), with Bob (the assessor role's person) as assessor and Lina as line
 * manager; an "out of scope" one is Olive's with no assessor; the other council's is Bea's.
 */
export async function addEarlyCareerRecords(
  t: TestApp,
  f: AccessFixture,
): Promise<{ council: EarlyCareerFixture; outOfScope: EarlyCareerFixture; other: EarlyCareerFixture }> {
  const {
    people: [pat, bob, lina, olive],
    ours,
    theirs,
  } = await fixtureLookups(t, f, ["Pat", "Bob", "Lina", "Olive"]);
  const programme = (ctx: TenantContext) =>
    t.app.platform.data.run(ctx, async (db) => {
      const p = await db
        .insertInto("early_career_programmes")
        .values({ code: "ASYE", name: "Assessed and Supported Year in Employment" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const v = await db
        .insertInto("early_career_programme_versions")
        .values({
          programme_id: p.id,
          version: 1,
          length_months: 12,
          milestones: JSON.stringify([
            { code: "review-3", name: "3-month review", kind: "review", at: { months: 3 } },
          ]),
          standards: JSON.stringify([{ framework: "PCF-ASYE", code: "PCF-1", title: "Professionalism" }]),
          min_evidence: JSON.stringify({ observation: 3 }),
          supervision_rhythm: JSON.stringify([{ until: null, every: { months: 1 } }]),
          protected_caseload_children: 14,
          protected_time_percent: 10,
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const c = await db
        .insertInto("early_career_cohorts")
        .values({ programme_id: p.id, name: "September 2026", intake_on: "2026-09-07" })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { programme: p.id, version: v.id, cohort: c.id };
    });
  const enrolment = (
    ctx: TenantContext,
    made: { programme: string; version: string; cohort: string },
    person: string,
    people: { assessor: string | null; lineManager: string | null },
  ): Promise<EarlyCareerFixture> =>
    t.app.platform.data.run(ctx, async (db) => {
      const e = await db
        .insertInto("early_career_enrolments")
        .values({
          cohort_id: made.cohort,
          person_id: person,
          programme_version_id: made.version,
          route: "university",
          registered_on: "2026-08-01",
          start_on: "2026-09-07",
          end_on: "2027-09-07",
          assessor_person_id: people.assessor,
          line_manager_person_id: people.lineManager,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const m = await db
        .insertInto("early_career_milestones")
        .values({
          enrolment_id: e.id,
          code: "review-3",
          name: "3-month review",
          kind: "review",
          sequence: 1,
          due_on: "2026-12-07",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const content = Buffer.from("%PDF-1.7\n%%EOF\n");
      const file = await db
        .insertInto("stored_files")
        .values({
          filename: "observation.pdf",
          content_type: "application/pdf",
          size_bytes: content.length,
          sha256: createHash("sha256").update(content).digest("hex"),
          content,
          uploaded_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const ev = await db
        .insertInto("early_career_evidence")
        .values({
          stored_file_id: file.id,
          enrolment_id: e.id,
          kind: "reflection",
          title: "Reflection on a first home visit",
          occurred_on: "2026-10-01",
          standards: ["PCF-1"],
          added_by_person_id: person,
          added_as: "nqsw",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const pr = await db
        .insertInto("early_career_progressions")
        .values({ enrolment_id: e.id, person_id: person, to_career_level: "sw", effective_on: "2027-09-08" })
        .returning("id")
        .executeTakeFirstOrThrow();
      return {
        programme: made.programme,
        cohort: made.cohort,
        enrolment: e.id,
        milestone: m.id,
        evidence: ev.id,
        progression: pr.id,
      };
    });
  const made = await programme(ours);
  const madeOther = await programme(theirs);
  return {
    council: await enrolment(ours, made, pat, { assessor: bob, lineManager: lina }),
    outOfScope: await enrolment(ours, made, olive, { assessor: null, lineManager: null }),
    other: await enrolment(theirs, madeOther, f.other.person, { assessor: null, lineManager: null }),
  };
}

/** The records the supervision, appraisal and caseload routes name. */
export interface PracticeFixture {
  supervision: string;
  agreement: string;
  observation: string;
  rule: string;
  import: string;
  cycle: string;
  appraisal: string;
  snapshot: string;
  target: string;
  weight: string;
}

/**
 * Supervision, appraisal and caseload records in both councils of an access fixture: this
 * council's are Pat's (the practitioner's own) with Lina (the line manager role's person) as
 * supervisor and appraiser, and a reflective note only they may read; "out of scope" ones are
 * Olive's with no supervisor; the other council's are its person's. Council-wide records (a
 * policy rule, an import, a cycle, a snapshot, a target) are the same for "own" and "out of scope".
 */
export async function addPracticeRecords(
  t: TestApp,
  f: AccessFixture,
): Promise<{ council: PracticeFixture; outOfScope: PracticeFixture; other: PracticeFixture }> {
  const {
    people: [pat, lina, sam, olive],
    ours,
    theirs,
  } = await fixtureLookups(t, f, ["Pat", "Lina", "Sam", "Olive"]);
  const councilWide = (ctx: TenantContext) =>
    t.app.platform.data.run(ctx, async (db) => {
      const rule = await db
        .insertInto("supervision_policy_rules")
        .values({
          applies_to: "default",
          every_value: 4,
          every_unit: "weeks",
          valid_from: "2024-01-01",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const imported = await db
        .insertInto("supervision_imports")
        .values({
          filename: "case-supervision.csv",
          sha256: "0".repeat(64),
          trigger: "upload",
          status: "applied",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const cycle = await db
        .insertInto("appraisal_cycles")
        .values({
          name: "2026 to 2027",
          starts_on: "2026-04-01",
          ends_on: "2027-03-31",
          objectives_due_on: "2026-06-30",
          mid_year_due_on: "2026-10-31",
          completion_due_on: "2027-03-31",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const snapshot = await db
        .insertInto("caseload_snapshots")
        .values({
          as_at: "2026-10-31",
          source: "upload",
          filename: "caseloads.csv",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const target = await db
        .insertInto("caseload_targets")
        .values({
          kind: "team_average",
          children: 16,
          valid_from: "2024-01-01",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const weight = await db
        .insertInto("caseload_weights")
        .values({
          category: "child_protection",
          name: "Child protection",
          weight: 1.5,
          valid_from: "2024-01-01",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return {
        rule: rule.id,
        import: imported.id,
        cycle: cycle.id,
        snapshot: snapshot.id,
        target: target.id,
        weight: weight.id,
      };
    });
  const personal = (
    ctx: TenantContext,
    wide: Awaited<ReturnType<typeof councilWide>>,
    person: string,
    supervisor: string | null,
    observer: string | null,
  ): Promise<PracticeFixture> =>
    t.app.platform.data.run(ctx, async (db) => {
      const supervision = await db
        .insertInto("supervisions")
        .values({
          person_id: person,
          supervisor_person_id: supervisor,
          kind: "individual",
          held_on: "2026-11-02",
          status: "held",
          duration_minutes: 90,
          actions: "Visit plan for the Smith children",
          recorded_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("supervision_notes")
        .values({ supervision_id: supervision.id, note: "How the last visit left me feeling" })
        .execute();
      const agreement = await db
        .insertInto("supervision_agreements")
        .values({
          person_id: person,
          supervisor_person_id: supervisor,
          agreed_on: "2026-01-05",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const observation = await db
        .insertInto("supervision_observations")
        .values({
          supervision_id: supervision.id,
          supervisor_person_id: supervisor ?? person,
          observer_person_id: observer,
          observed_on: "2026-11-02",
          themes: ["child_focus"],
          rating: "good",
          recorded_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const appraisal = await db
        .insertInto("appraisals")
        .values({
          cycle_id: wide.cycle,
          person_id: person,
          appraiser_person_id: supervisor,
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("caseload_entries")
        .values({ snapshot_id: wide.snapshot, person_id: person, as_at: "2026-10-31", children: 12 })
        .execute();
      return {
        ...wide,
        supervision: supervision.id,
        agreement: agreement.id,
        observation: observation.id,
        appraisal: appraisal.id,
      };
    });
  const wide = await councilWide(ours);
  const wideOther = await councilWide(theirs);
  return {
    council: await personal(ours, wide, pat, lina, sam),
    outOfScope: await personal(ours, wide, olive, null, null),
    other: await personal(theirs, wideOther, f.other.person, null, null),
  };
}

/** The records the workforce routes name. */
export interface WorkforceFixture {
  feedRun: string;
  censusReturn: string;
  jobRole: string;
  conversation: string;
  campaign: string;
  applicant: string;
}

/**
 * Workforce records in both councils of an access fixture: this council's stay conversation is
 * Pat's (held by Lina), its campaign is for Pat's team; "out of scope" ones are Olive's and her
 * unit's; council-wide records (a feed run, a census return, a job role) are the same for "own"
 * and "out of scope".
 */
export async function addWorkforceRecords(
  t: TestApp,
  f: AccessFixture,
): Promise<{ council: WorkforceFixture; outOfScope: WorkforceFixture; other: WorkforceFixture }> {
  const {
    people: [pat, lina, olive],
    ours,
    theirs,
  } = await fixtureLookups(t, f, ["Pat", "Lina", "Olive"]);
  const councilWide = (ctx: TenantContext) =>
    t.app.platform.data.run(ctx, async (db) => {
      const run = await db
        .insertInto("workforce_feed_runs")
        .values({
          kind: "agency",
          trigger: "upload",
          filename: "placements.csv",
          sha256: "0".repeat(64),
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const census = await db
        .insertInto("census_returns")
        .values({
          collection_year: 2026,
          specification_year: 2022,
          reference_date: "2026-09-30",
          workers: 0,
          problems: 0,
          xml: "<Message/>",
          generated_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // The second council has no job roles of its own: it is given one.
      const role =
        (await db.selectFrom("job_roles").select("id").orderBy("code").executeTakeFirst()) ??
        (await db
          .insertInto("job_roles")
          .values({
            code: "SW",
            name: "Social worker",
            social_work_qualified: true,
            case_holder: true,
            dfe_org_role: 5,
          })
          .returning("id")
          .executeTakeFirstOrThrow());
      return { feedRun: run.id, censusReturn: census.id, jobRole: role.id };
    });
  const personal = (
    ctx: TenantContext,
    wide: Awaited<ReturnType<typeof councilWide>>,
    person: string,
    heldBy: string | null,
    fallbackUnit: string,
  ): Promise<WorkforceFixture> =>
    t.app.platform.data.run(ctx, async (db) => {
      const conversation = await db
        .insertInto("stay_conversations")
        .values({
          person_id: person,
          held_on: "2026-11-02",
          held_by_person_id: heldBy,
          themes: ["workload"],
          outcome: "undecided",
          recorded_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // The person's unit (the second council's person has no assignment: its unit).
      const unit = (await db
        .selectFrom("assignments")
        .select("org_unit_id")
        .where("person_id", "=", person)
        .orderBy("valid_from", "desc")
        .executeTakeFirst()) ?? { org_unit_id: fallbackUnit };
      const campaign = await db
        .insertInto("recruitment_campaigns")
        .values({
          reference: `REC-${person.slice(0, 8)}`,
          title: "Social worker",
          org_unit_id: unit.org_unit_id,
          fte: 1,
          advert_opens_on: "2026-10-01",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const applicant = await db
        .insertInto("recruitment_applicants")
        .values({
          campaign_id: campaign.id,
          given_name: "Alex",
          family_name: "Applicant",
          source: "council_website",
          stage_on: "2026-10-05",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { ...wide, conversation: conversation.id, campaign: campaign.id, applicant: applicant.id };
    });
  const wide = await councilWide(ours);
  const wideOther = await councilWide(theirs);
  return {
    council: await personal(ours, wide, pat, lina, f.other.unit),
    outOfScope: await personal(ours, wide, olive, null, f.other.unit),
    other: await personal(theirs, wideOther, f.other.person, null, f.other.unit),
  };
}

/** The performance records the routes name: a target and an entry, and an action plan with an outcome and an action. */
export interface PerformanceFixture {
  performanceTarget: string;
  entry: string;
  plan: string;
  outcome: string;
  action: string;
}

/**
 * Adds performance records to both councils. The action plan is council-wide (the same for every
 * record kind); "out of scope" targets and entries are set for Olive's unit (Corporate Services
 * D2), which no unit-scoped role but a council-wide one reaches; this council's are council-wide.
 */
export async function addPerformanceRecords(
  t: TestApp,
  f: AccessFixture,
): Promise<{ council: PerformanceFixture; outOfScope: PerformanceFixture; other: PerformanceFixture }> {
  const {
    people: [olive],
    ours,
    theirs,
  } = await fixtureLookups(t, f, ["Olive"]);
  const add = (
    ctx: TenantContext,
    unitId: string | null,
    plan?: Omit<PerformanceFixture, "performanceTarget" | "entry">,
  ) =>
    t.app.platform.data.run(ctx, async (db) => {
      const target = await db
        .insertInto("performance_targets")
        .values({
          measure_key: "supervision_in_date",
          org_unit_id: unitId,
          direction: "higher",
          target: 90,
          amber_from: 80,
          valid_from: "2026-01-01",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const entry = await db
        .insertInto("performance_entries")
        .values({
          measure_key: "assessments_in_45_days",
          org_unit_id: unitId,
          period_end: "2026-10-31",
          value: 93.5,
          numerator: 187,
          denominator: 200,
          source: "form",
          entered_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (plan) return { performanceTarget: target.id, entry: entry.id, ...plan };
      const p = await db
        .insertInto("action_plans")
        .values({
          title: "Workforce strategy 2026-29",
          starts_on: "2026-04-01",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const outcome = await db
        .insertInto("plan_outcomes")
        .values({ plan_id: p.id, number: 1, title: "A sufficient and stable workforce" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const action = await db
        .insertInto("plan_actions")
        .values({
          outcome_id: outcome.id,
          title: "Run a recruitment campaign for permanent social workers",
          due_on: "2026-12-31",
          status: "on_track",
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return {
        performanceTarget: target.id,
        entry: entry.id,
        plan: p.id,
        outcome: outcome.id,
        action: action.id,
      };
    });
  const oliveUnit = (
    await t.app.platform.data.system
      .selectFrom("assignments")
      .select("org_unit_id")
      .where("person_id", "=", olive)
      .orderBy("valid_from", "desc")
      .executeTakeFirstOrThrow()
  ).org_unit_id;
  const council = await add(ours, null);
  const { plan, outcome, action } = council;
  return {
    council,
    outOfScope: await add(ours, oliveUnit, { plan, outcome, action }),
    other: await add(theirs, null),
  };
}
