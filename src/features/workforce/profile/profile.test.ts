import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { html, text } from "../../../../test/support/html.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import type { Breakdown } from "./profile.service.js";
import { seedProfileFixture } from "./test-fixture.js";

/** The workforce profile on the fixture's small council (23 November 2026): see test-fixture.ts. */
describe("workforce profile", () => {
  let t: TestApp;
  let ctx: TenantContext;
  let id: Record<string, string>;
  let hr: string;
  let senior: string;
  let safeguarding: string;
  let earlyHelp: string;
  let practitioner: string;
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const groups = (b: Breakdown | undefined) => (b?.groups ?? []).map((g) => [g.label, g.headcount, g.fte]);
  const find = (list: Breakdown[], key: string) => list.find((b) => b.id === key);
  const tableRows = (body: string, key: string) =>
    html(body)
      .querySelectorAll(`[data-table="${key}"] tbody tr`)
      .map((tr) => tr.querySelectorAll("th, td").map((c) => text(c)));
  const csvLines = (body: string) =>
    body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);

  beforeAll(async () => {
    t = await buildTestApp();
    ({ ctx, id } = await seedProfileFixture(t));
    hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
    senior = await t.signIn({ roles: [{ role: "senior_leader", unitId: null }] });
    safeguarding = await t.signIn({ roles: [{ role: "service_manager", unitId: id.S1 as string }] });
    earlyHelp = await t.signIn({ roles: [{ role: "service_manager", unitId: id.S2 as string }] });
    practitioner = await t.signIn({
      roles: [{ role: "practitioner", unitId: id.T1 as string }],
      personId: id.alice as string,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  describe("the service", () => {
    it("counts the whole council by role, level, contract, employed or agency and service", async () => {
      const p = await t.app.workforceProfile.profile(ctx, {
        asAt: "2026-11-23",
        unitIds: null,
        includeEquality: false,
      });
      expect(p.headline).toEqual({
        headcount: 9,
        fte: 8.8,
        agencyHeadcount: 1,
        agencyFte: 1,
        agencyPercent: 10.2,
        establishmentFte: 3,
        posts: 3,
        vacancyFte: 1,
        coveredFte: 1,
      });
      expect(groups(find(p.breakdowns, "job-role"))).toEqual([
        ["Social worker", 4, 3.5],
        ["Family support worker", 7, 6.3],
      ]);
      expect(groups(find(p.breakdowns, "career-level"))).toEqual([
        ["Newly qualified", 1, 1],
        ["Experienced social worker", 1, 1],
        ["Not recorded", 8, 7.8],
      ]);
      expect(groups(find(p.breakdowns, "contract-type"))).toEqual([
        ["Permanent", 9, 8.8],
        ["Agency", 1, 1],
      ]);
      expect(groups(find(p.breakdowns, "employed-or-agency"))).toEqual([
        ["Employed by the council", 9, 8.8],
        ["Agency or locum", 1, 1],
      ]);
      // Fillers have no start date: their unbroken assignments from 1 January 2023 count.
      expect(groups(find(p.breakdowns, "length-of-service"))).toEqual([
        ["Under 1 year", 1, 1],
        ["1 to 2 years", 0, 0],
        ["2 to 5 years", 8, 7.8],
        ["5 to 10 years", 0, 0],
        ["10 years or more", 0, 0],
      ]);
      expect(p.breakdowns.some((b) => b.equality)).toBe(false);
    });

    it("as at an earlier date leaves out who joined later, and the social work filter keeps to SW roles", async () => {
      const may = await t.app.workforceProfile.profile(ctx, {
        asAt: "2026-05-31",
        unitIds: null,
        includeEquality: false,
      });
      expect(may.headline.headcount).toBe(8);
      expect(may.headline.vacancyFte).toBe(2);
      expect(groups(find(may.breakdowns, "job-role"))[0]).toEqual(["Social worker", 3, 2.5]);
      // Cara (left 29 February 2024) is counted on 1 February 2024, Dan (agency from 15 January) too.
      const feb = await t.app.workforceProfile.profile(ctx, {
        asAt: "2024-02-01",
        unitIds: [id.T2 as string],
        includeEquality: false,
      });
      expect(feb.headline).toMatchObject({ headcount: 3, fte: 2.3, agencyHeadcount: 0, establishmentFte: 0 });
      const sw = await t.app.workforceProfile.profile(ctx, {
        asAt: "2026-11-23",
        unitIds: null,
        socialWorkOnly: true,
        includeEquality: false,
      });
      expect(sw.headline).toMatchObject({ headcount: 3, fte: 2.5, agencyFte: 1, establishmentFte: 3 });
      expect(groups(find(sw.breakdowns, "job-role"))).toEqual([["Social worker", 4, 3.5]]);
    });

    it("groups age, gender and ethnicity as the equality report does, small groups suppressed", async () => {
      const p = await t.app.workforceProfile.profile(ctx, {
        asAt: "2026-11-23",
        unitIds: null,
        includeEquality: true,
      });
      const age = find(p.breakdowns, "age-band")?.groups ?? [];
      // 6 aged 35 to 44, 4 not known: the 4 is hidden, and the 6 with it (total 10 is known).
      expect(age.find((g) => g.label === "35 to 44")).toMatchObject({ headcount: null, hidden: "secondary" });
      expect(age.find((g) => g.label === "Not known or not recorded")).toMatchObject({
        headcount: null,
        fte: null,
        hidden: "small",
      });
      expect(age.find((g) => g.label === "Under 25")).toMatchObject({ headcount: 0, hidden: null });
      const gender = find(p.breakdowns, "gender")?.groups ?? [];
      expect(gender.map((g) => [g.label, g.headcount ?? g.hidden])).toEqual([
        ["Female", 6],
        ["Male", "small"],
        ["Not specified", 0],
        ["Not known or not recorded", "small"],
      ]);
      const ethnicity = find(p.breakdowns, "ethnic-group")?.groups ?? [];
      expect(ethnicity[0]).toMatchObject({ label: "White", headcount: null, hidden: "secondary" });
    });
  });

  describe("the page", () => {
    it("shows the headline figures and each breakdown as a chart and a table", async () => {
      const res = await get("/workforce/profile", hr);
      expect(res.statusCode).toBe(200);
      const page = html(res.body);
      expect(text(page.querySelector("h1"))).toBe("The whole council");
      expect(text(page.querySelector("[data-headcount]"))).toBe("9");
      expect(text(page.querySelector("[data-fte]"))).toBe("8.8");
      expect(text(page.querySelector("[data-agency-percent]"))).toBe("10.2%");
      expect(text(page.querySelector("[data-vacancy]"))).toBe("1");
      expect(tableRows(res.body, "job-role")).toEqual([
        ["Social worker", "4", "3.5"],
        ["Family support worker", "7", "6.3"],
      ]);
      expect(page.querySelector('[data-chart="chart-job-role"] svg')).not.toBeNull();
      expect(tableRows(res.body, "gender")).toEqual([
        ["Female", "6", "5.8"],
        ["Male", "fewer than 5", "fewer than 5"],
        ["Not specified", "0", "0"],
        ["Not known or not recorded", "fewer than 5", "fewer than 5"],
      ]);
      expect(tableRows(res.body, "ethnic-group")[0]).toEqual(["White", "hidden", "hidden"]);
    });

    it("as at an earlier date: the date fields redirect, and who joined later is not counted", async () => {
      const parts = await get("/workforce/profile?asAt-day=31&asAt-month=5&asAt-year=2026", hr);
      expect(parts.statusCode).toBe(302);
      expect(parts.headers.location).toBe("/workforce/profile?asAt=2026-05-31");
      const may = await get("/workforce/profile?asAt=2026-05-31", hr);
      expect(text(html(may.body).querySelector("[data-headcount]"))).toBe("8");
      expect(tableRows(may.body, "job-role")[0]).toEqual(["Social worker", "3", "2.5"]);
      const bad = await get("/workforce/profile?asAt-day=31&asAt-month=2&asAt-year=2026", hr);
      expect(bad.statusCode).toBe(400);
      expect(text(html(bad.body).querySelector(".govuk-error-summary"))).toContain("real date");
    });

    it("never shows age, gender or ethnicity to anyone but HR, on the page or in the export", async () => {
      const res = await get("/workforce/profile", senior);
      expect(res.statusCode).toBe(200);
      const page = html(res.body);
      for (const key of ["age-band", "gender", "ethnic-group"]) {
        expect(page.querySelector(`[data-breakdown="${key}"]`)).toBeNull();
      }
      expect(res.body).not.toContain("Ethnic group");
      const csv = await get("/workforce/profile/export?format=csv", senior);
      expect(csv.body).not.toMatch(/Age band|Gender|Ethnic group/);
      const hrCsv = csvLines((await get("/workforce/profile/export?format=csv", hr)).body);
      expect(hrCsv[0]).toBe("Breakdown,Group,Headcount,FTE");
      expect(hrCsv).toContain("Job role,Social worker,4,3.5");
      expect(hrCsv).toContain("Gender,Male,fewer than 5,fewer than 5");
      expect(hrCsv).toContain("Ethnic group,White,hidden,hidden");
      expect(hrCsv).toContain("Headline,Vacancies,,1");
      const xlsx = await get("/workforce/profile/export?format=xlsx", hr);
      expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    });

    it("shows equality breakdowns only for units the viewer's equality permission reaches", async () => {
      // A senior leader for the whole council who is also HR for Safeguarding only.
      const both = await t.signIn({
        roles: [
          { role: "senior_leader", unitId: null },
          { role: "hr_workforce_analyst", unitId: id.S1 as string },
        ],
      });
      const council = html((await get("/workforce/profile", both)).body);
      expect(council.querySelector('[data-breakdown="job-role"]')).not.toBeNull();
      expect(council.querySelector('[data-breakdown="gender"]')).toBeNull();
      const earlyHelp = html((await get(`/workforce/profile?unit=${id.S2}`, both)).body);
      expect(earlyHelp.querySelector('[data-breakdown="gender"]')).toBeNull();
      const safeguarding = html((await get(`/workforce/profile?unit=${id.S1}`, both)).body);
      expect(safeguarding.querySelector('[data-breakdown="gender"]')).not.toBeNull();
      const csv = (await get("/workforce/profile/export?format=csv", both)).body;
      expect(csv).not.toMatch(/Age band|Gender|Ethnic group/);
    });

    it("keeps to the viewer's units: their top unit by default, another service 404", async () => {
      const own = await get("/workforce/profile", safeguarding);
      expect(own.statusCode).toBe(200);
      expect(text(html(own.body).querySelector("h1"))).toBe("Safeguarding");
      // Alice, Bob, Eve, Fay employed; Dan agency; no fillers.
      expect(text(html(own.body).querySelector("[data-headcount]"))).toBe("4");
      const team = await get(`/workforce/profile?unit=${id.T2}`, safeguarding);
      expect(tableRows(team.body, "job-role")).toEqual([["Family support worker", "2", "1.3"]]);
      expect((await get(`/workforce/profile?unit=${id.T1}`, earlyHelp)).statusCode).toBe(404);
      expect((await get(`/workforce/profile/export?unit=${id.T1}&format=csv`, earlyHelp)).statusCode).toBe(
        404,
      );
      expect((await get("/workforce/profile?unit=not-a-unit", hr)).statusCode).toBe(404);
      expect((await get("/workforce/profile?unit=0b7c5a0e-0000-4000-8000-000000000000", hr)).statusCode).toBe(
        404,
      );
      expect((await get("/workforce/profile", practitioner)).statusCode).toBe(403);
      const csv = await get(`/workforce/profile/export?unit=${id.T1}&sw=1&format=csv`, safeguarding);
      expect(csvLines(csv.body)).toContain("Headline,Headcount (employed),3,2.5");
    });

    // Last: it moves a team.
    it("opens a unit on a past date only if the viewer reaches it today as well", async () => {
      const url = `/workforce/profile?unit=${id.T2}&asAt=2026-10-31`;
      expect((await get(url, safeguarding)).statusCode).toBe(200);
      // Family Support moves from Safeguarding to Early Help from 1 November.
      await t.app.people.moveUnit(ctx, id.T2 as string, id.S2 as string, "2026-11-01");
      // In October it was Safeguarding's, but it is not now: its past is not theirs to open.
      expect((await get(url, safeguarding)).statusCode).toBe(404);
      // Early Help's now, but it was not in October.
      expect((await get(url, earlyHelp)).statusCode).toBe(404);
      expect((await get(`/workforce/profile?unit=${id.T2}`, earlyHelp)).statusCode).toBe(200);
      expect((await get(url, hr)).statusCode).toBe(200);
    });
  });
});
