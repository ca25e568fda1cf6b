import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessFixture, seedAccessFixture } from "../../../../test/support/access-fixture.js";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { addCohort, addEnrolment, addProgramme, fixtureCtx } from "./test-fixture.js";

/**
 * The dashboard area's pages on 23 November 2026: protection checks, the co-ordinator's
 * dashboard with its cohort view, and retention.
 *
 *   Pat (practitioner; assessor Bob, line manager Lina), September 2026 cohort: 3-month review
 *     due 7 December 2026 (within 14 days, no review): amber.
 *   Eve, September 2026 cohort: agreement done, review on track, next due February 2027: green.
 *   Alice, March 2026 cohort: 6-month review due 1 September 2026 not held: red, overdue.
 */
describe("early career dashboard pages", () => {
  let t: TestApp;
  let f: AccessFixture;
  let coordinator: string;
  let lina: string;
  let pat: string;
  let patEnrolment: string;
  let aliceEnrolment: string;
  let september: string;
  let march: string;
  const person = (role: string) => {
    const id = f.roles[role]?.personId;
    if (!id) throw new Error(role);
    return id;
  };
  const as = (role: string) => {
    const r = f.roles[role];
    if (!r) throw new Error(role);
    return t.signIn({ roles: r.grants, personId: r.personId });
  };
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const errorSummary = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => text(a));
  const checkCount = async () =>
    (await t.database.db.selectFrom("early_career_protection_checks").select("id").execute()).length;
  const nqswRows = (body: string) =>
    html(body)
      .querySelectorAll("[data-nqsws] tbody tr")
      .map((tr) => tr.querySelectorAll("td").map((td) => text(td)));
  const protectionUrl = (id: string) => `/early-career/enrolments/${id}/protection`;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedAccessFixture(t);
    coordinator = await as("asye_coordinator");
    lina = await as("line_manager");
    pat = await as("practitioner");
    const { programmeId, versionId } = await addProgramme(t);
    september = await addCohort(t, programmeId, "September 2026", "2026-09-01");
    march = await addCohort(t, programmeId, "March 2026", "2026-03-01");
    patEnrolment = await addEnrolment(t, {
      cohortId: september,
      versionId,
      personId: person("practitioner"),
      startOn: "2026-09-07",
      endOn: "2027-09-06",
      orgUnitId: f.roles.practitioner?.unit.own ?? null,
      assessorPersonId: person("assessor"),
      lineManagerPersonId: person("line_manager"),
      milestones: [
        {
          name: "Support and assessment agreement",
          kind: "agreement",
          dueOn: "2026-10-05",
          completedOn: "2026-10-01",
        },
        { name: "3-month review", dueOn: "2026-12-07" },
        { name: "6-month review", dueOn: "2027-03-08" },
      ],
      evidence: [{ kind: "observation", standards: ["PCF-1"] }],
    });
    await addEnrolment(t, {
      cohortId: september,
      versionId,
      personId: person("hr_workforce_analyst"),
      startOn: "2026-09-01",
      endOn: "2027-08-31",
      milestones: [
        {
          name: "Support and assessment agreement",
          kind: "agreement",
          dueOn: "2026-09-29",
          completedOn: "2026-09-28",
          review: { heldOn: "2026-09-28", judgement: "on_track" },
        },
        { name: "3-month review", dueOn: "2027-02-01" },
      ],
      evidence: [{ kind: "observation", standards: ["PCF-1", "PCF-2"] }],
    });
    aliceEnrolment = await addEnrolment(t, {
      cohortId: march,
      versionId,
      personId: f.roles.line_manager?.person["out of scope"] ?? "",
      startOn: "2026-03-02",
      endOn: "2027-03-01",
      milestones: [
        { name: "3-month review", dueOn: "2026-06-01", completedOn: "2026-06-01" },
        { name: "6-month review", dueOn: "2026-09-01" },
        { name: "Final review", kind: "final_review", dueOn: "2027-03-01" },
      ],
    });
  });
  afterAll(() => t.close());

  describe("the dashboard", () => {
    it("lists every active NQSW with their next milestone, RAG, evidence and caseload", async () => {
      const page = await get("/early-career/dashboard", coordinator);
      expect(page.statusCode).toBe(200);
      const rows = nqswRows(page.body);
      expect(rows.map((r) => r[0])).toEqual(["Eve Evans", "Pat Practitioner", "Alice Adams"]);
      const [eve, patRow, alice] = rows as [string[], string[], string[]];
      expect(patRow.slice(1, 4)).toEqual(["September 2026", "Family Support", "Bob Brown"]);
      expect(patRow[4]).toBe("3-month review 7 December 2026");
      expect(patRow[5]).toBe("Amber 3-month review due within 14 days");
      expect(patRow[6]).toBe("1 of 4 standards");
      expect(patRow[7]).toBe("Not recorded: protection of Pat Practitioner");
      expect(eve[5]).toBe("Green");
      expect(eve[6]).toBe("2 of 4 standards");
      expect(alice[4]).toBe("6-month review 1 September 2026 Overdue");
      expect(alice[5]).toBe("Red 6-month review overdue Evidence behind time");
      const doc = html(page.body);
      expect(doc.querySelector(`a[href="/early-career/enrolments/${patEnrolment}"]`) !== null).toBe(true);
      // The RAG counts as a chart and as a table; the cohort cards.
      expect(doc.querySelector("[data-chart=rag-chart] svg")?.getAttribute("aria-hidden")).toBe("true");
      expect(doc.querySelectorAll("[data-rag-counts] tbody tr").map((tr) => text(tr))).toEqual([
        "Red 1",
        "Amber 1",
        "Green 1",
      ]);
      expect(doc.querySelectorAll("[data-cohort-cards] .govuk-summary-card").map((c) => text(c))).toEqual([
        "September 2026 NQSWs 2 On track 1",
        "March 2026 NQSWs 1 On track 0",
      ]);
    });

    it("filters by cohort and shows the cohort's milestones due in 30 days and overdue", async () => {
      const page = await get(`/early-career/dashboard?cohort=${september}`, coordinator);
      expect(page.statusCode).toBe(200);
      expect(nqswRows(page.body).map((r) => r[0])).toEqual(["Eve Evans", "Pat Practitioner"]);
      const doc = html(page.body);
      expect(text(doc.querySelector("h1"))).toBe("September 2026");
      expect(doc.querySelectorAll("[data-milestones=due-soon] tbody tr").map((tr) => text(tr))).toEqual([
        "Pat Practitioner 3-month review 7 December 2026",
      ]);
      expect(doc.querySelector("[data-milestones=overdue]")).toBeNull();
      const marchPage = html((await get(`/early-career/dashboard?cohort=${march}`, coordinator)).body);
      expect(marchPage.querySelectorAll("[data-milestones=overdue] tbody tr").map((tr) => text(tr))).toEqual([
        "Alice Adams 6-month review 1 September 2026",
      ]);
    });

    it("filters by RAG, and answers 404 for a cohort that is not the council's", async () => {
      const red = await get("/early-career/dashboard?rag=red", coordinator);
      expect(nqswRows(red.body).map((r) => r[0])).toEqual(["Alice Adams"]);
      const missing = await get(
        "/early-career/dashboard?cohort=00000000-0000-4000-8000-000000000009",
        coordinator,
      );
      expect(missing.statusCode).toBe(404);
      expect((await get("/early-career/dashboard?cohort=nope", coordinator)).statusCode).toBe(404);
    });

    it("exports the filtered list as CSV and Excel", async () => {
      const csv = await get(`/early-career/dashboard?cohort=${september}&format=csv`, coordinator);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      const lines = csv.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toContain("Name,Cohort,Team,Assessor,Next milestone,Due,Overdue,RAG");
      expect(lines).toHaveLength(3);
      expect(lines[2]).toContain(
        "Pat Practitioner,September 2026,Family Support,Bob Brown,3-month review,7 December 2026,No,Amber",
      );
      const xlsx = await get("/early-career/dashboard?format=xlsx", coordinator);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    });

    it("is the co-ordinator's only: a practitioner and an assessor get 403", async () => {
      expect((await get("/early-career/dashboard", pat)).statusCode).toBe(403);
      expect((await get("/early-career/dashboard", await as("assessor"))).statusCode).toBe(403);
      expect((await get("/early-career/retention", await as("assessor"))).statusCode).toBe(403);
      expect((await get("/early-career/dashboard", lina)).statusCode).toBe(403);
    });
  });

  describe("protection", () => {
    it("shows the protection against the programme, with nothing recorded yet", async () => {
      const page = await get(protectionUrl(patEnrolment), coordinator);
      expect(page.statusCode).toBe(200);
      const doc = html(page.body);
      expect(text(doc.querySelector(".govuk-summary-list"))).toContain(
        "At most 14 children (90% of a team caseload target of 16)",
      );
      expect(text(doc.querySelector("[data-caseload]"))).toBe("Not recorded");
      expect(doc.querySelector("[data-breach]")).toBeNull();
      expect(page.body).toContain("No checks recorded yet.");
    });

    it("refuses an empty check with every problem shown, and writes nothing", async () => {
      const before = await checkCount();
      const bad = await formPost(t.app, protectionUrl(patEnrolment), coordinator, {});
      expect(bad.statusCode).toBe(400);
      expect(errorSummary(bad.body)).toEqual([
        "Enter the date of the check",
        "Enter the number of children allocated or the development time, or both",
      ]);
      const worse = await formPost(t.app, protectionUrl(patEnrolment), coordinator, {
        "recorded_on-day": "31",
        "recorded_on-month": "2",
        "recorded_on-year": "2026",
        caseload_children: "many",
        development_time_percent: "120",
      });
      expect(errorSummary(worse.body)).toEqual([
        "Date of the check must be a real date",
        "Number of children allocated must be a whole number from 0 to 200, like 12",
        "Development time must be a number from 0 to 100, like 10 or 7.5",
      ]);
      const future = await formPost(t.app, protectionUrl(patEnrolment), coordinator, {
        "recorded_on-day": "24",
        "recorded_on-month": "11",
        "recorded_on-year": "2026",
        caseload_children: "12",
      });
      expect(future.statusCode).toBe(400);
      expect(errorSummary(future.body)).toEqual(["Date of the check must be today or in the past"]);
      expect(await checkCount()).toBe(before);
    });

    it("flags a breach after the line manager records a caseload over the cap", async () => {
      const ok = await formPost(t.app, protectionUrl(patEnrolment), lina, {
        "recorded_on-day": "30",
        "recorded_on-month": "10",
        "recorded_on-year": "2026",
        caseload_children: "12",
        development_time_percent: "10",
      });
      expect(ok.statusCode).toBe(303);
      let doc = html((await get(protectionUrl(patEnrolment), lina)).body);
      expect(doc.querySelector("[data-breach]")).toBeNull();
      expect(text(doc.querySelector("[data-caseload]"))).toBe("12 children Within the cap");

      const over = await formPost(t.app, protectionUrl(patEnrolment), lina, {
        "recorded_on-day": "23",
        "recorded_on-month": "11",
        "recorded_on-year": "2026",
        caseload_children: "15",
        notes: "Two sibling groups allocated while the team was short",
      });
      expect(over.statusCode).toBe(303);
      const page = await get(protectionUrl(patEnrolment), lina);
      doc = html(page.body);
      expect(text(doc.querySelector(".govuk-notification-banner"))).toContain("Protection check recorded");
      expect(doc.querySelectorAll("[data-breach]").map((w) => text(w))).toEqual([
        "! Warning Caseload over the protected cap: 15 children allocated, the cap is 14.",
      ]);
      expect(text(doc.querySelector("[data-caseload]"))).toBe("15 children Over the cap");
      // Development time keeps its latest reading (the second check recorded only the caseload).
      expect(text(doc.querySelector("[data-development-time]"))).toBe("10% Protected");
      expect(doc.querySelectorAll("[data-checks] tbody tr").map((tr) => text(tr))).toEqual([
        "23 November 2026 15 Entered by hand Two sibling groups allocated while the team was short",
        "30 October 2026 12 10% Entered by hand",
      ]);
      const stored = await t.database.db
        .selectFrom("early_career_protection_checks")
        .select(["source", "caseload_children"])
        .orderBy("recorded_on")
        .execute();
      expect(stored).toEqual([
        { source: "manual", caseload_children: 12 },
        { source: "manual", caseload_children: 15 },
      ]);

      const dashboard = nqswRows((await get("/early-career/dashboard", coordinator)).body);
      const patRow = dashboard.find((r) => r[0] === "Pat Practitioner") ?? [];
      expect(patRow[5]).toBe("Red Protection breached 3-month review due within 14 days");
      expect(patRow[7]).toBe("15 of 14 — over: protection of Pat Practitioner Protection breached");
    });

    it("flags development time below the protected share", async () => {
      const low = await formPost(t.app, protectionUrl(aliceEnrolment), coordinator, {
        "recorded_on-day": "20",
        "recorded_on-month": "11",
        "recorded_on-year": "2026",
        caseload_children: "11",
        development_time_percent: "5%",
      });
      expect(low.statusCode).toBe(303);
      const doc = html((await get(protectionUrl(aliceEnrolment), coordinator)).body);
      expect(doc.querySelectorAll("[data-breach]").map((w) => text(w))).toEqual([
        "! Warning Development time below the protected share: 5% of their time, at least 10% is protected.",
      ]);
    });

    it("takes caseloads from the caseload capability's feed as source 'caseloads'", async () => {
      await t.app.earlyCareerProtection.recordCaseloads(fixtureCtx(t), [
        { enrolmentId: aliceEnrolment, recordedOn: "2026-11-22", caseloadChildren: 13 },
      ]);
      const doc = html((await get(protectionUrl(aliceEnrolment), coordinator)).body);
      expect(text(doc.querySelector("[data-checks] tbody tr"))).toBe("22 November 2026 13 Caseload records");
      // Development time is still the latest manual reading, 5%.
      expect(doc.querySelectorAll("[data-breach]")).toHaveLength(1);
    });

    it("lets the NQSW see their protection but not record it (403); others' answer 404", async () => {
      const own = await get(protectionUrl(patEnrolment), pat);
      expect(own.statusCode).toBe(200);
      expect(html(own.body).querySelector("#caseload_children") === null).toBe(true);
      const refused = await formPost(
        t.app,
        protectionUrl(patEnrolment),
        pat,
        { caseload_children: "1" },
        { pageUrl: "/cpd/entries/new" },
      );
      expect(refused.statusCode).toBe(403);
      expect((await get(protectionUrl(aliceEnrolment), pat)).statusCode).toBe(404);
      expect((await get(protectionUrl("00000000-0000-4000-8000-000000000009"), coordinator)).statusCode).toBe(
        404,
      );
      expect((await get("/early-career/enrolments/nope/protection", coordinator)).statusCode).toBe(404);
      // The assessor named on Pat's enrolment sees it, and may not record a check.
      const assessor = await as("assessor");
      expect((await get(protectionUrl(patEnrolment), assessor)).statusCode).toBe(200);
      expect((await get(protectionUrl(aliceEnrolment), assessor)).statusCode).toBe(404);
    });

    it("exports the checks", async () => {
      const csv = await get(`${protectionUrl(patEnrolment)}?format=csv`, lina);
      expect(csv.statusCode).toBe(200);
      const lines = csv.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toBe("Date,Children allocated,Development time (%),Source,Notes");
      expect(lines).toHaveLength(3);
    });
  });
});
