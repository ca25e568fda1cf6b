import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { formPost } from "../../../test/support/forms.js";
import { html, text } from "../../../test/support/html.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../test/support/people-fixture.js";
import { addAppraisal, addCycle, addPerson } from "./test-fixture.js";

/**
 * The appraisal pages as each person uses them (today is 23 November 2026, in the 2026 to 2027
 * cycle: objectives were due 30 June, the mid-year review 31 October):
 *   Mia Manager   line manager in Assessment; Pat and Quinn (Family Support) report to her
 *   Olive Outside in another directorate, out of Mia's reach, with an appraisal
 *   HR            council-wide: cycles; Sam a service manager of Safeguarding (no person)
 */
describe("appraisal pages", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let cycleId: string;
  let patAppraisal: string;
  let oliveAppraisal: string;
  const id = (key: string) => f.id[key] as string;
  const cookies: Record<string, string> = {};
  const get = (url: string, who: string) => t.app.inject({ url, headers: { cookie: cookies[who] ?? "" } });
  const post = (url: string, who: string, fields: Record<string, string>, pageUrl?: string) =>
    formPost(t.app, url, cookies[who] ?? "", fields, pageUrl ? { pageUrl } : {});
  const errorSummary = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => text(a));
  const db = () => t.database.db;
  const appraisalUrl = (appraisalId: string) => `/appraisal/appraisals/${appraisalId}`;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId, { fillers: 6 });
    await t.app.platform.data.run(f.ctx, async (db) => {
      f.id.D2 = await t.app.people.createUnitIn(db, {
        code: "D2",
        name: "Corporate Services",
        unit_type: "directorate",
        parent_id: null,
        valid_from: "2023-01-01",
      });
    });
    await addPerson(t.app, f, "mia", ["Mia", "Manager"], "T1", null);
    await addPerson(t.app, f, "pat", ["Pat", "Practitioner"], "T2", "mia");
    await addPerson(t.app, f, "quinn", ["Quinn", "Quayle"], "T2", "mia");
    await addPerson(t.app, f, "olive", ["Olive", "Outside"], "D2", null);
    cycleId = await addCycle(t.app, f.ctx);
    oliveAppraisal = await addAppraisal(t.app, f.ctx, { cycleId, personId: id("olive") });
    cookies.mia = await t.signIn({ roles: [{ role: "line_manager", unitId: null }], personId: id("mia") });
    cookies.pat = await t.signIn({ roles: [{ role: "practitioner", unitId: null }], personId: id("pat") });
    cookies.hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }], personId: null });
    cookies.sam = await t.signIn({ roles: [{ role: "service_manager", unitId: id("S1") }], personId: null });
    cookies.ld = await t.signIn({
      roles: [{ role: "learning_and_development_officer", unitId: null }],
      personId: null,
    });
  }, 240_000);
  afterAll(() => t.close());

  describe("cycles", () => {
    const good = {
      name: "2027 to 2028",
      "starts_on-day": "1",
      "starts_on-month": "4",
      "starts_on-year": "2027",
      "ends_on-day": "31",
      "ends_on-month": "3",
      "ends_on-year": "2028",
      "objectives_due_on-day": "30",
      "objectives_due_on-month": "6",
      "objectives_due_on-year": "2027",
      "mid_year_due_on-day": "31",
      "mid_year_due_on-month": "10",
      "mid_year_due_on-year": "2027",
      "completion_due_on-day": "31",
      "completion_due_on-month": "3",
      "completion_due_on-year": "2028",
    };
    const count = async () => (await db().selectFrom("appraisal_cycles").select("id").execute()).length;

    it("refuses an empty cycle with every problem at once, writing nothing", async () => {
      const res = await post("/appraisal/cycles/new", "hr", {});
      expect(res.statusCode).toBe(400);
      expect(errorSummary(res.body)).toEqual([
        "Enter the name of the cycle",
        "Enter the start date",
        "Enter the end date",
        "Enter the date objectives are due",
        "Enter the date the mid-year review is due",
        "Enter the date completion is due",
      ]);
      expect(html(res.body).querySelector("title")?.textContent).toMatch(/^Error: /);
      expect(await count()).toBe(1);
    });

    it("refuses due dates out of order or outside the cycle, and a name used already", async () => {
      const order = await post("/appraisal/cycles/new", "hr", { ...good, "mid_year_due_on-month": "5" });
      expect(errorSummary(order.body)).toEqual(["The mid-year review must be due after the objectives"]);
      const outside = await post("/appraisal/cycles/new", "hr", {
        ...good,
        "completion_due_on-year": "2029",
      });
      expect(errorSummary(outside.body)).toEqual(["The date completion is due must be within the cycle"]);
      const same = await post("/appraisal/cycles/new", "hr", { ...good, name: "2026 to 2027" });
      expect(errorSummary(same.body)).toEqual(["There is already a cycle with this name"]);
      expect(await count()).toBe(1);
    });

    it("lets HR add a cycle, listed for everyone who sees appraisals; others may not add one", async () => {
      const res = await post("/appraisal/cycles/new", "hr", good);
      expect(res.statusCode).toBe(303);
      const list = await get("/appraisal/cycles", "pat");
      expect(list.statusCode).toBe(200);
      expect(text(html(list.body).querySelector("table"))).toContain("2027 to 2028");
      expect((await get("/appraisal/cycles/new", "mia")).statusCode).toBe(403);
      expect((await post("/appraisal/cycles/new", "mia", good, "/appraisal")).statusCode).toBe(403);
      expect((await get("/appraisal/cycles", "ld")).statusCode).toBe(403);
    });
  });

  describe("a person's appraisal", () => {
    it("lets the manager start it, with herself as appraiser by default", async () => {
      const page = await get(`/appraisal/people/${id("pat")}/start`, "mia");
      expect(page.statusCode).toBe(200);
      const doc = html(page.body);
      expect(
        doc.querySelector(`input[name="appraiser_person_id"][value="${id("mia")}"]`)?.hasAttribute("checked"),
      ).toBe(true);
      expect(doc.querySelector(`input[name="cycle_id"][value="${cycleId}"]`)?.hasAttribute("checked")).toBe(
        true,
      );
      const res = await post(`/appraisal/people/${id("pat")}/start`, "mia", {
        cycle_id: cycleId,
        appraiser_person_id: id("mia"),
      });
      expect(res.statusCode).toBe(303);
      const row = await db()
        .selectFrom("appraisals")
        .select(["id", "appraiser_person_id"])
        .where("person_id", "=", id("pat"))
        .executeTakeFirstOrThrow();
      expect(row.appraiser_person_id).toBe(id("mia"));
      patAppraisal = row.id;
      expect(res.headers.location).toBe(appraisalUrl(patAppraisal));
      const again = await post(`/appraisal/people/${id("pat")}/start`, "mia", {
        cycle_id: cycleId,
        appraiser_person_id: id("mia"),
      });
      expect(again.statusCode).toBe(400);
      expect(errorSummary(again.body)).toEqual(["They already have an appraisal in this cycle"]);
    });

    it("refuses an empty start form, and never lets anyone start their own or reach someone out of scope", async () => {
      const empty = await post(`/appraisal/people/${id("quinn")}/start`, "mia", {});
      expect(empty.statusCode).toBe(400);
      expect(errorSummary(empty.body)).toEqual(["Select the appraisal cycle", "Select the appraiser"]);
      const startPage = `/appraisal/people/${id("quinn")}/start`;
      const own = await post(
        `/appraisal/people/${id("mia")}/start`,
        "mia",
        { cycle_id: cycleId, appraiser_person_id: id("pat") },
        startPage,
      );
      expect(own.statusCode).toBe(403);
      const pat = await post(
        `/appraisal/people/${id("pat")}/start`,
        "pat",
        { cycle_id: cycleId, appraiser_person_id: id("mia") },
        "/appraisal",
      );
      expect(pat.statusCode).toBe(403);
      expect((await get(`/appraisal/people/${id("olive")}/start`, "mia")).statusCode).toBe(404);
      expect((await get(appraisalUrl(oliveAppraisal), "mia")).statusCode).toBe(404);
      expect((await get(`${appraisalUrl(oliveAppraisal)}/objectives`, "mia")).statusCode).toBe(404);
      expect((await get(`/appraisal/people/not-a-uuid/start`, "mia")).statusCode).toBe(404);
      expect(
        (
          await db()
            .selectFrom("appraisals")
            .select("id")
            .where("person_id", "in", [id("quinn"), id("mia")])
            .execute()
        ).length,
      ).toBe(0);
    });

    it("records objectives, refusing bad lines and a date in the future without writing", async () => {
      const url = `${appraisalUrl(patAppraisal)}/objectives`;
      const bad = await post(url, "mia", {
        objective_1: "",
        measure_1: "Audits graded good",
        "objectives_agreed_on-day": "1",
        "objectives_agreed_on-month": "13",
        "objectives_agreed_on-year": "2026",
      });
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual([
        "Enter objective 1, or clear how it is measured",
        "The date the objectives were agreed must be a real date",
      ]);
      const future = await post(url, "mia", {
        objective_1: "Complete assessments within 45 days",
        "objectives_agreed_on-day": "1",
        "objectives_agreed_on-month": "1",
        "objectives_agreed_on-year": "2027",
      });
      expect(errorSummary(future.body)).toEqual([
        "The date the objectives were agreed must be today or in the past",
      ]);
      expect(await db().selectFrom("appraisal_objectives").select("id").execute()).toEqual([]);

      const good = await post(url, "mia", {
        objective_1: "Complete assessments within 45 days",
        measure_1: "Nine in ten on time",
        objective_2: "Lead a Signs of Safety mapping in the team",
        measure_2: "",
        "objectives_agreed_on-day": "20",
        "objectives_agreed_on-month": "5",
        "objectives_agreed_on-year": "2026",
        career_aspiration: "Senior practitioner within two years",
      });
      expect(good.statusCode).toBe(303);
      const page = await get(appraisalUrl(patAppraisal), "pat");
      const doc = html(page.body);
      expect(text(doc.querySelector("#objectives"))).toContain("Lead a Signs of Safety mapping in the team");
      expect(text(doc.querySelector("#career-aspiration"))).toBe("Senior practitioner within two years");
      expect(text(doc.querySelector("#stages"))).toContain("Mid-year review overdue");
    });

    it("refuses completion until the mid-year review is recorded, with a clear error", async () => {
      const url = `${appraisalUrl(patAppraisal)}/complete`;
      const objectives = await db().selectFrom("appraisal_objectives").select("sequence").execute();
      const res = await post(url, "mia", {
        "completed_on-day": "20",
        "completed_on-month": "11",
        "completed_on-year": "2026",
        summary: "A good year",
        ...Object.fromEntries(objectives.map((o) => [`progress_${o.sequence}`, "met"])),
      });
      expect(res.statusCode).toBe(400);
      expect(errorSummary(res.body)).toEqual([
        "The appraisal cannot be completed until the objectives are agreed and the mid-year review is recorded",
      ]);
      const row = await db()
        .selectFrom("appraisals")
        .select("completed_on")
        .where("id", "=", patAppraisal)
        .executeTakeFirstOrThrow();
      expect(row.completed_on).toBeNull();
    });

    it("records the mid-year review with each objective's progress", async () => {
      const url = `${appraisalUrl(patAppraisal)}/mid-year`;
      const bad = await post(url, "mia", { progress_1: "on_track" });
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual([
        "Enter the date of the mid-year review",
        "Enter the summary of the review",
        "Select the progress of objective 2",
      ]);
      const good = await post(url, "mia", {
        "mid_year_on-day": "1",
        "mid_year_on-month": "11",
        "mid_year_on-year": "2026",
        summary: "Assessments on time; mapping planned for January",
        progress_1: "on_track",
        progress_2: "at_risk",
      });
      expect(good.statusCode).toBe(303);
      const progress = await db()
        .selectFrom("appraisal_objectives")
        .select("progress")
        .orderBy("sequence")
        .execute();
      expect(progress.map((p) => p.progress)).toEqual(["on_track", "at_risk"]);
    });

    it("raises a development need into the learning needs analysis with source 'appraisal'", async () => {
      const url = `${appraisalUrl(patAppraisal)}/needs`;
      const bad = await post(url, "mia", { kind: "described", plan_year: "2027" });
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual([
        "Select how much they need it",
        "Select the PCF domain it develops",
        "Enter the date it is needed by",
        "Describe the need",
        "Select the theme of the need",
      ]);
      expect(await db().selectFrom("learning_needs").select("id").execute()).toEqual([]);
      const good = await post(url, "mia", {
        plan_year: "2027",
        kind: "described",
        description: "Confidence presenting evidence in court",
        theme: "law_court",
        priority: "important",
        pcf_domain: "knowledge",
        "needed_by-day": "30",
        "needed_by-month": "9",
        "needed_by-year": "2027",
      });
      expect(good.statusCode).toBe(303);
      const need = await db()
        .selectFrom("learning_needs")
        .select(["id", "person_id", "source", "theme", "plan_year"])
        .executeTakeFirstOrThrow();
      expect(need).toMatchObject({
        person_id: id("pat"),
        source: "appraisal",
        theme: "law_court",
        plan_year: 2027,
      });
      const link = await db().selectFrom("appraisal_development_needs").selectAll().executeTakeFirstOrThrow();
      expect(link).toMatchObject({ appraisal_id: patAppraisal, need_id: need.id });
      const page = await get(appraisalUrl(patAppraisal), "mia");
      expect(text(html(page.body).querySelector("#needs"))).toContain(
        "Confidence presenting evidence in court",
      );
    });

    it("keeps the appraisee from recording their own appraisal", async () => {
      expect((await get(`${appraisalUrl(patAppraisal)}/objectives`, "pat")).statusCode).toBe(403);
      const complete = await post(
        `${appraisalUrl(patAppraisal)}/complete`,
        "pat",
        {
          "completed_on-day": "20",
          "completed_on-month": "11",
          "completed_on-year": "2026",
          summary: "Mine",
        },
        "/appraisal",
      );
      expect(complete.statusCode).toBe(403);
      const row = await db()
        .selectFrom("appraisals")
        .select("completed_on")
        .where("id", "=", patAppraisal)
        .executeTakeFirstOrThrow();
      expect(row.completed_on).toBeNull();
    });

    it("completes the appraisal, which the appraisee alone confirms", async () => {
      const url = `${appraisalUrl(patAppraisal)}/complete`;
      const res = await post(url, "mia", {
        "completed_on-day": "20",
        "completed_on-month": "11",
        "completed_on-year": "2026",
        summary: "Assessments on time all year",
        progress_1: "met",
        progress_2: "partly_met",
      });
      expect(res.statusCode).toBe(303);
      const page = html((await get(appraisalUrl(patAppraisal), "pat")).body);
      expect(page.querySelector("form[action$='/confirm']")).not.toBeNull();
      expect(
        html((await get(appraisalUrl(patAppraisal), "mia")).body).querySelector("form[action$='/confirm']"),
      ).toBeNull();
      const byManager = await post(`${appraisalUrl(patAppraisal)}/confirm`, "mia", {}, "/appraisal");
      expect(byManager.statusCode).toBe(403);
      const confirm = await post(
        `${appraisalUrl(patAppraisal)}/confirm`,
        "pat",
        {},
        appraisalUrl(patAppraisal),
      );
      expect(confirm.statusCode).toBe(303);
      const row = await db()
        .selectFrom("appraisals")
        .select(["confirmed_on", "completed_on"])
        .where("id", "=", patAppraisal)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ completed_on: "2026-11-20", confirmed_on: "2026-11-23" });
      const locked = await post(`${appraisalUrl(patAppraisal)}/objectives`, "mia", {
        objective_1: "Changed",
      });
      expect(locked.statusCode).toBe(400);
      expect(errorSummary(locked.body)).toEqual([
        "This appraisal is completed, so it can no longer be changed",
      ]);
    });
  });

  describe("lists and completion", () => {
    it("shows the viewer's own appraisals and the manager's people with their status", async () => {
      const own = html((await get("/appraisal", "pat")).body);
      expect(text(own.querySelector("#own-appraisals"))).toContain("2026 to 2027 (current)");
      expect(own.querySelector("#people-appraisals")).toBeNull();
      const mine = html((await get("/appraisal", "mia")).body);
      const rows = mine.querySelectorAll("#people-appraisals tbody tr").map((r) => text(r));
      expect(rows).toEqual([
        expect.stringMatching(/^Pat Practitioner Family Support Mia Manager Completed$/),
        expect.stringMatching(/^Quinn Quayle Family Support Not started Overdue Start/),
      ]);
      expect(text(mine.querySelector("#overdue-count"))).toBe("1 of 2 is overdue.");
      const csv = await get("/appraisal?format=csv", "mia");
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csv.body).toContain(
        'Quinn Quayle,Family Support,,"Not started; overdue: objectives, mid-year review",,,',
      );
      expect((await get(`/appraisal?unit=${id("S2")}`, "mia")).statusCode).toBe(404);
    });

    it("shows completion by service with small numbers hidden, a drill-down and exports", async () => {
      await addAppraisal(t.app, f.ctx, {
        cycleId,
        personId: id("filler1"),
        objectivesAgreedOn: "2026-05-01",
        midYearOn: "2026-10-01",
        completedOn: "2026-11-01",
      });
      const page = await get(`/appraisal/cycles/${cycleId}`, "hr");
      expect(page.statusCode).toBe(200);
      const doc = html(page.body);
      const rows = doc
        .querySelectorAll("#completion-table tbody tr")
        .map((r) => r.querySelectorAll("th, td").map((c) => text(c)));
      // Safeguarding: Alice, Bob (two assignments, once), Eve, Mia, Pat, Quinn (Cara left; Dan is agency).
      expect(rows).toContainEqual([
        "Safeguarding",
        "6",
        "fewer than 5",
        "fewer than 5",
        "fewer than 5",
        "fewer than 5",
        "Not shown",
      ]);
      expect(rows).toContainEqual([
        "Early Help",
        "6",
        "fewer than 5",
        "fewer than 5",
        "fewer than 5",
        "fewer than 5",
        "Not shown",
      ]);
      expect(rows).toContainEqual([
        "Not in a service",
        "fewer than 5",
        "fewer than 5",
        "0",
        "0",
        "0",
        "Not shown",
      ]);
      expect(doc.querySelector("[data-chart=completion] svg")).not.toBeNull();
      const drill = html((await get(`/appraisal/cycles/${cycleId}?unit=${id("S1")}`, "hr")).body);
      expect(drill.querySelectorAll("#completion-table tbody tr th").map((c) => text(c))).toEqual([
        "Assessment",
        "Family Support",
        "Total",
      ]);
      const xlsx = await get(`/appraisal/cycles/${cycleId}?format=xlsx`, "hr");
      expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
      const csv = await get(`/appraisal/cycles/${cycleId}?format=csv`, "sam");
      expect(csv.body).toContain("Safeguarding,6,fewer than 5");
      expect(csv.body).not.toContain("Early Help");
      expect((await get(`/appraisal/cycles/${cycleId}?unit=${id("S2")}`, "sam")).statusCode).toBe(404);
    });

    it("gives other features the completion rate of a unit", async () => {
      const all = await t.app.appraisals.completionRate(f.ctx, { cycleId, unitId: null });
      expect(all).toEqual({ people: 13, completed: 2, rate: 2 / 13 });
      const team = await t.app.appraisals.completionRate(f.ctx, {
        cycleId,
        unitId: id("T2"),
        asAt: "2026-11-19",
      });
      expect(team.completed).toBe(0);
    });

    it("removes the free text about a person when they are anonymised", async () => {
      await t.app.platform.data.run(f.ctx, (w) => t.app.people.anonymise(w, id("pat")));
      const row = await db()
        .selectFrom("appraisals")
        .select(["mid_year_summary", "career_aspiration", "final_summary", "completed_on"])
        .where("id", "=", patAppraisal)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        mid_year_summary: null,
        career_aspiration: null,
        final_summary: null,
        completed_on: "2026-11-20",
      });
      const objectives = await db()
        .selectFrom("appraisal_objectives")
        .select(["objective", "measure"])
        .execute();
      expect(objectives).toEqual([
        { objective: "Removed", measure: null },
        { objective: "Removed", measure: null },
      ]);
    });
  });
});
