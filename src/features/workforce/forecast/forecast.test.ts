import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { seedDemoForecast } from "./demo.js";

/**
 * The forecast on the people fixture (23 November 2026) with:
 *   Gus    social worker, permanent 1.0 from 1 Jan 2025, left 31 Mar 2026 (a leaver this year)
 *   Hana   social worker, permanent 1.0 from 1 Feb 2026 (a starter this year)
 *   Ian    an NQSW enrolled on the early career programme from 4 Jan 2027 to 3 Jan 2028
 * Establishment: posts P1, P2, P3 = 3 FTE. Permanent social workers today: Alice 1, Bob 0.5,
 * Hana 1 = 2.5 (Dan is agency). Over the last 12 months (13 points a month apart): Alice and Bob
 * 1.5 at each, Gus 1 at 5, Hana 1 at 10: average 34.5 / 13 = 2.6538; turnover 1 / 2.6538 = 37.7%;
 * starters 1 FTE = 0.08 a month.
 *
 * Saved assumptions (12 months, 12%, 0.5 recruits, 50% kept, 0.25 conversions, +2 posts):
 *   Dec 2026: leavers 0.025; permanent 2.5 - 0.025 + 0.75 = 3.225; establishment 5
 *   Jan 2027: leavers 0.03225; Ian starts: established 3.94275 + 1 = 4.94275; agency need 0.05725
 */
