import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { addCareerLevels, addCohort, addEnrolment, addProgramme } from "./test-fixture.js";

/**
 * The reviews area's pages, as each person would use them:
 *   Dan    NQSW, assessed by Alice, line managed by Eve (enrolment "dan")
 *   Bob    NQSW, assessed by Filler 01 (Alice's reach ends at her own NQSWs)
 *   Filler 02  NQSW whose programme is extended
 */
describe("early career reviews pages", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let dan: { id: string; milestones: Record<string, string> };
  let bob: { id: string; milestones: Record<string, string> };
  let ext: { id: string; milestones: Record<string, string> };
  const id = (key: string) => f.id[key] as string;
  const cookies: Record<string, string> = {};
  const get = (url: string, who: string) => t.app.inject({ url, headers: { cookie: cookies[who] ?? "" } });
  const post = (url: string, who: string, fields: Record<string, string>, pageUrl?: string) =>
    formPost(t.app, url, cookies[who] ?? "", fields, pageUrl ? { pageUrl } : {});
  const errorSummary = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => text(a));
  const milestoneUrl = (e: { id: string; milestones: Record<string, string> }, code: string) =>
    `/early-career/enrolments/${e.id}/milestones/${e.milestones[code]}`;
  const db = () => t.database.db;
  const write = <T>(work: (w: TenantDb) => Promise<T>) => t.app.platform.data.run(f.ctx, work);

  /** Signs everyone in again (after the clock moves past a session's life). */
  async function signInAll() {
    cookies.alice = await t.signIn({ roles: [{ role: "assessor", unitId: null }], personId: id("alice") });
    cookies.dan = await t.signIn({ roles: [{ role: "practitioner", unitId: null }], personId: id("dan") });
    cookies.eve = await t.signIn({ roles: [{ role: "line_manager", unitId: null }], personId: id("eve") });
    cookies.coordinator = await t.signIn({
      roles: [{ role: "asye_coordinator", unitId: null }],
      personId: null,
    });
    cookies.hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }], personId: null });
    cookies.hrEarlyHelp = await t.signIn({
      roles: [{ role: "hr_workforce_analyst", unitId: id("S2") }],
      personId: null,
    });
  }

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set("2026-12-08T09:00:00Z");
    f = await seedPeopleFixture(t.app, t.tenantId, { fillers: 2 });
    await addCareerLevels(t.app, f.ctx);
    await write((w) =>
      w.updateTable("assignments").set({ career_level: "nqsw" }).where("person_id", "=", id("dan")).execute(),
    );
    const { programmeId, versionId } = await addProgramme(t.app, f.ctx);
    const cohortId = await addCohort(t.app, f.ctx, programmeId, "September 2026");
    dan = await addEnrolment(t.app, f.ctx, {
      cohortId,
      versionId,
      personId: id("dan"),
      assessorPersonId: id("alice"),
      lineManagerPersonId: id("eve"),
    });
    bob = await addEnrolment(t.app, f.ctx, {
      cohortId,
      versionId,
      personId: id("bob"),
      assessorPersonId: id("filler1"),
    });
    ext = await addEnrolment(t.app, f.ctx, { cohortId, versionId, personId: id("filler2") });
    await signInAll();
  });
  afterAll(() => t.close());

  const goodReview = {
    "held_on-day": "7",
    "held_on-month": "12",
    "held_on-year": "2026",
    judgement: "on_track",
    evidence_seen: "Two direct observations and a critical reflection on a child protection visit",
    action_plan: "",
  };

  describe("milestones and reviews", () => {
    it("shows the milestone with its due date and status, and the assessor the form", async () => {
      const page = await get(milestoneUrl(dan, "review-3"), "alice");
      expect(page.statusCode).toBe(200);
      const doc = html(page.body);
      expect(text(doc.querySelector("h1"))).toBe("3-month review");
      expect(text(doc.querySelector(".govuk-summary-list"))).toContain("7 December 2026");
      expect(doc.querySelector('input[name="judgement"]')).not.toBeNull();
    });

    it("refuses a review with no judgement, showing every problem and writing nothing", async () => {
      const bad = await post(milestoneUrl(dan, "review-3"), "alice", {
        ...goodReview,
        judgement: "",
        evidence_seen: "",
      });
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual(["Select the assessor's judgement", "Enter the evidence seen"]);
      expect(html(bad.body).querySelector("title")?.textContent).toMatch(/^Error: /);
      expect(await db().selectFrom("early_career_reviews").select("id").execute()).toEqual([]);
    });

    it("needs an action plan when there are concerns, and refuses a date in the future", async () => {
      const concerns = await post(milestoneUrl(dan, "review-3"), "alice", {
        ...goodReview,
        judgement: "some_concerns",
      });
      expect(errorSummary(concerns.body)).toEqual([
        "Enter an action plan: it is needed when there are concerns",
      ]);
      const future = await post(milestoneUrl(dan, "review-3"), "alice", {
        ...goodReview,
        "held_on-day": "9",
      });
      expect(future.statusCode).toBe(400);
      expect(errorSummary(future.body)).toEqual(["The date it was held must be today or in the past"]);
    });

    it("records the 3-month review and completes the milestone on the day it was held", async () => {
      const done = await post(milestoneUrl(dan, "review-3"), "alice", goodReview);
      expect(done.statusCode).toBe(303);
      const m = await db()
        .selectFrom("early_career_milestones")
        .select("completed_on")
        .where("id", "=", dan.milestones["review-3"] as string)
        .executeTakeFirstOrThrow();
      expect(m.completed_on).toBe("2026-12-07");
      const page = html((await get(milestoneUrl(dan, "review-3"), "dan")).body);
      expect(text(page)).toContain("On track");
      expect(text(page.querySelector("#confirmations"))).toContain("Not yet confirmed by Dan Davis (NQSW)");
      expect(text(page.querySelector("#confirmations"))).toContain(
        "Not yet confirmed by Eve Evans (line manager)",
      );
    });

    it("lets the NQSW and the named line manager confirm it, and nobody else", async () => {
      const url = `${milestoneUrl(dan, "review-3")}/confirm`;
      const pageUrl = milestoneUrl(dan, "review-3");
      expect((await post(url, "coordinator", {}, milestoneUrl(dan, "review-3"))).statusCode).toBe(403);
      expect((await post(url, "alice", {}, pageUrl)).statusCode).toBe(403);
      expect((await post(url, "dan", {}, pageUrl)).statusCode).toBe(303);
      let page = html((await get(pageUrl, "eve")).body);
      expect(text(page.querySelector("#confirmations"))).toContain(
        "Confirmed by Dan Davis (NQSW) on 8 December 2026",
      );
      expect((await post(url, "eve", {}, pageUrl)).statusCode).toBe(303);
      page = html((await get(pageUrl, "alice")).body);
      expect(text(page.querySelector("#confirmations"))).toContain(
        "Confirmed by Eve Evans (line manager) on 8 December 2026",
      );
      // Confirmed by both: locked.
      expect(page.querySelector('input[name="judgement"]')).toBeNull();
      const again = await post(
        pageUrl,
        "alice",
        { ...goodReview, judgement: "not_on_track", action_plan: "Weekly supervision" },
        milestoneUrl(dan, "agreement"),
      );
      expect(again.statusCode).toBe(400);
      expect(errorSummary(again.body)[0]).toContain("can no longer be changed");
      const review = await db()
        .selectFrom("early_career_reviews")
        .select(["judgement", "manager_confirmed_by"])
        .executeTakeFirstOrThrow();
      expect(review).toEqual({ judgement: "on_track", manager_confirmed_by: id("eve") });
    });

    it("records the agreement meeting with its notes and the support agreed", async () => {
      const url = milestoneUrl(dan, "agreement");
      const form = html((await get(url, "alice")).body);
      expect(text(form.querySelector('label[for="evidence_seen"]'))).toBe("Notes of the meeting");
      expect(text(form.querySelector('label[for="action_plan"]'))).toBe("Support agreed");
      expect(form.querySelector('input[name="judgement"]')).toBeNull();
      const bad = await post(url, "alice", {});
      expect(errorSummary(bad.body)).toEqual([
        "Enter the date of the agreement meeting",
        "Enter the notes of the meeting",
        "Enter the support agreed",
      ]);
      const ok = await post(url, "alice", {
        "held_on-day": "1",
        "held_on-month": "10",
        "held_on-year": "2026",
        evidence_seen: "Met with Dan and Eve",
        action_plan: "Weekly supervision for six weeks; 10% protected time",
      });
      expect(ok.statusCode).toBe(303);
      // Re-recording before both confirm is allowed and changes it.
      const changed = await post(url, "alice", {
        "held_on-day": "2",
        "held_on-month": "10",
        "held_on-year": "2026",
        evidence_seen: "Met with Dan and Eve",
        action_plan: "Weekly supervision for six weeks; 10% protected time; a buddy",
      });
      expect(changed.statusCode).toBe(303);
      const page = html((await get(url, "dan")).body);
      expect(text(page)).toContain("a buddy");
      expect(text(page)).toContain("Held on 2 October 2026");
    });

    it("answers 404 to an assessor for another assessor's NQSW, and to a milestone of another enrolment", async () => {
      expect((await get(milestoneUrl(bob, "review-3"), "alice")).statusCode).toBe(404);
      expect(
        (await post(milestoneUrl(bob, "review-3"), "alice", goodReview, milestoneUrl(dan, "review-6")))
          .statusCode,
      ).toBe(404);
      const mixed = `/early-career/enrolments/${dan.id}/milestones/${bob.milestones["review-3"]}`;
      expect((await get(mixed, "alice")).statusCode).toBe(404);
      expect((await get(milestoneUrl(bob, "review-3"), "dan")).statusCode).toBe(404);
    });

    it("lets the NQSW see but not record their own review", async () => {
      expect((await get(milestoneUrl(dan, "review-6"), "dan")).statusCode).toBe(200);
      // The practitioner role has no assess permission at all.
      const res = await t.app.inject({
        method: "POST",
        url: milestoneUrl(dan, "review-6"),
        headers: { cookie: cookies.dan ?? "", "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(goodReview).toString(),
      });
      expect(res.statusCode).toBe(403);
    });
  });

  describe("extensions", () => {
    const url = () => `/early-career/enrolments/${ext.id}/extensions`;
    const fields = (day: string, month: string, year: string) => ({
      reason: "Long sickness in the spring",
      approved_by: "Priya Shah, Principal Social Worker",
      "new_end_on-day": day,
      "new_end_on-month": month,
      "new_end_on-year": year,
    });

    it("refuses an end beyond 24 months in all with a clear error, and writes nothing", async () => {
      const res = await post(url(), "coordinator", fields("8", "9", "2028"));
      expect(res.statusCode).toBe(400);
      expect(errorSummary(res.body)).toEqual([
        "The new end date must be on or before 7 September 2028: the programme can last at most 24 months in all, allowing for part-time working and pauses",
      ]);
      const before = await post(url(), "coordinator", fields("1", "9", "2027"));
      expect(errorSummary(before.body)).toEqual([
        "The new end date must be after the current end date, 7 September 2027",
      ]);
      expect(await db().selectFrom("early_career_extensions").select("id").execute()).toEqual([]);
    });

    it("accepts an extension within the cap, moves the end and shows the history", async () => {
      const res = await post(url(), "coordinator", fields("7", "3", "2028"));
      expect(res.statusCode).toBe(303);
      const e = await db()
        .selectFrom("early_career_enrolments")
        .select("end_on")
        .where("id", "=", ext.id)
        .executeTakeFirstOrThrow();
      expect(e.end_on).toBe("2028-03-07");
      const page = html((await get(url(), "coordinator")).body);
      expect(text(page.querySelector("table"))).toContain("Priya Shah, Principal Social Worker");
      expect(text(page.querySelector("table"))).toContain("7 March 2028");
    });

    it("lets only the co-ordinator extend", async () => {
      expect((await get(`/early-career/enrolments/${dan.id}/extensions`, "alice")).statusCode).toBe(200);
      const res = await post(
        `/early-career/enrolments/${dan.id}/extensions`,
        "alice",
        fields("7", "3", "2028"),
        milestoneUrl(dan, "review-6"),
      );
      expect(res.statusCode).toBe(403);
    });
  });

  describe("outcomes and the HR action", () => {
    const outcomeUrl = () => `/early-career/enrolments/${dan.id}/outcome`;
    const pass = {
      result: "pass",
      "outcome_on-day": "14",
      "outcome_on-month": "9",
      "outcome_on-year": "2027",
      pay_point: "SCP 29",
    };

    it("needs the final review before any outcome", async () => {
      t.clock.set("2027-09-20T09:00:00Z");
      await signInAll();
      const res = await post(outcomeUrl(), "coordinator", pass);
      expect(res.statusCode).toBe(400);
      expect(errorSummary(res.body)).toEqual(["Record the final review before the outcome"]);
      const empty = await post(outcomeUrl(), "coordinator", {});
      expect(errorSummary(empty.body)).toEqual(["Select pass or fail", "Enter the outcome date"]);
    });

    it("needs the panel's endorsement for a pass", async () => {
      const review = await post(milestoneUrl(dan, "final"), "alice", {
        ...goodReview,
        "held_on-day": "7",
        "held_on-month": "9",
        "held_on-year": "2027",
      });
      expect(review.statusCode).toBe(303);
      const res = await post(outcomeUrl(), "coordinator", pass);
      expect(errorSummary(res.body)).toEqual([
        "A pass needs the internal panel to have endorsed the portfolio",
      ]);
      expect(await db().selectFrom("early_career_progressions").select("id").execute()).toEqual([]);
    });

    it("records a pass and raises the HR action to the next career level", async () => {
      await write((w) =>
        w
          .updateTable("early_career_enrolments")
          .set({ panel_decision: "endorsed", panel_on: "2027-09-10" })
          .where("id", "=", dan.id)
          .execute(),
      );
      const res = await post(outcomeUrl(), "coordinator", pass);
      expect(res.statusCode).toBe(303);
      const e = await db()
        .selectFrom("early_career_enrolments")
        .select(["status", "outcome_on"])
        .where("id", "=", dan.id)
        .executeTakeFirstOrThrow();
      expect(e).toEqual({ status: "passed", outcome_on: "2027-09-14" });
      const p = await db()
        .selectFrom("early_career_progressions")
        .select(["person_id", "to_career_level", "pay_point", "effective_on", "status"])
        .executeTakeFirstOrThrow();
      expect(p).toEqual({
        person_id: id("dan"),
        to_career_level: "sw",
        pay_point: "SCP 29",
        effective_on: "2027-09-14",
        status: "open",
      });
      const page = html((await get(outcomeUrl(), "dan")).body);
      expect(text(page)).toContain("HR has been asked to move Dan Davis to Social Worker, pay point SCP 29");
    });

    it("shows HR the open action, in their scope only, with an export", async () => {
      const list = await get("/early-career/progression", "hr");
      expect(list.statusCode).toBe(200);
      const row = text(html(list.body).querySelector("table tbody tr"));
      expect(row).toContain("Dan Davis");
      expect(row).toContain("NQSW (ASYE)");
      expect(row).toContain("Social Worker");
      expect(row).toContain("14 September 2027");
      const csv = await get("/early-career/progression?format=csv", "hr");
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csv.body).toContain("Dan Davis");
      expect(csv.body).toContain("SCP 29");
      // HR held on Early Help does not reach Dan (Assessment).
      expect(text(html((await get("/early-career/progression", "hrEarlyHelp")).body))).not.toContain(
        "Dan Davis",
      );
      const pId = (await db().selectFrom("early_career_progressions").select("id").executeTakeFirstOrThrow())
        .id;
      expect((await get(`/early-career/progression/${pId}`, "hrEarlyHelp")).statusCode).toBe(404);
      expect((await get("/early-career/progression", "coordinator")).statusCode).toBe(403);
    });

    it("lets HR confirm the move", async () => {
      const pId = (await db().selectFrom("early_career_progressions").select("id").executeTakeFirstOrThrow())
        .id;
      const res = await post(`/early-career/progression/${pId}`, "hr", { pay_point: "" });
      expect(res.statusCode).toBe(303);
      const p = await db()
        .selectFrom("early_career_progressions")
        .select(["status", "confirmed_source", "confirmed_on", "pay_point"])
        .executeTakeFirstOrThrow();
      expect(p).toEqual({
        status: "confirmed",
        confirmed_source: "hr",
        confirmed_on: "2027-09-20",
        pay_point: "SCP 29",
      });
      const list = html((await get("/early-career/progression", "hr")).body);
      expect(text(list)).toContain("No moves are waiting.");
      expect(text(list)).toContain("Confirmed in the last 90 days");
    });

    it("refuses a second outcome", async () => {
      const res = await post(
        outcomeUrl(),
        "coordinator",
        { ...pass, result: "fail" },
        `/early-career/enrolments/${ext.id}/extensions`,
      );
      expect(errorSummary(res.body)).toEqual([
        "The outcome has already been recorded or the NQSW has withdrawn",
      ]);
    });
  });
});
