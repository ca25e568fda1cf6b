import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { type BookingsFixture, seedBookingsFixture } from "../../learning/bookings/test-fixture.js";
import {
  asyeMilestones,
  insertVersion,
  type ProgrammesFixture,
  seedProgrammesFixture,
} from "./test-fixture.js";

/**
 * Cohorts and enrolment through the pages, with the clock moving. The people fixture's Alice
 * (registered social worker) assesses; Bob (no SWE registration) cannot; Eve (family support
 * worker, no SWE number) is not a qualified social worker. NQSWs are made as social workers at
 * career level nqsw, Alice their line manager. The ASYE version 1 has a core course with two
 * sessions: one on 1 September 2026 (before the start) and one on 14 September 2026.
 *
 * Dates (worked by hand in schedule.test.ts), all from 7 September 2026:
 *   0.6 FTE:   3-month review 6 February 2027, final review and end 8 May 2028
 *   + pause 1 January - 30 April 2027 (120 days): 6 June 2027 and 5 September 2028
 *   two-year:  agreement (6 weeks) 19 October 2026 ... final review 7 September 2028
 */
describe("early career enrolments pages", () => {
  let t: TestApp;
  let fx: BookingsFixture;
  let p: ProgrammesFixture;
  let coordinator: string;
  let asyeCohort: string;
  let nia: string; // 0.6 FTE NQSW
  let niaEnrolment: string;
  let omar: string; // NQSW enrolled after the template change
  let omarEnrolment: string;
  let courseId: string;
  const id = (key: string) => fx.id[key] as string;
  const run = <T>(work: (db: TenantDb) => Promise<T>) => t.app.platform.data.run(fx.ctx, work);
  const errors = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => text(a));
  const enrolmentCount = () =>
    run(async (db) => (await db.selectFrom("early_career_enrolments").select("id").execute()).length);
  const milestones = (enrolmentId: string) =>
    run(async (db) =>
      Object.fromEntries(
        (
          await db
            .selectFrom("early_career_milestones")
            .select(["code", "due_on"])
            .where("enrolment_id", "=", enrolmentId)
            .execute()
        ).map((m) => [m.code, m.due_on]),
      ),
    );
  const enrolmentOf = (personId: string) =>
    run((db) =>
      db
        .selectFrom("early_career_enrolments")
        .selectAll()
        .where("person_id", "=", personId)
        .orderBy("created_at", "desc")
        .executeTakeFirstOrThrow(),
    );
  const enrolFields = (personId: string, extra: Record<string, string> = {}) => ({
    person_id: personId,
    route: "university",
    "start_on-day": "7",
    "start_on-month": "9",
    "start_on-year": "2026",
    assessor_person_id: id("alice"),
    ...extra,
  });

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set("2026-08-20T09:00:00Z");
    fx = await seedBookingsFixture(t);
    p = await seedProgrammesFixture(t.app, fx.ctx);
    nia = await fx.person({ given: "Nia", family: "Newman", careerLevel: "nqsw", managerId: id("alice") });
    omar = await fx.person({ given: "Omar", family: "Okafor", careerLevel: "nqsw", managerId: id("alice") });
    const core = await fx.session({
      title: "ASYE induction",
      closesOn: "2026-09-10",
      capacity: 5,
      parts: [["2026-09-14T08:30:00Z", "2026-09-14T15:00:00Z"]],
    });
    courseId = core.courseId;
    await run(async (db) => {
      // An earlier session of the same course, before the start date: not the one to book.
      const early = await db
        .insertInto("learning_sessions")
        .values({
          course_id: courseId,
          capacity: 5,
          booking_closes_on: "2026-08-28",
          venue: "Town Hall",
          created_by: "test",
          updated_at: new Date(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("learning_session_parts")
        .values({
          session_id: early.id,
          part_number: 1,
          starts_at: "2026-09-01T08:30:00Z",
          ends_at: "2026-09-01T15:00:00Z",
        })
        .execute();
      await db
        .updateTable("early_career_programme_versions")
        .set({ core_course_ids: [courseId] })
        .where("id", "=", p.asye.versionId)
        .execute();
      await db.updateTable("people").set({ swe_status: "registered" }).where("id", "=", id("dan")).execute();
    });
  });
  afterAll(() => t.close());
  /** A fresh session each test: moving the clock ends sessions. */
  beforeEach(async () => {
    t.clock.set("2026-08-20T09:00:00Z");
    coordinator = await fx.as("asye_coordinator", null);
  });
  /** Moves the clock and signs the co-ordinator in again. */
  const setClock = async (to: string) => {
    t.clock.set(to);
    coordinator = await fx.as("asye_coordinator", null);
  };

  describe("cohorts", () => {
    it("refuses a cohort with missing fields and writes nothing", async () => {
      const bad = await formPost(t.app, "/early-career/cohorts/new", coordinator, { name: "" });
      expect(bad.statusCode).toBe(400);
      expect(errors(bad.body)).toEqual([
        "Select the programme",
        "Enter a name for the cohort, like September 2026",
        "Enter the intake date",
      ]);
      expect(await run((db) => db.selectFrom("early_career_cohorts").select("id").execute())).toEqual([]);
    });

    it("the co-ordinator adds a cohort and sees it listed with its counts", async () => {
      const res = await formPost(t.app, "/early-career/cohorts/new", coordinator, {
        programme_id: p.asye.programmeId,
        name: "September 2026",
        "intake_on-day": "7",
        "intake_on-month": "9",
        "intake_on-year": "2026",
      });
      expect(res.statusCode).toBe(303);
      asyeCohort = String(res.headers.location).split("/").pop() as string;
      const list = await t.app.inject({ url: "/early-career/cohorts", headers: { cookie: coordinator } });
      const row = html(list.body).querySelector("tbody tr");
      expect(text(row)).toContain("September 2026");
      expect(text(row)).toContain("7 September 2026");
      const again = await formPost(t.app, "/early-career/cohorts/new", coordinator, {
        programme_id: p.asye.programmeId,
        name: "september 2026",
        "intake_on-day": "7",
        "intake_on-month": "9",
        "intake_on-year": "2026",
      });
      expect(errors(again.body)).toEqual(["A cohort already has that name: enter another name"]);
    });
  });

  describe("enrolment", () => {
    const enrolUrl = () => `/early-career/cohorts/${asyeCohort}/enrol`;

    it("refuses bad input with the error summary and writes nothing", async () => {
      const empty = await formPost(t.app, enrolUrl(), coordinator, {});
      expect(empty.statusCode).toBe(400);
      expect(errors(empty.body)).toEqual([
        "Select the newly qualified social worker",
        "Select the route into social work",
        "Enter the start date",
      ]);
      const badFte = await formPost(t.app, enrolUrl(), coordinator, enrolFields(nia, { fte: "1.5" }));
      expect(errors(badFte.body)).toEqual(["FTE must be a number from 0.1 to 1, like 0.6"]);
      const notQualified = await formPost(t.app, enrolUrl(), coordinator, enrolFields(id("eve")));
      expect(errors(notQualified.body)).toEqual([
        "Eve Evans is not a qualified social worker: they need a social work job role or a Social Work England number",
      ]);
      const unregistered = await formPost(
        t.app,
        enrolUrl(),
        coordinator,
        enrolFields(nia, { assessor_person_id: id("bob") }),
      );
      expect(errors(unregistered.body)).toEqual([
        "Bob Brown is not a registered social worker: the assessor must be registered with Social Work England",
      ]);
      const self = await formPost(
        t.app,
        enrolUrl(),
        coordinator,
        enrolFields(nia, { assessor_person_id: nia }),
      );
      expect(errors(self.body)).toEqual(["The assessor cannot be the newly qualified social worker"]);
      expect(await enrolmentCount()).toBe(0);
    });

    it("enrols a 0.6 FTE NQSW: pro rata dates, team and manager from the post, core course booked", async () => {
      const res = await formPost(t.app, enrolUrl(), coordinator, enrolFields(nia, { fte: "0.6" }));
      expect(res.statusCode).toBe(303);
      const e = await enrolmentOf(nia);
      niaEnrolment = e.id;
      expect(res.headers.location).toBe(`/early-career/enrolments/${e.id}`);
      expect(e.programme_version_id).toBe(p.asye.versionId);
      expect(Number(e.fte)).toBe(0.6);
      expect(e.org_unit_id).toBe(id("T1"));
      expect(e.line_manager_person_id).toBe(id("alice"));
      expect(e.end_on).toBe("2028-05-08");
      expect(await milestones(e.id)).toMatchObject({ "REVIEW-3": "2027-02-06", FINAL: "2028-05-08" });

      const page = await t.app.inject({
        url: res.headers.location as string,
        headers: { cookie: coordinator },
      });
      const notice = text(html(page.body).querySelector(".govuk-notification-banner"));
      expect(notice).toContain("Nia Newman enrolled on September 2026");
      expect(notice).toContain("ASYE induction: booked on the session starting 14 September 2026");
      const booking = await run((db) =>
        db
          .selectFrom("learning_bookings as b")
          .innerJoin("learning_session_parts as sp", "sp.session_id", "b.session_id")
          .select(["b.status", "sp.starts_at"])
          .where("b.person_id", "=", nia)
          .executeTakeFirstOrThrow(),
      );
      expect(booking.status).toBe("booked");
      expect(new Date(booking.starts_at).toISOString()).toBe("2026-09-14T08:30:00.000Z");

      const rows = html(page.body)
        .querySelectorAll("tbody tr")
        .map((r) => text(r));
      expect(rows[1]).toBe("3-month review 6 February 2027 Not yet due");
      expect(rows[3]).toContain("9-month review (optional)");
    });

    it("refuses a second active enrolment", async () => {
      const again = await formPost(t.app, enrolUrl(), coordinator, enrolFields(nia));
      expect(errors(again.body)).toEqual(["Nia Newman is already on an early career programme"]);
      expect(await enrolmentCount()).toBe(1);
    });

    it("a template change affects new enrolments only", async () => {
      await run((db) =>
        insertVersion(db, p.asye.programmeId, 2, {
          length_months: 12,
          milestones: [
            ...asyeMilestones.filter((m) => m.code !== "REVIEW-3"),
            { code: "REVIEW-4", name: "4-month review", kind: "review", at: { months: 4 } },
          ],
        }),
      );
      const res = await formPost(
        t.app,
        enrolUrl(),
        coordinator,
        enrolFields(omar, { assessor_person_id: id("dan") }),
      );
      expect(res.statusCode).toBe(303);
      const e = await enrolmentOf(omar);
      omarEnrolment = e.id;
      expect(e.programme_version_id).not.toBe(p.asye.versionId);
      const omars = await milestones(e.id);
      expect(omars["REVIEW-4"]).toBe("2027-01-07");
      expect(omars["REVIEW-3"]).toBeUndefined();
      const nias = await milestones(niaEnrolment);
      expect(nias["REVIEW-3"]).toBe("2027-02-06");
      expect(nias["REVIEW-4"]).toBeUndefined();
      // Version 2 has no core course: nothing to book, nothing said.
      const page = await t.app.inject({
        url: res.headers.location as string,
        headers: { cookie: coordinator },
      });
      expect(text(html(page.body).querySelector(".govuk-notification-banner"))).not.toContain(
        "Core training",
      );
    });

    it("lists the cohort's members and exports them", async () => {
      const page = await t.app.inject({
        url: `/early-career/cohorts/${asyeCohort}`,
        headers: { cookie: coordinator },
      });
      const rows = html(page.body)
        .querySelectorAll("tbody tr")
        .map((r) => text(r));
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain("Nia Newman");
      expect(rows[0]).toContain("Assessment");
      expect(rows[0]).toContain("Alice Adams");
      expect(rows[0]).toContain("Support and assessment agreement, due 24 October 2026");
      const csv = await t.app.inject({
        url: `/early-career/cohorts/${asyeCohort}?format=csv`,
        headers: { cookie: coordinator },
      });
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csv.body).toContain("Nia Newman");
      expect(csv.body).toContain("2028-05-08");
      const xlsx = await t.app.inject({
        url: "/early-career/cohorts?format=xlsx",
        headers: { cookie: coordinator },
      });
      expect(xlsx.statusCode).toBe(200);
    });
  });

  describe("pauses and changes", () => {
    const pausesUrl = () => `/early-career/enrolments/${niaEnrolment}/pauses`;

    it("refuses a bad pause and writes nothing", async () => {
      const bad = await formPost(t.app, pausesUrl(), coordinator, {
        action: "add",
        "from_on-day": "1",
        "from_on-month": "5",
        "from_on-year": "2027",
        "to_on-day": "1",
        "to_on-month": "1",
        "to_on-year": "2027",
      });
      expect(bad.statusCode).toBe(400);
      expect(errors(bad.body)).toEqual(["Select the reason for the pause"]);
      const backwards = await formPost(t.app, pausesUrl(), coordinator, {
        action: "add",
        reason: "maternity_leave",
        "from_on-day": "1",
        "from_on-month": "5",
        "from_on-year": "2027",
        "to_on-day": "1",
        "to_on-month": "1",
        "to_on-year": "2027",
      });
      expect(errors(backwards.body)).toEqual(["The end of the pause must be the same as or after its start"]);
      expect(await run((db) => db.selectFrom("early_career_pauses").select("id").execute())).toEqual([]);
    });

    it("a 4-month pause moves the later dates by the paused days, and shows as paused", async () => {
      const res = await formPost(t.app, pausesUrl(), coordinator, {
        action: "add",
        reason: "maternity_leave",
        "from_on-day": "1",
        "from_on-month": "1",
        "from_on-year": "2027",
        "to_on-day": "30",
        "to_on-month": "4",
        "to_on-year": "2027",
      });
      expect(res.statusCode).toBe(303);
      expect(await milestones(niaEnrolment)).toMatchObject({
        AGREEMENT: "2026-10-24", // 4 weeks at 0.6: 28 / 0.6 = 46.67 -> 47 days, before the pause
        "REVIEW-3": "2027-06-06",
        FINAL: "2028-09-05",
      });
      expect((await enrolmentOf(nia)).end_on).toBe("2028-09-05");
      await setClock("2027-02-01T09:00:00Z");
      const page = await t.app.inject({
        url: `/early-career/enrolments/${niaEnrolment}`,
        headers: { cookie: coordinator },
      });
      expect(text(html(page.body).querySelector("main .govuk-tag"))).toBe("Paused");
      expect(page.body).toContain("Maternity leave: 1 January 2027 to 30 April 2027 (paused now)");
    });

    it("an FTE change reschedules the milestones not yet completed", async () => {
      await run((db) =>
        db
          .updateTable("early_career_milestones")
          .set({ completed_on: "2026-10-01" })
          .where("enrolment_id", "=", niaEnrolment)
          .where("code", "=", "AGREEMENT")
          .execute(),
      );
      const url = `/early-career/enrolments/${niaEnrolment}/edit`;
      const bad = await formPost(t.app, url, coordinator, { fte: "" });
      expect(errors(bad.body)).toEqual(["Enter the FTE, like 1 or 0.6"]);
      const res = await formPost(t.app, url, coordinator, {
        fte: "1",
        org_unit_id: id("T1"),
        line_manager_person_id: id("alice"),
        assessor_person_id: id("alice"),
        mentor_person_id: id("dan"),
      });
      expect(res.statusCode).toBe(303);
      expect(await milestones(niaEnrolment)).toMatchObject({
        AGREEMENT: "2026-10-24", // completed: kept
        "REVIEW-3": "2026-12-07",
        FINAL: "2028-01-05", // 7 September 2027 + 120 paused days
      });
      expect((await enrolmentOf(nia)).mentor_person_id).toBe(id("dan"));
    });
  });

  describe("the two-year programme", () => {
    it("generates its own milestones, and their status follows the clock", async () => {
      const cohort = await t.app.earlyCareerEnrolments.createCohort(fx.ctx, {
        programmeId: p.ecdp.programmeId,
        name: "ECDP September 2026",
        intakeOn: "2026-09-07",
        coordinatorPersonId: null,
      });
      const priya = await fx.person({ given: "Priya", family: "Patel", careerLevel: "nqsw" });
      const { enrolmentId, training } = await t.app.earlyCareerEnrolments.enrol(fx.ctx, cohort, {
        personId: priya,
        route: "frontline",
        registeredOn: "2026-08-01",
        startOn: "2026-09-07",
        fte: null,
        orgUnitId: null,
        lineManagerPersonId: null,
        assessorPersonId: id("alice"),
        mentorPersonId: null,
      });
      expect(training).toEqual([]);
      expect(await milestones(enrolmentId)).toEqual({
        AGREEMENT: "2026-10-19",
        "REVIEW-6": "2027-03-07",
        "REVIEW-12": "2027-09-07",
        "REVIEW-18": "2028-03-07",
        PORTFOLIO: "2028-08-07",
        FINAL: "2028-09-07",
        PANEL: "2028-09-07",
      });
      const statusOf = async () => {
        const page = await t.app.inject({
          url: `/early-career/enrolments/${enrolmentId}`,
          headers: { cookie: coordinator },
        });
        return html(page.body)
          .querySelectorAll("tbody tr")
          .slice(0, 2)
          .map((r) => text(r.querySelectorAll("td")[1]));
      };
      await setClock("2026-09-30T09:00:00Z");
      expect(await statusOf()).toEqual(["Due soon", "Not yet due"]);
      await setClock("2026-10-20T09:00:00Z");
      expect(await statusOf()).toEqual(["Overdue", "Not yet due"]);
      await run((db) =>
        db
          .updateTable("early_career_milestones")
          .set({ completed_on: "2026-10-20" })
          .where("enrolment_id", "=", enrolmentId)
          .where("code", "=", "AGREEMENT")
          .execute(),
      );
      await setClock("2027-02-15T09:00:00Z");
      expect(await statusOf()).toEqual(["Completed on 20 October 2026", "Due soon"]);
    });
  });

  describe("access", () => {
    it("the NQSW reaches only their own enrolment and sees it on /early-career", async () => {
      const asNia = await fx.as("practitioner", nia);
      expect(
        (await t.app.inject({ url: `/early-career/enrolments/${niaEnrolment}`, headers: { cookie: asNia } }))
          .statusCode,
      ).toBe(200);
      expect(
        (await t.app.inject({ url: `/early-career/enrolments/${omarEnrolment}`, headers: { cookie: asNia } }))
          .statusCode,
      ).toBe(404);
      const home = await t.app.inject({ url: "/early-career", headers: { cookie: asNia } });
      expect(text(html(home.body).querySelector("h2"))).toBe("Your programme");
      expect(home.body).toContain(`href="/early-career/enrolments/${niaEnrolment}/portfolio"`);
      expect(
        (
          await t.app.inject({
            url: `/early-career/enrolments/${niaEnrolment}/edit`,
            headers: { cookie: asNia },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await t.app.inject({ url: "/early-career/cohorts", headers: { cookie: asNia } })).statusCode,
      ).toBe(403);
    });

    it("an assessor reaches only their NQSWs", async () => {
      const asDan = await fx.as("assessor", id("dan"));
      // Dan assesses Omar and mentors Nia (named mentor: sees the programme).
      expect(
        (await t.app.inject({ url: `/early-career/enrolments/${omarEnrolment}`, headers: { cookie: asDan } }))
          .statusCode,
      ).toBe(200);
      await run((db) =>
        db
          .updateTable("early_career_enrolments")
          .set({ mentor_person_id: null })
          .where("id", "=", niaEnrolment)
          .execute(),
      );
      expect(
        (await t.app.inject({ url: `/early-career/enrolments/${niaEnrolment}`, headers: { cookie: asDan } }))
          .statusCode,
      ).toBe(404);
      const home = await t.app.inject({ url: "/early-career", headers: { cookie: asDan } });
      const rows = html(home.body)
        .querySelectorAll("tbody tr")
        .map((r) => text(r));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain("Omar Okafor");
      expect(rows[0]).toContain("Assessor");
      expect(
        (
          await t.app.inject({
            url: `/early-career/enrolments/${omarEnrolment}/pauses`,
            headers: { cookie: asDan },
          })
        ).statusCode,
      ).toBe(403);
    });

    it("a service manager sees the NQSWs in their service on /early-career, and no one else's", async () => {
      const manager = (unit: string) =>
        t.signIn({ roles: [{ role: "service_manager", unitId: id(unit) }], personId: id("bob") });
      const rowsFor = async (cookie: string) =>
        html((await t.app.inject({ url: "/early-career", headers: { cookie } })).body)
          .querySelectorAll("tbody tr")
          .map((r) => text(r));
      const safeguarding = await rowsFor(await manager("S1"));
      expect(safeguarding.some((r) => r.includes("Omar Okafor"))).toBe(true);
      const earlyHelp = await t.app.inject({
        url: "/early-career",
        headers: { cookie: await manager("S2") },
      });
      expect(text(html(earlyHelp.body).querySelector("h1"))).toBe("You are not on an early career programme");
    });

    it("someone with no programme and no NQSWs is told so; roles without the permission get 403", async () => {
      const asEve = await fx.as("practitioner", id("eve"));
      const home = await t.app.inject({ url: "/early-career", headers: { cookie: asEve } });
      expect(text(html(home.body).querySelector("h1"))).toBe("You are not on an early career programme");
      const lnd = await fx.as("learning_and_development_officer", null);
      expect((await t.app.inject({ url: "/early-career", headers: { cookie: lnd } })).statusCode).toBe(403);
      expect(
        (await t.app.inject({ url: "/early-career/enrolments/not-a-uuid", headers: { cookie: coordinator } }))
          .statusCode,
      ).toBe(404);
    });
  });

  describe("withdrawal", () => {
    it("needs a reason, then withdraws", async () => {
      const url = `/early-career/enrolments/${omarEnrolment}/withdraw`;
      const bad = await formPost(t.app, url, coordinator, { withdrawn_reason: "" });
      expect(errors(bad.body)).toEqual(["Enter why they are leaving the programme"]);
      expect((await enrolmentOf(omar)).status).toBe("active");
      const res = await formPost(t.app, url, coordinator, { withdrawn_reason: "Left the council" });
      expect(res.statusCode).toBe(303);
      const e = await enrolmentOf(omar);
      expect(e.status).toBe("withdrawn");
      expect(e.withdrawn_reason).toBe("Left the council");
    });
  });
});