describe("workforce forecast", () => {
  let t: TestApp;
  let ctx: TenantContext;
  let hr: string;
  let senior: string;
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const rows = (body: string) =>
    html(body)
      .querySelectorAll("[data-forecast] tbody tr")
      .map((tr) => tr.querySelectorAll("th, td").map((c) => text(c)));
  const assumptions = (body: string) => text(html(body).querySelector("[data-assumptions]"));

  beforeAll(async () => {
    t = await buildTestApp();
    const f = await seedPeopleFixture(t.app, t.tenantId);
    ctx = f.ctx;
    const id = f.id;
    const person = (given: string) =>
      t.app.people.createPerson(ctx, { given_name: given, family_name: "Test" });
    id.gus = await person("Gus");
    id.hana = await person("Hana");
    id.ian = await person("Ian");
    await t.app.platform.data.run(ctx, async (db) => {
      for (const [key, from] of [
        ["gus", "2025-01-01"],
        ["hana", "2026-02-01"],
      ] as const) {
        await t.app.people.addAssignment(db, id[key] as string, {
          org_unit_id: id.T1 as string,
          job_role_id: id.SW as string,
          contract_type: "permanent",
          fte: 1,
          valid_from: from,
        });
      }
      const programme = await db
        .insertInto("early_career_programmes")
        .values({ code: "ASYE", name: "Assessed and Supported Year in Employment" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const version = await db
        .insertInto("early_career_programme_versions")
        .values({
          programme_id: programme.id,
          version: 1,
          length_months: 12,
          milestones: JSON.stringify([]),
          standards: JSON.stringify([]),
          min_evidence: JSON.stringify({}),
          supervision_rhythm: JSON.stringify([]),
          created_by: "system:fixture",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const cohort = await db
        .insertInto("early_career_cohorts")
        .values({ programme_id: programme.id, name: "January 2027", intake_on: "2027-01-04" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("early_career_enrolments")
        .values({
          cohort_id: cohort.id,
          person_id: id.ian as string,
          programme_version_id: version.id,
          route: "university",
          start_on: "2027-01-04",
          end_on: "2028-01-03",
          fte: 1,
        })
        .execute();
    });
    await t.app.people.recordLeaver(ctx, id.gus as string, { left_on: "2026-03-31", reason_code: 1 });
    hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
    senior = await t.signIn({ roles: [{ role: "senior_leader", unitId: null }] });
  });
  afterAll(async () => {
    await t.close();
  });

  it("with no assumptions saved, takes turnover and recruits from the last 12 months and says so", async () => {
    const f = await t.app.workforceForecast.forecast(ctx);
    expect(f.establishmentFte).toBe(3);
    expect(f.permanentFte).toBe(2.5);
    expect(f.lastYear.leaversFte).toBe(1);
    expect(f.lastYear.startersFte).toBe(1);
    expect(f.lastYear.averageInPostFte).toBeCloseTo(34.5 / 13, 10);
    expect(f.assumptions).toMatchObject({
      turnoverFromData: true,
      recruitsFromData: true,
      horizonMonths: 18,
    });
    const res = await get("/workforce/forecast", hr);
    expect(res.statusCode).toBe(200);
    expect(text(html(res.body).querySelector(".govuk-warning-text"))).toContain(
      "This projection is an estimate",
    );
    expect(html(res.body).querySelector('[data-chart="forecast-chart"] svg')).not.toBeNull();
    const table = rows(res.body);
    expect(table).toHaveLength(19);
    expect(table[0]).toEqual(["Today", "3", "2.5", "0.5", "", ""]);
    const words = assumptions(res.body);
    expect(words).toContain("37.7% a year");
    expect(words).toContain("The last 12 months: 1 FTE left, 2.65 FTE in post on average");
    expect(words).toContain("0.08 FTE a month");
    expect(words).toContain("The last 12 months: 1 FTE started");
    expect(words).toContain("1 FTE start within the forecast");
  });

  it("the assumptions form reports every mistake and saves nothing", async () => {
    const empty = await formPost(t.app, "/workforce/forecast/assumptions", hr, {});
    expect(empty.statusCode).toBe(400);
    const summary = text(html(empty.body).querySelector(".govuk-error-summary"));
    expect(summary).toContain("Enter how many months ahead to project");
    expect(summary).toContain("Enter the share of NQSWs kept");
    expect(summary).toContain("Enter the agency workers becoming permanent each month, or 0");
    const bad = await formPost(t.app, "/workforce/forecast/assumptions", hr, {
      horizon_months: "30",
      annual_turnover_percent: "120",
      recruits_per_month: "",
      early_career_retention_percent: "abc",
      agency_conversions_per_month: "0",
      establishment_change_fte: "0",
    });
    expect(bad.statusCode).toBe(400);
    const page = html(bad.body);
    expect(text(page.querySelector("#horizon_months-error"))).toContain(
      "Months ahead must be a number from 12 to 24",
    );
    expect(text(page.querySelector("#annual_turnover_percent-error"))).toContain(
      "Annual turnover must be a number from 0 to 100",
    );
    expect(text(page.querySelector("#early_career_retention_percent-error"))).toContain(
      "NQSWs kept must be a number, like 2.5",
    );
    expect(page.querySelector("#horizon_months")?.getAttribute("value")).toBe("30");
    expect((await t.app.workforceForecast.assumptions(ctx)).saved).toBe(false);
  });

  it("saves the assumptions and projects the hand-worked months with them", async () => {
    const saved = await formPost(t.app, "/workforce/forecast/assumptions", hr, {
      horizon_months: "12",
      annual_turnover_percent: "12",
      recruits_per_month: "0.5",
      early_career_retention_percent: "50",
      agency_conversions_per_month: "0.25",
      establishment_change_fte: "2",
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe("/workforce/forecast");
    expect((await t.app.workforceForecast.assumptions(ctx)).values).toEqual({
      horizon_months: 12,
      annual_turnover_percent: 12,
      recruits_per_month: 0.5,
      early_career_retention_percent: 50,
      agency_conversions_per_month: 0.25,
      establishment_change_fte: 2,
    });
    const f = await t.app.workforceForecast.forecast(ctx);
    expect(f.projection.months[0]?.permanent).toBeCloseTo(3.225, 10);
    expect(f.projection.months[1]?.permanent).toBeCloseTo(4.94275, 10);
    const res = await get("/workforce/forecast", hr);
    expect(text(html(res.body).querySelector(".govuk-notification-banner"))).toContain(
      "Forecast assumptions saved",
    );
    const table = rows(res.body);
    expect(table).toHaveLength(13);
    expect(table[2]).toEqual(["January 2027", "5", "4.94", "0.06", "0.03", "1.75"]);
    expect(assumptions(res.body)).toContain("12% a year of the permanent FTE");
    expect(assumptions(res.body)).toContain("Your assumption");
    const form = await get("/workforce/forecast/assumptions", hr);
    expect(html(form.body).querySelector("#recruits_per_month")?.getAttribute("value")).toBe("0.5");
    // The blank rates go back to the data.
    await formPost(t.app, "/workforce/forecast/assumptions", hr, {
      horizon_months: "24",
      annual_turnover_percent: "",
      recruits_per_month: "",
      early_career_retention_percent: "85",
      agency_conversions_per_month: "0",
      establishment_change_fte: "-1",
    });
    const again = await t.app.workforceForecast.forecast(ctx);
    expect(again.assumptions).toMatchObject({
      turnoverFromData: true,
      horizonMonths: 24,
      establishmentChangeFte: -1,
    });
    expect(again.projection.months[0]?.establishment).toBe(2);
  });

  it("exports the table, and only HR may change the assumptions", async () => {
    const csv = await get("/workforce/forecast?format=csv", senior);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("Month,Establishment FTE,Permanent FTE,Agency need FTE,Leaving FTE,Joining FTE");
    expect(lines[1]).toBe("2026-11-23,3,2.5,0.5,,");
    expect((await get("/workforce/forecast?format=xlsx", senior)).headers["content-type"]).toContain(
      "spreadsheetml",
    );
    const page = await get("/workforce/forecast", senior);
    expect(page.statusCode).toBe(200);
    expect(html(page.body).querySelector('a[href="/workforce/forecast/assumptions"]')).toBeNull();
    expect((await get("/workforce/forecast/assumptions", senior)).statusCode).toBe(403);
  });

  it("the demo seed sets assumptions once, and never over a council's own", async () => {
    await seedDemoForecast(t.app);
    expect((await t.app.workforceForecast.assumptions(ctx)).values.horizon_months).toBe(24);
    await t.app.platform.data.run(ctx, (db) => db.deleteFrom("workforce_forecast_assumptions").execute());
    await seedDemoForecast(t.app);
    await seedDemoForecast(t.app);
    expect((await t.app.workforceForecast.assumptions(ctx)).values).toMatchObject({
      horizon_months: 18,
      annual_turnover_percent: null,
      agency_conversions_per_month: 0.5,
      establishment_change_fte: 2,
    });
  });
});
