import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csvUpload, formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { type BookingsFixture, seedBookingsFixture } from "./test-fixture.js";

/** The register (page and upload), completion records, no-shows, interest and cohort booking. */
describe("registers, completion and demand", () => {
  let t: TestApp;
  let f: BookingsFixture;
  let lnd: string;
  let tokenPage: string;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedBookingsFixture(t);
    tokenPage = `/learning/sessions/${(await f.session()).sessionId}/book`;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    t.clock.set("2026-11-23T09:00:00Z");
    lnd = await f.as("learning_and_development_officer", null);
  });

  const db = () => t.database.db;
  const post = (cookie: string, url: string, fields: Record<string, string> = {}) =>
    formPost(t.app, url, cookie, fields, { pageUrl: tokenPage });
  const errors = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => text(a));
  const get = (url: string, cookie = lnd) => t.app.inject({ url, headers: { cookie } });

  /** A session with people booked on it (by the service), at the given time in the past. */
  async function bookedSession(people: string[], options: Parameters<BookingsFixture["session"]>[0] = {}) {
    const s = await f.session(options);
    const ids: string[] = [];
    for (const p of people) {
      const r = await t.app.bookings.book(f.ctx, {
        sessionId: s.sessionId,
        personId: p,
        booker: { personId: null, manageSessions: true, reachesPerson: true },
        joinWaitingList: true,
      });
      ids.push(r?.id as string);
    }
    return { ...s, bookingIds: ids };
  }
  const attendance = () => db().selectFrom("learning_attendance").selectAll().execute();
  const records = (bookingId: string) =>
    db().selectFrom("learning_records").selectAll().where("booking_id", "=", bookingId).execute();

  function upload(sessionId: string, csv: string) {
    const url = `/learning/sessions/${sessionId}/register`;
    return csvUpload(t.app, `${url}/upload`, lnd, csv, { pageUrl: url, filename: "register.csv" });
  }

  it("records attendance from the register page; completion makes exactly one learning record", async () => {
    const amy = await f.person({ given: "Amy", family: "Attends" });
    const nat = await f.person({ given: "Nat", family: "Noshow" });
    const s = await bookedSession([amy, nat], { title: "Court Skills" });
    const [amyB, natB] = s.bookingIds;
    const url = `/learning/sessions/${s.sessionId}/register`;

    const page = html((await get(url)).body);
    expect(page.querySelectorAll("main form fieldset legend").map((l) => text(l))).toEqual([
      "Amy Attends",
      "Nat Noshow",
    ]);

    // Someone not booked on the session: refused, nothing written.
    const other = await bookedSession([await f.person({ given: "Oz", family: "Other" })]);
    const stray = await post(lnd, url, {
      [`a-${amyB}-1`]: "attended",
      [`a-${other.bookingIds[0]}-1`]: "attended",
    });
    expect(stray.statusCode).toBe(400);
    expect(errors(stray.body)).toEqual(["Attendance can only be recorded for people booked on this session"]);
    expect(await attendance()).toHaveLength(0);
    const bad = await post(lnd, url, { [`a-${amyB}-1`]: "maybe" });
    expect(errors(bad.body)).toEqual(["Select attended, partly attended or did not attend"]);

    const saved = await post(lnd, url, {
      [`a-${amyB}-1`]: "attended",
      [`a-${natB}-1`]: "no_show",
      [`r-${natB}-1`]: "Off sick",
    });
    expect(saved.statusCode).toBe(303);
    const [record] = await records(amyB as string);
    expect(record).toMatchObject({
      person_id: amy,
      source: "attendance",
      title: "Court Skills",
      completed_on: "2026-12-15",
      verification: "verified",
    });
    expect(Number(record?.hours)).toBe(5);
    expect(await records(natB as string)).toHaveLength(0);
    // Saving again changes nothing; changing Amy to a no-show removes her record.
    await post(lnd, url, { [`a-${amyB}-1`]: "attended" });
    expect(await records(amyB as string)).toHaveLength(1);
    await post(lnd, url, { [`a-${amyB}-1`]: "no_show" });
    expect(await records(amyB as string)).toHaveLength(0);
    const outcome = await db()
      .selectFrom("learning_bookings")
      .select("outcome")
      .where("id", "=", natB as string)
      .executeTakeFirstOrThrow();
    expect(outcome.outcome).toBe("no_show");
  });

  it("needs every part recorded before an outcome; mixed parts are partly attended", async () => {
    const pat = await f.person({ given: "Pat", family: "Parts" });
    const s = await bookedSession([pat], {
      parts: [
        ["2026-12-15T09:30:00Z", "2026-12-15T16:00:00Z"],
        ["2026-12-16T09:30:00Z", "2026-12-16T16:00:00Z"],
      ],
    });
    const [b] = s.bookingIds;
    const url = `/learning/sessions/${s.sessionId}/register`;
    await post(lnd, url, { [`a-${b}-1`]: "attended" });
    const outcome = () =>
      db()
        .selectFrom("learning_bookings")
        .select("outcome")
        .where("id", "=", b as string)
        .executeTakeFirstOrThrow();
    expect((await outcome()).outcome).toBeNull();
    await post(lnd, url, { [`a-${b}-2`]: "partly_attended" });
    expect((await outcome()).outcome).toBe("partly_attended");
    await post(lnd, url, { [`a-${b}-2`]: "attended" });
    expect((await outcome()).outcome).toBe("completed");
    const [record] = await records(b as string);
    expect(record?.completed_on).toBe("2026-12-16");
  });

  it("takes an uploaded register all or nothing, listing problems by row", async () => {
    const una = await f.person({ given: "Una", family: "Upload", employeeNumber: "UP1" });
    const vic = await f.person({ given: "Vic", family: "Upload", email: "vic@example.org" });
    await f.person({ given: "Wes", family: "Notbooked", employeeNumber: "UP3" });
    const s = await bookedSession([una, vic]);
    const before = (await attendance()).length;
    const bad = await upload(
      s.sessionId,
      "Employee number or email,Part,Status,Reason\nUP1,1,attended,\nUP3,1,attended,\nNOPE,1,no-show,\nvic@example.org,1,asleep,\n",
    );
    expect(bad.statusCode).toBe(400);
    expect(errors(bad.body)).toEqual([
      "Row 3: UP3 is not booked on this session",
      "Row 4: no one has the employee number or email NOPE",
      "Row 5: status must be attended, partly attended or no-show",
    ]);
    expect(await attendance()).toHaveLength(before);

    const good = await upload(
      s.sessionId,
      "Employee number or email,Part,Status,Reason\nup1,1,Attended,\nVIC@example.org,1,No show,Train strike\n",
    );
    expect(good.statusCode).toBe(303);
    const rows = await db()
      .selectFrom("learning_attendance")
      .select(["status", "no_show_reason"])
      .where("booking_id", "in", s.bookingIds)
      .orderBy("status")
      .execute();
    expect(rows).toEqual([
      { status: "attended", no_show_reason: null },
      { status: "no_show", no_show_reason: "Train strike" },
    ]);
    expect(await records(s.bookingIds[0] as string)).toHaveLength(1);

    const noFile = await upload(s.sessionId, "");
    expect(noFile.statusCode).toBe(400);
  });

  it("reports no-shows with the partner agency and cost, as a page and CSV", async () => {
    t.clock.set("2026-12-20T09:00:00Z");
    lnd = await f.as("learning_and_development_officer", null);
    const pia = await f.person({ given: "Pia", family: "Partner", partner: "Health Trust" });
    const s = await bookedSession([pia], {
      title: "Partner Course",
      costPence: 12000,
      closesOn: "2027-01-01",
      parts: [["2027-01-05T09:30:00Z", "2027-01-05T16:00:00Z"]],
    });
    t.clock.set("2027-01-06T09:00:00Z");
    lnd = await f.as("learning_and_development_officer", null);
    await post(lnd, `/learning/sessions/${s.sessionId}/register`, {
      [`a-${s.bookingIds[0]}-1`]: "no_show",
      [`r-${s.bookingIds[0]}-1`]: "No reason given",
    });
    const page = html((await get("/learning/reports/no-shows")).body);
    const row = page.querySelectorAll("tbody tr").find((tr) => text(tr).includes("Pia Partner"));
    expect(text(row)).toBe("Pia Partner Health Trust Partner Course 5 January 2027 No reason given £120.00");
    const csv = await get(
      "/learning/reports/no-shows?from-day=1&from-month=1&from-year=2027&to-day=31&to-month=1&to-year=2027&format=csv",
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(
      "Pia,Partner,,Health Trust,Partner Course,5 January 2027,1 of 1,No reason given,120",
    );
    const badDates = await get("/learning/reports/no-shows?from-day=31&from-month=2&from-year=2027");
    expect(errors(badDates.body)).toEqual(["The start date must be a real date"]);
    const practitioner = await f.as("practitioner", pia);
    expect((await get("/learning/reports/no-shows", practitioner)).statusCode).toBe(403);
  });

  it("registers interest once and lists the demand for L&D", async () => {
    const ivy = await f.person({ given: "Ivy", family: "Interested" });
    const { courseId } = await f.session({ title: "Wanted Course" });
    const cookie = await f.as("practitioner", ivy);
    for (let i = 0; i < 2; i += 1) {
      const r = await post(cookie, `/learning/courses/${courseId}/interest`);
      expect(r.statusCode).toBe(303);
      expect(r.headers.location).toBe(`/learning/courses/${courseId}`);
    }
    expect(
      await db().selectFrom("learning_interest").select("id").where("course_id", "=", courseId).execute(),
    ).toHaveLength(1);
    const demand = html((await get("/learning/demand")).body);
    expect(text(demand.querySelector("tbody"))).toContain("Wanted Course 1 Ivy Interested");
    expect((await get("/learning/demand?format=csv")).body).toContain("Ivy,Interested");
    expect((await get("/learning/demand", cookie)).statusCode).toBe(403);
    expect(
      (await post(cookie, "/learning/courses/00000000-0000-4000-8000-000000000099/interest")).statusCode,
    ).toBe(404);
  });

  it("books a cohort: places first, then the waiting list, reporting who already had one and unknown numbers", async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push(await f.person({ given: `Co${n}`, family: "Hort", employeeNumber: `CO${n}` }));
    }
    const s = await bookedSession([ids[0] as string], { capacity: 2 });
    const done = await post(lnd, `/learning/sessions/${s.sessionId}/cohort`, {
      employee_numbers: "CO1\nCO2\nCO3\nCO404",
    });
    expect(done.statusCode).toBe(200);
    const report = text(html(done.body).querySelector("#cohort-report"));
    expect(report).toContain("Booked (1): Co2 Hort");
    expect(report).toContain("On the waiting list (1): Co3 Hort");
    expect(report).toContain("Already had a booking (1): Co1 Hort");
    expect(report).toContain("Employee numbers not found (1): CO404");
    const empty = await post(lnd, `/learning/sessions/${s.sessionId}/cohort`);
    expect(errors(empty.body)).toEqual(["Select a team or enter employee numbers"]);

    const team = await f.session({ capacity: 50 });
    const byTeam = await post(lnd, `/learning/sessions/${team.sessionId}/cohort`, {
      unitId: f.id.T2 as string,
    });
    expect(text(html(byTeam.body).querySelector("#cohort-report"))).toContain("Eve Evans");
    const csv = await get(`/learning/sessions/${team.sessionId}/bookings?format=csv`);
    expect(csv.body).toContain("Eve,Evans,E005");
  });
});
