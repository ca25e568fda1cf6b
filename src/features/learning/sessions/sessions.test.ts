import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessFixture, seedAccessFixture } from "../../../../test/support/access-fixture.js";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";

/** Sessions: L&D add, change and cancel them; everyone sees them, books from them and downloads calendars. */
describe("sessions and the calendar", () => {
  let t: TestApp;
  let f: AccessFixture;
  let learning: string;
  let practitioner: string;
  let courseId: string;
  let pat: string;
  let alice: string;

  /** A session on 2 and 3 March 2027 (GMT) unless overridden. */
  const session = (extra: Record<string, string> = {}) => ({
    "part1_date-day": "2",
    "part1_date-month": "3",
    "part1_date-year": "2027",
    part1_start: "9:30am",
    part1_end: "4:30pm",
    "part2_date-day": "",
    "part2_date-month": "",
    "part2_date-year": "",
    part2_start: "",
    part2_end: "",
    capacity: "12",
    minimum: "4",
    "booking_closes-day": "23",
    "booking_closes-month": "2",
    "booking_closes-year": "2027",
    venue: "Origin One",
    room: "Room 2",
    online_link: "",
    trainers: "Jo Bloggs\nSam Smith",
    notes: "",
    ...extra,
  });

  const get = (url: string, cookie = learning) => t.app.inject({ url, headers: { cookie } });
  const addSession = (fields: Record<string, string>, course = courseId) =>
    formPost(t.app, `/learning/courses/${course}/sessions/new`, learning, fields);
  const sessionCount = async () =>
    (await t.database.db.selectFrom("learning_sessions").select("id").execute()).length;
  const errorsOf = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => [a.getAttribute("href"), text(a)]);
  const idOf = (location: unknown) => String(location).split("/").pop() as string;
  const run = <T>(work: (db: TenantDb) => Promise<T>) =>
    t.app.platform.data.run({ tenantId: t.tenantId, actor: { id: "system:test" } }, work);
  const book = (sessionId: string, personId: string, status: "booked" | "waiting") =>
    run(async (db) => {
      const row = await db
        .insertInto("learning_bookings")
        .values({
          session_id: sessionId,
          person_id: personId,
          status,
          requested_by: "test",
          updated_at: new Date(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    });

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedAccessFixture(t);
    courseId = f.council.course;
    pat = f.roles.practitioner?.personId as string;
    alice = f.roles.practitioner?.person["out of scope"] as string;
    await run(async (db) => {
      await db.updateTable("people").set({ email: "pat@example.org" }).where("id", "=", pat).execute();
      await db.updateTable("people").set({ email: "alice@example.org" }).where("id", "=", alice).execute();
    });
    learning = await t.signIn({
      roles: [{ role: "learning_and_development_officer", unitId: null }],
      personId: f.roles.learning_and_development_officer?.personId ?? null,
    });
    practitioner = await t.signIn({ roles: [{ role: "practitioner", unitId: null }], personId: pat });
  });
  afterAll(() => t.close());

  it("refuses bad sessions with GOV.UK errors, and writes nothing", async () => {
    const past = await addSession(
      session({ "part1_date-day": "20", "part1_date-month": "11", "part1_date-year": "2026" }),
    );
    expect(past.statusCode).toBe(400);
    expect(errorsOf(past.body)).toEqual([["#part1_date-day", "The date must be in the future"]]);

    const lateClose = await addSession(session({ "booking_closes-day": "5", "booking_closes-month": "3" }));
    expect(errorsOf(lateClose.body)).toEqual([
      ["#booking_closes-day", "Booking must close on or before the date of the first part"],
    ]);

    const nowhere = await addSession(session({ venue: "", room: "", capacity: "lots", part1_end: "" }));
    expect(errorsOf(nowhere.body)).toEqual([
      ["#part1_end", "Enter the end time of part 1"],
      ["#capacity", "Number of places must be a whole number from 1 to 1000"],
      ["#venue", "Enter a venue, or an online link"],
    ]);
    expect(text(html(nowhere.body).querySelector("#venue-error"))).toContain(
      "Enter a venue, or an online link",
    );

    const backwards = await addSession(session({ part1_start: "16:30", part1_end: "9:30" }));
    expect(errorsOf(backwards.body)).toEqual([["#part1_end", "The end time must be after the start time"]]);
    const fewer = await addSession(session({ capacity: "3", minimum: "4" }));
    expect(errorsOf(fewer.body)).toEqual([
      ["#minimum", "Minimum numbers must be no more than the number of places"],
    ]);
    expect(await sessionCount()).toBe(0);
  });

  it("offers another part row without JavaScript", async () => {
    const more = await addSession({ ...session(), action: "add_part", part_rows: "2" });
    expect(more.statusCode).toBe(200);
    expect(html(more.body).querySelector("#part3_start")).not.toBeNull();
    expect(html(more.body).querySelector(".govuk-error-summary")).toBeNull();
    expect(await sessionCount()).toBe(0);
  });

  let twoPart: string;
  it("adds a session with two parts, in UK time either side of the clocks changing", async () => {
    const made = await addSession(
      session({
        "part2_date-day": "6",
        "part2_date-month": "4",
        "part2_date-year": "2027",
        part2_start: "09:30",
        part2_end: "12:00",
      }),
    );
    expect(made.statusCode).toBe(303);
    twoPart = idOf(made.headers.location);
    const parts = await t.database.db
      .selectFrom("learning_session_parts")
      .select(["part_number", "starts_at", "ends_at"])
      .where("session_id", "=", twoPart)
      .orderBy("part_number")
      .execute();
    expect(parts.map((p) => [p.part_number, p.starts_at.toISOString(), p.ends_at.toISOString()])).toEqual([
      [1, "2027-03-02T09:30:00.000Z", "2027-03-02T16:30:00.000Z"],
      [2, "2027-04-06T08:30:00.000Z", "2027-04-06T11:00:00.000Z"],
    ]);
    const page = html((await get(`/learning/sessions/${twoPart}`, practitioner)).body);
    expect(page.querySelectorAll(".app-session-parts li").map((li) => text(li))).toEqual([
      "Tuesday 2 March 2027, 9:30am to 4:30pm",
      "Tuesday 6 April 2027, 9:30am to midday",
    ]);
    const rows = page.querySelectorAll(".govuk-summary-list__row").map((r) => text(r));
    expect(rows).toContain("Where Room 2 at Origin One");
    expect(rows).toContain("Places 12 places left (12 in all)");
    expect(rows).toContain("Booking closes 23 February 2027");
    expect(page.querySelector(`form[action="/learning/sessions/${twoPart}/book"] button`)?.text.trim()).toBe(
      "Book a place",
    );
    expect(page.querySelector('a[href$="/edit"]')).toBeNull();
    expect(page.querySelector('select[name="personId"]')).toBeNull();
  });

  it("warns of the same room or trainer at the same time, and saves only when confirmed", async () => {
    const sameRoom = session({
      room: " room  2 ",
      venue: "ORIGIN ONE",
      trainers: "Kim Lee",
      part1_start: "1pm",
      part1_end: "5pm",
    });
    const warned = await addSession(sameRoom);
    expect(warned.statusCode).toBe(200);
    const warnings = html(warned.body)
      .querySelectorAll(".govuk-warning-text")
      .map((w) => text(w));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      "room 2 at ORIGIN ONE is booked for Basic Assessment Skills at the same time (Tuesday 2 March 2027, 9:30am to 4:30pm)",
    );
    expect(html(warned.body).querySelector('input[name="confirmClashes"]')).not.toBeNull();
    expect(await sessionCount()).toBe(1);

    const trainer = await addSession(session({ room: "Room 5", trainers: "jo bloggs" }));
    expect(text(html(trainer.body).querySelector(".govuk-warning-text"))).toContain(
      "jo bloggs is training Basic Assessment Skills at the same time",
    );
    expect(await sessionCount()).toBe(1);

    const online = await addSession(
      session({ venue: "", room: "", online_link: "https://teams.example.com/x", trainers: "" }),
    );
    expect(online.statusCode).toBe(303); // no room, no trainer: no clash

    const saved = await addSession({ ...sameRoom, confirmClashes: "yes" });
    expect(saved.statusCode).toBe(303);
    const page = html((await get(String(saved.headers.location))).body);
    expect(text(page.querySelector(".govuk-warning-text"))).toContain(
      "is booked for Basic Assessment Skills",
    );
  });

  it("gives a booking's calendar file, replaced on change and cancelled on cancellation, emailing those booked", async () => {
    const patBooking = await book(twoPart, pat, "booked");
    const aliceBooking = await book(twoPart, alice, "waiting");
    const ics = async (bookingId: string, cookie = practitioner) =>
      get(`/learning/bookings/${bookingId}/calendar.ics`, cookie);

    const first = await ics(patBooking);
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toContain("text/calendar");
    expect(first.body.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(first.body).toContain("METHOD:REQUEST");
    expect(first.body).toContain("SEQUENCE:0");
    expect(first.body).toContain("DTSTART:20270302T093000Z");
    expect(first.body).toContain("DTEND:20270406T110000Z");
    expect(first.body).toContain("LOCATION:Room 2 at Origin One");
    const uids = first.body.match(/^UID:.*$/gm);
    expect(uids).toHaveLength(2);
    expect(first.body.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);

    // Pat reaches only Pat's own booking; L&D reach every booking.
    expect((await ics(aliceBooking)).statusCode).toBe(404);
    expect((await ics(aliceBooking, learning)).statusCode).toBe(200);

    const form = html((await get(`/learning/sessions/${twoPart}/edit`)).body);
    expect(form.querySelector("#part2_date-day")?.getAttribute("value")).toBe("6");
    expect(form.querySelector("#part2_start")?.getAttribute("value")).toBe("9:30");
    expect(form.querySelector("#trainers")?.text).toBe("Jo Bloggs\nSam Smith");
    const changed = await formPost(
      t.app,
      `/learning/sessions/${twoPart}/edit`,
      learning,
      session({
        room: "Room 3",
        "part2_date-day": "6",
        "part2_date-month": "4",
        "part2_date-year": "2027",
        part2_start: "9:30",
        part2_end: "12:00",
      }),
    );
    expect(changed.statusCode).toBe(303);
    const second = (await ics(patBooking)).body;
    expect(second).toContain("SEQUENCE:1");
    expect(second.match(/^UID:.*$/gm)).toEqual(uids);
    expect(second).toContain("LOCATION:Room 3 at Origin One");
    const changeMail = await t.database.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("subject", "like", "Changed:%")
      .execute();
    expect(changeMail.map((m) => m.to_address).sort()).toEqual(["alice@example.org", "pat@example.org"]);
    expect(changeMail[0]?.body).toMatch(/\/learning\/bookings\/[0-9a-f-]+\/calendar\.ics/);

    // Cancelling: a reason is needed; then bookings end and everyone is told.
    const noReason = await formPost(t.app, `/learning/sessions/${twoPart}/cancel`, learning, { reason: "" });
    expect(errorsOf(noReason.body)).toEqual([["#reason", "Enter why the session is cancelled"]]);
    const cancelled = await formPost(t.app, `/learning/sessions/${twoPart}/cancel`, learning, {
      reason: "The trainer is unwell",
    });
    expect(cancelled.statusCode).toBe(303);
    const bookings = await t.database.db
      .selectFrom("learning_bookings")
      .select(["status", "cancel_reason"])
      .where("session_id", "=", twoPart)
      .execute();
    expect(bookings).toEqual([
      { status: "cancelled", cancel_reason: "session cancelled" },
      { status: "cancelled", cancel_reason: "session cancelled" },
    ]);
    const cancelMail = await t.database.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("subject", "=", "Cancelled: Basic Assessment Skills on 2 March 2027")
      .execute();
    expect(cancelMail.map((m) => m.to_address).sort()).toEqual(["alice@example.org", "pat@example.org"]);
    expect(cancelMail[0]?.body).toContain("The trainer is unwell");

    const third = (await ics(patBooking)).body;
    expect(third).toContain("METHOD:CANCEL");
    expect(third).toContain("STATUS:CANCELLED");
    expect(third).toContain("SEQUENCE:2");
    const page = html((await get(`/learning/sessions/${twoPart}`, practitioner)).body);
    expect(text(page.querySelector("main .govuk-tag"))).toBe("Cancelled");
    expect(page.querySelector('form[action$="/book"]')).toBeNull();

    const again = await formPost(
      t.app,
      `/learning/sessions/${twoPart}/cancel`,
      learning,
      { reason: "Twice" },
      {
        pageUrl: `/learning/sessions/${twoPart}`,
      },
    );
    expect(errorsOf(again.body)).toEqual([["#reason", "This session is already cancelled"]]);
  });

  it("shows a month of sessions by day, marking the viewer's own bookings", async () => {
    const made = await addSession(
      session({
        "part1_date-day": "17",
        "booking_closes-day": "10",
        "booking_closes-month": "3",
        room: "Room 9",
        trainers: "",
      }),
    );
    const id = idOf(made.headers.location);
    await book(id, pat, "booked");
    const page = html((await get("/learning/calendar?month=2027-03", practitioner)).body);
    expect(text(page.querySelector("h1"))).toBe("March 2027");
    const day = page.querySelector('[aria-labelledby="day-2027-03-17"]');
    expect(text(day?.querySelector("h2"))).toBe("Wednesday 17 March 2027");
    expect(text(day)).toContain("9:30am to 4:30pm");
    expect(day?.querySelector(`a[href="/learning/sessions/${id}"]`)).not.toBeNull();
    expect(text(day?.querySelector(".govuk-tag"))).toBe("You are booked");
    expect(page.querySelector('a[href="/learning/calendar?month=2027-04"]')).not.toBeNull();

    const booked = html((await get(`/learning/sessions/${id}`, practitioner)).body);
    expect(text(booked.querySelector(".govuk-inset-text"))).toContain("You have a place on this session.");
    expect(booked.querySelector('form[action$="/book"]')).toBeNull();
  });

  it("lists sessions to come with places left, and downloads them", async () => {
    const page = html((await get("/learning/sessions?month=2027-03", practitioner)).body);
    const rows = page.querySelectorAll(".app-sessions-table tbody tr").map((r) => text(r));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r.includes("11 places left"))).toBe(true);
    const csv = await get("/learning/sessions?format=csv", practitioner);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Basic Assessment Skills");
  });

  it("lists a course's dates, or offers to register interest when it has none", async () => {
    const course = html((await get(`/learning/courses/${courseId}`, practitioner)).body);
    expect(course.querySelectorAll(".app-course-sessions li").length).toBeGreaterThanOrEqual(2);
    expect(course.querySelector('a[href$="/sessions/new"]')).toBeNull();

    const empty = await run((db) =>
      db
        .insertInto("learning_courses")
        .values({
          code: "EMPTY-01",
          title: "No dates",
          tier: "core",
          group_key: "assessment",
          delivery: "face_to_face",
          booking_route: "self",
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    const none = html((await get(`/learning/courses/${empty.id}`, practitioner)).body);
    expect(text(none)).toContain("No dates yet.");
    expect(
      none.querySelector(`form[action="/learning/courses/${empty.id}/interest"] input[name="_csrf"]`),
    ).not.toBeNull();
    const asLd = html((await get(`/learning/courses/${empty.id}`)).body);
    expect(asLd.querySelector(`a[href="/learning/courses/${empty.id}/sessions/new"]`)).not.toBeNull();
  });

  it("keeps the forms to L&D and another council's sessions out of sight", async () => {
    expect((await get(`/learning/courses/${courseId}/sessions/new`, practitioner)).statusCode).toBe(403);
    const tenantB = await t.database.db
      .selectFrom("tenants")
      .select("id")
      .where("slug", "=", "second-council")
      .executeTakeFirstOrThrow();
    const other = await t.app.platform.data.run(
      { tenantId: tenantB.id, actor: { id: "system:test" } },
      (db) =>
        db
          .insertInto("learning_sessions")
          .values({
            course_id: f.other.course,
            capacity: 10,
            booking_closes_on: "2027-03-01",
            venue: "Elsewhere",
            created_by: "test",
            updated_at: new Date(),
          })
          .returning("id")
          .executeTakeFirstOrThrow(),
    );
    for (const url of [
      `/learning/sessions/${other.id}`,
      `/learning/sessions/${other.id}/edit`,
      `/learning/sessions/${other.id}/cancel`,
      `/learning/sessions/${other.id}/calendar.ics`,
    ]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
    expect((await get(`/learning/courses/${f.other.course}/sessions/new`)).statusCode).toBe(404);
  });
});
