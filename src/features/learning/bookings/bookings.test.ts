import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { EXPIRE_OFFERS_JOB } from "./index.js";
import { type BookingsFixture, seedBookingsFixture } from "./test-fixture.js";

/** Booking, the waiting list and offers, cancelling, approvals and booking for others. */
describe("bookings and waiting lists", () => {
  let t: TestApp;
  let f: BookingsFixture;
  let tokenPage: string;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedBookingsFixture(t);
    tokenPage = `/learning/sessions/${(await f.session()).sessionId}/book`;
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set("2026-11-23T09:00:00Z"));

  const db = () => t.database.db;
  const post = (cookie: string, url: string, fields: Record<string, string> = {}) =>
    formPost(t.app, url, cookie, fields, { pageUrl: tokenPage });
  const book = (cookie: string, sessionId: string, fields: Record<string, string> = {}) =>
    post(cookie, `/learning/sessions/${sessionId}/book`, fields);
  const errors = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => text(a));
  const bookingsOn = (sessionId: string) =>
    db()
      .selectFrom("learning_bookings")
      .select(["id", "person_id", "status", "approval_by", "offer_expires_at"])
      .where("session_id", "=", sessionId)
      .execute();
  const statusOf = async (sessionId: string, personId: string) =>
    (await bookingsOn(sessionId)).filter((b) => b.person_id === personId).map((b) => b.status);

  it("books two places, refuses a third until they choose the waiting list, and offers a freed place", async () => {
    const { sessionId } = await f.session({ capacity: 2 });
    const ann = await f.person({ given: "Ann", family: "One" });
    const ben = await f.person({ given: "Ben", family: "Two" });
    const cat = await f.person({ given: "Cat", family: "Three", email: "cat@example.org" });
    const [annC, benC, catC] = await Promise.all([ann, ben, cat].map((p) => f.as("practitioner", p)));

    expect((await book(annC as string, sessionId)).statusCode).toBe(303);
    expect((await book(benC as string, sessionId)).statusCode).toBe(303);
    const full = await book(catC as string, sessionId);
    expect(full.statusCode).toBe(400);
    expect(errors(full.body)).toEqual([
      "There are no places left on this session. You can join the waiting list instead",
    ]);
    expect(text(html(full.body).querySelector("main form button"))).toBe("Join the waiting list");
    expect(await bookingsOn(sessionId)).toHaveLength(2);
    expect((await book(catC as string, sessionId, { waiting_list: "yes" })).statusCode).toBe(303);
    expect(await statusOf(sessionId, cat)).toEqual(["waiting"]);

    const annBooking = (await bookingsOn(sessionId)).find((b) => b.person_id === ann);
    const cancelled = await post(annC as string, `/learning/bookings/${annBooking?.id}/cancel`);
    expect(cancelled.statusCode).toBe(303);
    expect(await statusOf(sessionId, ann)).toEqual(["cancelled"]);
    const offer = (await bookingsOn(sessionId)).find((b) => b.person_id === cat);
    expect(offer?.status).toBe("offered");
    expect(offer?.offer_expires_at?.toISOString()).toBe("2026-11-25T09:00:00.000Z");
    const email = await db()
      .selectFrom("outbox_messages")
      .select(["subject", "to_address"])
      .where("to_address", "=", "cat@example.org")
      .executeTakeFirstOrThrow();
    expect(email.subject).toContain("A place is free");

    const mine = html((await t.app.inject({ url: "/learning/bookings", headers: { cookie: catC } })).body);
    expect(text(mine.querySelector("tbody"))).toContain("Place offered");
    expect(mine.querySelector(`form[action="/learning/bookings/${offer?.id}/accept"]`)).not.toBeNull();
    expect((await post(catC as string, `/learning/bookings/${offer?.id}/accept`)).statusCode).toBe(303);
    expect(await statusOf(sessionId, cat)).toEqual(["booked"]);
    const page = html((await t.app.inject({ url: "/learning/bookings", headers: { cookie: catC } })).body);
    expect(page.querySelector(`a[href="/learning/bookings/${offer?.id}/calendar.ics"]`)).not.toBeNull();
  });

  it("offers the place to an NQSW, then someone overdue, before those who waited longer", async () => {
    const { sessionId } = await f.session({ capacity: 1 });
    const first = await f.person({ given: "Fay", family: "First" });
    const plain = await f.person({ given: "Pam", family: "Plain" });
    const overdue = await f.person({ given: "Oli", family: "Overdue" });
    const nqsw = await f.person({ given: "Nia", family: "Newly", careerLevel: "nqsw" });
    await t.app.platform.data.run(f.ctx, async (trx) => {
      const req = await trx
        .insertInto("learning_requirements")
        .values({ code: "SAFE-1", title: "Safeguarding" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("learning_compliance")
        .values({ person_id: overdue, requirement_id: req.id, as_at: "2026-11-23", status: "overdue" })
        .execute();
    });
    for (const p of [first, plain, overdue, nqsw]) {
      const r = await t.app.bookings.book(f.ctx, {
        sessionId,
        personId: p,
        booker: { personId: p, manageSessions: false, reachesPerson: false },
        joinWaitingList: true,
      });
      t.clock.advance(60_000);
      expect(r?.status).toBe(p === first ? "booked" : "waiting");
    }
    const lnd = await f.as("learning_and_development_officer", null);
    const page = html(
      (await t.app.inject({ url: `/learning/sessions/${sessionId}/bookings`, headers: { cookie: lnd } }))
        .body,
    );
    expect(
      page.querySelectorAll("#waiting tbody tr").map((tr) => text(tr.querySelectorAll("td")[1])),
    ).toEqual(["Nia Newly", "Oli Overdue", "Pam Plain"]);

    const firstBooking = (await bookingsOn(sessionId)).find((b) => b.person_id === first);
    await t.app.bookings.cancel(f.ctx, firstBooking?.id as string, { manageSessions: true }, null);
    expect(await statusOf(sessionId, nqsw)).toEqual(["offered"]);

    // The offer ends unanswered: accepting is refused, and the job passes it on.
    t.clock.advance(49 * 3_600_000);
    const niaC = await f.as("practitioner", nqsw);
    const nqswBooking = (await bookingsOn(sessionId)).find((b) => b.person_id === nqsw);
    const late = await post(niaC, `/learning/bookings/${nqswBooking?.id}/accept`);
    expect(late.statusCode).toBe(400);
    expect(errors(late.body)[0]).toMatch(
      /^This offer ended on .* so the place has passed to the next person waiting$/,
    );
    await t.app.platform.jobs.enqueue(EXPIRE_OFFERS_JOB);
    await t.app.platform.jobs.tick();
    expect(await statusOf(sessionId, nqsw)).toEqual(["lapsed"]);
    expect(await statusOf(sessionId, overdue)).toEqual(["offered"]);

    // Declining passes it on too.
    const oliC = await f.as("practitioner", overdue);
    const oliBooking = (await bookingsOn(sessionId)).find((b) => b.person_id === overdue);
    expect((await post(oliC, `/learning/bookings/${oliBooking?.id}/decline`)).statusCode).toBe(303);
    expect(await statusOf(sessionId, plain)).toEqual(["offered"]);
  });

  it("refuses a closed, cancelled or started session and a double booking, writing nothing", async () => {
    const me = await f.person({ given: "Dee", family: "Double" });
    const cookie = await f.as("practitioner", me);
    const open = await f.session();
    expect((await book(cookie, open.sessionId)).statusCode).toBe(303);
    const twice = await book(cookie, open.sessionId, { waiting_list: "yes" });
    expect(twice.statusCode).toBe(400);
    expect(errors(twice.body)).toEqual(["You already have a booking on this session"]);
    expect(await bookingsOn(open.sessionId)).toHaveLength(1);

    const closed = await f.session({ closesOn: "2026-11-22" });
    const refused = await book(cookie, closed.sessionId);
    expect(refused.statusCode).toBe(400);
    expect(errors(refused.body)).toEqual(["Booking for this session closed on 22 November 2026"]);

    const cancelled = await f.session();
    await t.app.platform.data.run(f.ctx, (trx) =>
      trx
        .updateTable("learning_sessions")
        .set({ status: "cancelled" })
        .where("id", "=", cancelled.sessionId)
        .execute(),
    );
    expect(errors((await book(cookie, cancelled.sessionId)).body)).toEqual([
      "This session has been cancelled",
    ]);

    const started = await f.session({ parts: [["2026-11-23T08:00:00Z", "2026-11-23T16:00:00Z"]] });
    expect(errors((await book(cookie, started.sessionId)).body)).toEqual([
      "This session has already started",
    ]);
    for (const s of [closed, cancelled, started]) expect(await bookingsOn(s.sessionId)).toHaveLength(0);
  });

  it("lets a learner cancel only up to the cut-off; L&D after it", async () => {
    const me = await f.person({ given: "Cal", family: "Cutoff" });
    const cookie = await f.as("practitioner", me);
    const { sessionId } = await f.session();
    await book(cookie, sessionId);
    const [booking] = await bookingsOn(sessionId);
    t.clock.set("2026-12-14T09:00:00Z"); // the session is on 15 December; the cut-off is 13 December
    const late = await post(await f.as("practitioner", me), `/learning/bookings/${booking?.id}/cancel`);
    expect(late.statusCode).toBe(400);
    expect(errors(late.body)).toEqual([
      "Places can only be cancelled up to 13 December 2026. Contact the learning and development team to cancel now",
    ]);
    expect(await statusOf(sessionId, me)).toEqual(["booked"]);
    const lnd = await f.as("learning_and_development_officer", null);
    const byLnd = await post(lnd, `/learning/bookings/${booking?.id}/cancel`);
    expect(byLnd.statusCode).toBe(303);
    expect(byLnd.headers.location).toBe(`/learning/sessions/${sessionId}/bookings`);
    expect(await statusOf(sessionId, me)).toEqual(["cancelled"]);
  });

  it("lets a manager book for a report without approval, answers 404 for someone outside their scope", async () => {
    const manager = await f.person({ given: "Mo", family: "Manager" });
    const report = await f.person({ given: "Rae", family: "Report", managerId: manager });
    const stranger = await f.person({ given: "Stu", family: "Stranger", unit: "T2" });
    const { sessionId } = await f.session({ route: "manager" });
    const mo = await f.as("line_manager", manager);

    const form = html(
      (await t.app.inject({ url: `/learning/sessions/${sessionId}/book`, headers: { cookie: mo } })).body,
    );
    expect(form.querySelectorAll("#personId option").map((o) => text(o))).toEqual(["Myself", "Rae Report"]);
    const booked = await book(mo, sessionId, { personId: report });
    expect(booked.statusCode).toBe(303);
    expect(await statusOf(sessionId, report)).toEqual(["booked"]);
    expect((await book(mo, sessionId, { personId: stranger })).statusCode).toBe(404);
    expect(await statusOf(sessionId, stranger)).toEqual([]);
    const practitioner = await f.as("practitioner", stranger);
    expect((await book(practitioner, sessionId, { personId: report })).statusCode).toBe(404);

    // The report asks for a place on another manager-approved session: their manager decides.
    const other = await f.session({ route: "manager" });
    const rae = await f.as("practitioner", report);
    await book(rae, other.sessionId);
    const [request] = await bookingsOn(other.sessionId);
    expect(request?.status).toBe("requested");
    expect(request?.approval_by).toBe("manager");
    const approvals = html(
      (await t.app.inject({ url: "/learning/approvals", headers: { cookie: mo } })).body,
    );
    expect(text(approvals.querySelector(".govuk-summary-card__title"))).toContain("Rae Report");
    const strangerManager = await f.as("line_manager", stranger);
    expect(
      (await post(strangerManager, `/learning/bookings/${request?.id}/decision`, { decision: "approve" }))
        .statusCode,
    ).toBe(404);
    const empty = await post(mo, `/learning/bookings/${request?.id}/decision`);
    expect(empty.statusCode).toBe(400);
    expect(errors(empty.body)).toEqual(["Select whether to approve or reject the request"]);
    expect(
      (await post(mo, `/learning/bookings/${request?.id}/decision`, { decision: "approve" })).statusCode,
    ).toBe(303);
    expect(await statusOf(other.sessionId, report)).toEqual(["booked"]);
  });

  it("sends learning-team requests to L&D only", async () => {
    const me = await f.person({ given: "Lee", family: "Learner" });
    const manager = await f.person({ given: "Max", family: "Boss" });
    await t.app.platform.data.run(f.ctx, (trx) =>
      trx
        .updateTable("assignments")
        .set({ line_manager_person_id: manager })
        .where("person_id", "=", me)
        .execute(),
    );
    const { sessionId } = await f.session({ route: "learning_team" });
    await book(await f.as("practitioner", me), sessionId);
    const [request] = await bookingsOn(sessionId);
    expect(request?.approval_by).toBe("learning_team");
    const max = await f.as("line_manager", manager);
    expect(
      (await post(max, `/learning/bookings/${request?.id}/decision`, { decision: "approve" })).statusCode,
    ).toBe(404);
    const lnd = await f.as("learning_and_development_officer", null);
    expect(
      (await post(lnd, `/learning/bookings/${request?.id}/decision`, { decision: "reject" })).statusCode,
    ).toBe(303);
    expect(await statusOf(sessionId, me)).toEqual(["rejected"]);
  });

  it("never gives the last place twice, and offers places when capacity is raised", async () => {
    const { sessionId } = await f.session({ capacity: 1 });
    const people = await Promise.all(["Xa", "Xb", "Xc"].map((given) => f.person({ given, family: "Race" })));
    const results = await Promise.all(
      people.map((p) =>
        t.app.bookings.book(f.ctx, {
          sessionId,
          personId: p,
          booker: { personId: p, manageSessions: false, reachesPerson: false },
          joinWaitingList: true,
        }),
      ),
    );
    expect(results.map((r) => r?.status).sort()).toEqual(["booked", "waiting", "waiting"]);
    await t.app.platform.data.run(f.ctx, (trx) =>
      trx.updateTable("learning_sessions").set({ capacity: 3 }).where("id", "=", sessionId).execute(),
    );
    expect(await t.app.bookings.offerFreedPlaces(f.ctx, sessionId)).toBe(2);
    expect((await bookingsOn(sessionId)).map((b) => b.status).sort()).toEqual([
      "booked",
      "offered",
      "offered",
    ]);
  });

  it("shows empty pages plainly, and a full session's waiting list on the booking page", async () => {
    const admin = await f.as("system_administrator", null);
    const mine = await t.app.inject({ url: "/learning/bookings", headers: { cookie: admin } });
    expect(text(html(mine.body).querySelector("main p"))).toContain("not linked to a person record");
    const ssw = await f.as("supervising_social_worker", f.id.alice as string);
    const approvals = await t.app.inject({ url: "/learning/approvals", headers: { cookie: ssw } });
    expect(text(html(approvals.body).querySelector("main p"))).toBe(
      "There are no requests waiting for your decision.",
    );
    expect((await t.app.inject({ url: "/learning/approvals", headers: { cookie: admin } })).statusCode).toBe(
      403,
    );
    const { sessionId } = await f.session({ capacity: 1 });
    const taker = await f.person({ given: "Tia", family: "Taker" });
    await book(await f.as("practitioner", taker), sessionId);
    const page = html(
      (await t.app.inject({ url: `/learning/sessions/${sessionId}/book`, headers: { cookie: admin } })).body,
    );
    expect(text(page.querySelector("main form button"))).toBe("Join the waiting list");
    // The supervising social worker books for a carer in a household they supervise.
    const sswPage = html(
      (await t.app.inject({ url: `/learning/sessions/${sessionId}/book`, headers: { cookie: ssw } })).body,
    );
    expect(sswPage.querySelectorAll("#personId option").map((o) => text(o))).toContain("Sam Smith");
    expect(
      (await book(ssw, sessionId, { personId: f.id.carer1 as string, waiting_list: "yes" })).statusCode,
    ).toBe(303);
    expect(await statusOf(sessionId, f.id.carer1 as string)).toEqual(["waiting"]);
  });
});
