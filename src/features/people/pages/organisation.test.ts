import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";

/** The organisation tree, a team's page and moving a team, on the fixture in test/support/people-fixture.ts. */
describe("organisation pages", () => {
  let t: TestApp;
  let id: Record<string, string>;
  let analyst: string;
  let manager: string;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ id } = await seedPeopleFixture(t.app, t.tenantId));
    analyst = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
    manager = await t.signIn({ roles: [{ role: "senior_leader", unitId: null }] });
  });
  afterAll(() => t.close());

  const get = (url: string, cookie = analyst) => t.app.inject({ url, headers: { cookie } });
  const rowOf = (body: string, name: string) =>
    html(body)
      .querySelectorAll("table tbody tr")
      .find((tr) => text(tr.querySelector("th a")) === name);
  const cells = (body: string, name: string) =>
    rowOf(body, name)
      ?.querySelectorAll("td")
      .map((td) => text(td));

  it("shows the tree as at a date with headcount and FTE per unit, each unit a link", async () => {
    const res = await get("/organisation?asAt=2023-04-01");
    expect(res.statusCode).toBe(200);
    const doc = html(res.body);
    expect(text(doc.querySelector("h1"))).toBe("Organisation");
    expect(text(doc.querySelector(".govuk-caption-l"))).toBe("As at 1 April 2023");
    // Unit, type, headcount, FTE in post, totals including the units below
    expect(cells(res.body, "Assessment")).toEqual(["Team", "2", "1.5", "2", "1.5"]);
    expect(cells(res.body, "Family Support")).toEqual(["Team", "2", "1.8", "2", "1.8"]);
    expect(cells(res.body, "Safeguarding")).toEqual(["Service", "0", "0", "4", "3.3"]);
    expect(rowOf(res.body, "Assessment")?.querySelector("a")?.getAttribute("href")).toBe(
      `/organisation/units/${id.T1}?asAt=2023-04-01`,
    );
    // The date input shows the date asked for
    expect(doc.querySelector("#asAt-day")?.getAttribute("value")).toBe("1");
    expect(doc.querySelector("#asAt-month")?.getAttribute("value")).toBe("4");
    expect(doc.querySelector("#asAt-year")?.getAttribute("value")).toBe("2023");
  });

  it("is as at today by default and links without a date", async () => {
    const res = await get("/organisation");
    const doc = html(res.body);
    expect(text(doc.querySelector(".govuk-caption-l"))).toBe("As at 23 November 2026");
    expect(rowOf(res.body, "Assessment")?.querySelector("a")?.getAttribute("href")).toBe(
      `/organisation/units/${id.T1}`,
    );
    // Cara has left; agency Dan is not in post
    expect(cells(res.body, "Family Support")).toEqual(["Team", "2", "1.3", "2", "1.3"]);
  });

  it("sends the date input's three fields on to ?asAt=", async () => {
    const res = await get("/organisation?asAt-day=1&asAt-month=4&asAt-year=2023");
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/organisation?asAt=2023-04-01");
  });

  it("reports a date that is not real, in the summary and at the field", async () => {
    const res = await get("/organisation?asAt-day=31&asAt-month=2&asAt-year=2024");
    expect(res.statusCode).toBe(400);
    const doc = html(res.body);
    expect(text(doc.querySelector("title"))).toMatch(/^Error: Organisation/);
    const link = doc.querySelector(".govuk-error-summary a");
    expect(text(link)).toBe("Date must be a real date");
    expect(link?.getAttribute("href")).toBe("#asAt-day");
    expect(text(doc.querySelector("#asAt-error"))).toContain("Date must be a real date");
    expect(doc.querySelector("#asAt-day")?.getAttribute("value")).toBe("31");
  });

  it("exports the tree as CSV", async () => {
    const res = await get("/organisation?asAt=2023-04-01&format=csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toContain("organisation-2023-04-01.csv");
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toBe(
      "Unit,Code,Type,Part of,Manager,Headcount,FTE in post,Headcount including units below,FTE in post including units below",
    );
    expect(lines).toContain("Assessment,T1,Team,Safeguarding,,2,1.5,2,1.5");
  });

  it("shows a team's totals, members, posts with vacancy and cover, and breadcrumbs from its ancestry", async () => {
    const res = await get(`/organisation/units/${id.T1}?asAt=2024-03-01`);
    expect(res.statusCode).toBe(200);
    const doc = html(res.body);
    expect(text(doc.querySelector("h1"))).toBe("Assessment");
    expect(doc.querySelectorAll(".govuk-breadcrumbs__list-item").map((li) => text(li))).toEqual([
      "Organisation",
      "Children's Services",
      "Safeguarding",
    ]);
    const totals = Object.fromEntries(
      doc
        .querySelectorAll(".govuk-summary-card .govuk-summary-list__row")
        .map((row) => [text(row.querySelector("dt")), text(row.querySelector("dd"))]),
    );
    expect(totals).toEqual({
      "People in post": "2",
      "FTE in post": "1.5",
      "Funded posts (FTE)": "3",
      "Vacancies (FTE)": "2",
      "Vacancies covered by agency or locum (FTE)": "1",
      "Agency and locum workers": "1 (1 FTE)",
    });
    const tables = doc.querySelectorAll("table");
    expect(tables[0]?.querySelectorAll("tbody th").map((th) => text(th))).toEqual([
      "Alice Adams",
      "Bob Brown",
      "Dan Davis",
    ]);
    const posts = tables[1]
      ?.querySelectorAll("tbody tr")
      .map((tr) => [text(tr.querySelector("th")), ...tr.querySelectorAll("td").map((td) => text(td))]);
    expect(posts).toEqual([
      ["P3", "Senior social worker", "1", "Vacant", "1", "0"],
      ["P1", "Social worker", "1", "Alice Adams (Permanent, 1)", "0", "0"],
      ["P2", "Social worker", "1", "Dan Davis (Agency, 1)", "1", "1"],
    ]);
  });

  it("exports a team's members and posts", async () => {
    const members = await get(`/organisation/units/${id.T1}?asAt=2024-03-01&table=members&format=csv`);
    expect(members.body).toContain("Dan Davis,Social worker,,Agency,1,P2,2024-01-15");
    const posts = await get(`/organisation/units/${id.T1}?asAt=2024-03-01&table=posts&format=csv`);
    expect(posts.body).toContain('P2,Social worker,,1,"Dan Davis (Agency, 1)",1,1');
  });

  it("lists the units below and links to them", async () => {
    const res = await get(`/organisation/units/${id.S1}`);
    const links = html(res.body)
      .querySelectorAll("main ul.govuk-list a")
      .map((a) => [text(a), a.getAttribute("href")]);
    expect(links).toContainEqual(["Assessment", `/organisation/units/${id.T1}`]);
    expect(links).toContainEqual(["Family Support", `/organisation/units/${id.T2}`]);
  });

  it("answers 404 for a unit that does not exist", async () => {
    expect((await get("/organisation/units/00000000-0000-4000-8000-000000000999")).statusCode).toBe(404);
    expect((await get("/organisation/units/not-an-id")).statusCode).toBe(404);
    expect((await get("/organisation/units/00000000-0000-4000-8000-000000000999/move")).statusCode).toBe(404);
  });

  it("offers moving the team only to those who manage the organisation", async () => {
    const asAnalyst = html((await get(`/organisation/units/${id.T2}`)).body);
    expect(asAnalyst.querySelector(`a[href="/organisation/units/${id.T2}/move"]`)).not.toBeNull();
    const asManager = html((await get(`/organisation/units/${id.T2}`, manager)).body);
    expect(asManager.querySelector(`a[href="/organisation/units/${id.T2}/move"]`)).toBeNull();
    expect((await get(`/organisation/units/${id.T2}/move`, manager)).statusCode).toBe(403);
  });

  it("moves a team on a date: errors first, all at once, then the new structure from that date", async () => {
    const url = `/organisation/units/${id.T2}/move`;
    const bad = await formPost(t.app, url, analyst, {
      parent_id: "",
      "moved_on-day": "1",
      "moved_on-month": "13",
    });
    expect(bad.statusCode).toBe(400);
    const doc = html(bad.body);
    expect(text(doc.querySelector("title"))).toMatch(/^Error: /);
    expect(
      doc.querySelectorAll(".govuk-error-summary a").map((a) => [text(a), a.getAttribute("href")]),
    ).toEqual([
      ["Select where the team moves to", "#parent_id"],
      ["Date of the move must include a year", "#moved_on-year"],
    ]);
    expect(doc.querySelector("#moved_on-month")?.getAttribute("value")).toBe("13");

    const underItself = await formPost(t.app, url, analyst, {
      parent_id: id.T2 as string,
      "moved_on-day": "1",
      "moved_on-month": "4",
      "moved_on-year": "2024",
    });
    expect(underItself.statusCode).toBe(400);
    expect(text(html(underItself.body).querySelector(".govuk-error-summary a"))).toBe(
      "A team cannot move under itself or a team below it",
    );

    const ok = await formPost(t.app, url, analyst, {
      parent_id: id.S2 as string,
      "moved_on-day": "1",
      "moved_on-month": "4",
      "moved_on-year": "2024",
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/organisation/units/${id.T2}?asAt=2024-04-01`);
    const after = await get(ok.headers.location as string);
    const page = html(after.body);
    expect(text(page.querySelector(".govuk-notification-banner"))).toContain(
      "Family Support is part of Early Help from 1 April 2024",
    );
    expect(page.querySelectorAll(".govuk-breadcrumbs__list-item").map((li) => text(li))).toEqual([
      "Organisation",
      "Children's Services",
      "Early Help",
    ]);
    const before = html((await get(`/organisation/units/${id.T2}?asAt=2024-03-31`)).body);
    expect(before.querySelectorAll(".govuk-breadcrumbs__list-item").map((li) => text(li))).toContain(
      "Safeguarding",
    );
    // The notice shows once
    expect(
      html((await get(ok.headers.location as string)).body).querySelector(".govuk-notification-banner"),
    ).toBeNull();
  });
});
