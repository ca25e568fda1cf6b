import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { type EvaluationFixture, seedEvaluationFixture } from "./test-fixture.js";

/** The learner's evaluation form, the follow-up forms (learner and manager) and the pending list. */
describe("evaluation pages", () => {
  let t: TestApp;
  let f: EvaluationFixture;
  let lee: string;
  let ola: string;
  let leeEval: string;
  let olaEval: string;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedEvaluationFixture(t);
    lee = await f.person({ given: "Lee", family: "Learner", managerId: f.id.alice as string });
    ola = await f.person({ given: "Ola", family: "Other" });
    const s = await f.attended([lee, ola], { on: "2026-11-02", title: "Court Skills" });
    leeEval = await f.evaluationOf(s.bookingIds[0] as string);
    olaEval = await f.evaluationOf(s.bookingIds[1] as string);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set("2026-11-23T09:00:00Z"));

  const db = () => t.database.db;
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const errors = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => ({ text: text(a), href: a.getAttribute("href") }));
  const row = (id: string) =>
    db().selectFrom("learning_evaluations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const good = {
    rating: "4",
    confidence_before: "2",
    confidence_after: "4",
    will_do_differently: "Prepare parents for court with a written summary.",
    comments: "Very practical.",
  };

  it("lists the learner's own evaluations to complete", async () => {
    const cookie = await f.as("practitioner", lee);
    const page = html((await get("/learning/evaluations", cookie)).body);
    expect(text(page.querySelector("h1"))).toBe("Evaluations to complete");
    const links = page.querySelectorAll("main table a");
    expect(links.map((a) => [text(a), a.getAttribute("href")])).toEqual([
      ["Court Skills", `/learning/evaluations/${leeEval}`],
    ]);
    expect(text(page.querySelector("main table"))).toContain("2 November 2026");
    // Someone with nothing to do, and an account with no person.
    const none = await get("/learning/evaluations", await f.as("practitioner", f.id.eve as string));
    expect(text(html(none.body).querySelector("main"))).toContain("You have no evaluations to complete");
    expect((await get("/learning/evaluations", await f.as("practitioner", null))).statusCode).toBe(200);
  });

  it("shows the form with the scales in words, only to the learner", async () => {
    const cookie = await f.as("practitioner", lee);
    const page = html((await get(`/learning/evaluations/${leeEval}`, cookie)).body);
    const legends = page.querySelectorAll("main legend").map((l) => text(l));
    expect(legends).toEqual([
      "How would you rate the session?",
      "Before the session, how confident were you in this area of practice?",
      "After the session, how confident are you?",
    ]);
    const ratingLabels = page.querySelectorAll('label[for^="rating"]').map((l) => text(l));
    expect(ratingLabels).toEqual(["Very poor", "Poor", "Neither good nor poor", "Good", "Excellent"]);
    expect(page.querySelector("#rating")).not.toBeNull();

    // Someone else's evaluation, a manager, a missing one and a bad id: all 404.
    expect((await get(`/learning/evaluations/${olaEval}`, cookie)).statusCode).toBe(404);
    const manager = await f.as("line_manager", f.id.alice as string);
    expect((await get(`/learning/evaluations/${leeEval}`, manager)).statusCode).toBe(404);
    expect((await get("/learning/evaluations/00000000-0000-4000-8000-00000000abcd", cookie)).statusCode).toBe(
      404,
    );
    expect((await get("/learning/evaluations/not-an-id", cookie)).statusCode).toBe(404);
  });

  it("refuses bad answers with the error summary and writes nothing", async () => {
    const cookie = await f.as("practitioner", lee);
    const url = `/learning/evaluations/${leeEval}`;
    const empty = await formPost(t.app, url, cookie, {});
    expect(empty.statusCode).toBe(400);
    expect(errors(empty.body)).toEqual([
      { text: "Select how you rate the session", href: "#rating" },
      { text: "Select how confident you felt before the session", href: "#confidence_before" },
      { text: "Select how confident you feel after the session", href: "#confidence_after" },
      { text: "Enter what you will do differently", href: "#will_do_differently" },
    ]);
    expect(text(html(empty.body).querySelector("title"))).toMatch(/^Error: /);
    const bad = await formPost(t.app, url, cookie, {
      ...good,
      rating: "6",
      comments: "x".repeat(2001),
    });
    expect(errors(bad.body).map((e) => e.text)).toEqual([
      "Select how you rate the session",
      "Comments must be 2000 characters or fewer",
    ]);
    // What was typed is kept.
    expect(html(bad.body).querySelector("#will_do_differently")?.textContent).toBe(good.will_do_differently);
    expect((await row(leeEval)).answered_at).toBeNull();
  });

  it("saves one answer; a second is refused politely and the first kept", async () => {
    const cookie = await f.as("practitioner", lee);
    const url = `/learning/evaluations/${leeEval}`;
    // Someone else posting to Lee's evaluation: 404, nothing written.
    const other = await formPost(t.app, url, await f.as("practitioner", ola), good, {
      pageUrl: `/learning/evaluations/${olaEval}`,
    });
    expect(other.statusCode).toBe(404);

    const saved = await formPost(t.app, url, cookie, good);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe("/learning/evaluations");
    expect(await row(leeEval)).toMatchObject({
      rating: 4,
      confidence_before: 2,
      confidence_after: 4,
      will_do_differently: good.will_do_differently,
      comments: "Very practical.",
    });
    const list = await get("/learning/evaluations", cookie);
    expect(text(html(list.body).querySelector(".govuk-notification-banner"))).toContain(
      "your evaluation has been sent",
    );
    expect(html(list.body).querySelectorAll("main table a")).toHaveLength(0);

    const shown = html((await get(url, cookie)).body);
    expect(text(shown.querySelector(".govuk-summary-list"))).toContain("Good");
    expect(shown.querySelector("form[method=post] #rating")).toBeNull();
    expect(text(shown.querySelector("main"))).toContain("On 2 February 2027 we will ask you");

    // The form page no longer has the form: post with a token from the list page.
    const second = await formPost(
      t.app,
      url,
      cookie,
      { ...good, rating: "1" },
      { pageUrl: "/learning/evaluations" },
    );
    expect(second.statusCode).toBe(409);
    expect(text(html(second.body).querySelector("main"))).toContain("You have already sent this evaluation");
    expect((await row(leeEval)).rating).toBe(4);
  });

  it("opens the follow-up three months on, for the learner and for their manager only", async () => {
    let learner = await f.as("practitioner", lee);
    const learnerUrl = `/learning/evaluations/${leeEval}/follow-up`;
    const managerUrl = `/learning/evaluations/${leeEval}/manager-follow-up`;

    // Not yet due: the page says when.
    const early = html((await get(learnerUrl, learner)).body);
    expect(text(early.querySelector("main"))).toContain("from 2 February 2027");
    expect(early.querySelector("#impact")).toBeNull();

    t.clock.set("2027-02-02T09:00:00Z");
    await t.app.evaluations.sendEmails(f.ctx, "followUps");
    // Sign in again: sessions end 12 hours after sign-in.
    learner = await f.as("practitioner", lee);
    const alice = await f.as("line_manager", f.id.alice as string);
    const list = html((await get("/learning/evaluations", learner)).body);
    expect(list.querySelectorAll("main table a").map((a) => a.getAttribute("href"))).toEqual([learnerUrl]);
    const managerList = html((await get("/learning/evaluations", alice)).body);
    expect(text(managerList.querySelector("main"))).toContain("Lee Learner");
    expect(managerList.querySelectorAll("main table a").map((a) => a.getAttribute("href"))).toContain(
      managerUrl,
    );

    const form = html((await get(learnerUrl, learner)).body);
    expect(form.querySelectorAll('label[for^="impact"]').map((l) => text(l))).toEqual([
      "No change",
      "A little change",
      "Some change",
      "A lot of change",
      "Significant change",
    ]);
    const bad = await formPost(t.app, learnerUrl, learner, { impact: "0" });
    expect(bad.statusCode).toBe(400);
    expect(errors(bad.body)).toEqual([
      { text: "Select how much practice has changed", href: "#impact" },
      { text: "Enter an example", href: "#example" },
    ]);
    const ok = await formPost(t.app, learnerUrl, learner, {
      impact: "4",
      example: "I write analysis first.",
    });
    expect(ok.statusCode).toBe(303);
    const again = await formPost(
      t.app,
      learnerUrl,
      learner,
      { impact: "1", example: "Changed my mind" },
      { pageUrl: "/learning/evaluations" },
    );
    expect(again.statusCode).toBe(409);

    // Managers: the learner's own manager may answer; not the learner, not someone out of scope.
    expect((await get(managerUrl, learner)).statusCode).toBe(403);
    expect((await get(managerUrl, await f.as("line_manager", lee))).statusCode).toBe(404);
    const stranger = await f.as("line_manager", f.id.eve as string);
    expect((await get(managerUrl, stranger)).statusCode).toBe(404);
    const strangerPost = await formPost(
      t.app,
      managerUrl,
      stranger,
      { impact: "5", example: "Not mine" },
      { pageUrl: "/learning/evaluations" },
    );
    expect(strangerPost.statusCode).toBe(404);
    expect((await get(`/learning/evaluations/${olaEval}/manager-follow-up`, alice)).statusCode).toBe(404);

    const managerForm = html((await get(managerUrl, alice)).body);
    expect(text(managerForm.querySelector("main legend"))).toBe(
      "How much has their practice changed since the session?",
    );
    const answered = await formPost(t.app, managerUrl, alice, { impact: "3", example: "Clearer plans." });
    expect(answered.statusCode).toBe(303);
    const followUps = await db()
      .selectFrom("learning_evaluation_follow_ups")
      .select(["respondent", "impact", "example", "answered_by_person_id"])
      .where("evaluation_id", "=", leeEval)
      .orderBy("respondent")
      .execute();
    expect(followUps).toEqual([
      { respondent: "learner", impact: 4, example: "I write analysis first.", answered_by_person_id: lee },
      { respondent: "manager", impact: 3, example: "Clearer plans.", answered_by_person_id: f.id.alice },
    ]);
  });
});
