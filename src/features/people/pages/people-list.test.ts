import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { html, text } from "../../../../test/support/html.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";

/** Finding people: search, filters, status, as at, pagination and exports. */
describe("people list", () => {
  let t: TestApp;
  let id: Record<string, string>;
  let cookie: string;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ id } = await seedPeopleFixture(t.app, t.tenantId, { fillers: 52 }));
    cookie = await t.signIn({ roles: [{ role: "senior_leader", unitId: null }] });
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ url, headers: { cookie } });
  const names = async (query: string) => {
    const res = await get(`/people${query}`);
    expect(res.statusCode).toBe(200);
    return html(res.body)
      .querySelectorAll("table tbody th a")
      .map((a) => text(a));
  };

  it("searches by name, email, employee number and SWE number", async () => {
    expect(await names("?q=eve")).toEqual(["Eve Evans"]);
    expect(await names("?q=alice.adams%40example")).toEqual(["Alice Adams"]);
    expect(await names("?q=E005")).toEqual(["Eve Evans"]);
    expect(await names("?q=sw1001")).toEqual(["Alice Adams"]);
    expect(await names("?q=nobody+by+this+name")).toEqual([]);
  });

  it("filters by team (and the teams below it), role and contract type, as at a date", async () => {
    expect(await names(`?unit=${id.T1}`)).toEqual(["Alice Adams", "Bob Brown", "Dan Davis"]);
    expect(await names(`?unit=${id.S1}&asAt=2024-03-01`)).toEqual([
      "Alice Adams",
      "Bob Brown",
      "Dan Davis",
      "Eve Evans",
    ]);
    expect(await names(`?unit=${id.S1}&role=${id.FSW}`)).toEqual(["Bob Brown", "Eve Evans"]);
    expect(await names("?contract=agency")).toEqual(["Dan Davis"]);
    expect(await names(`?unit=${id.T1}&asAt=2023-06-01`)).toEqual(["Alice Adams", "Bob Brown"]);
  });

  it("filters by status: current, left or everyone", async () => {
    expect(await names("?status=left")).toEqual(["Cara Clark"]);
    expect(await names(`?status=all&unit=${id.T2}&asAt=2023-06-01`)).toEqual([
      "Bob Brown",
      "Cara Clark",
      "Eve Evans",
    ]);
    // Before she left, Cara is current
    expect(await names(`?unit=${id.T2}&asAt=2024-02-01`)).toEqual(["Bob Brown", "Cara Clark", "Eve Evans"]);
  });

  it("keeps the filters in the form and marks those chosen", async () => {
    const doc = html((await get(`/people?q=ev&unit=${id.T2}&contract=permanent&status=all`)).body);
    expect(doc.querySelector("#q")?.getAttribute("value")).toBe("ev");
    expect(doc.querySelector("#unit option[selected]")?.getAttribute("value")).toBe(id.T2);
    expect(doc.querySelector("#contract option[selected]")?.getAttribute("value")).toBe("permanent");
    expect(doc.querySelector('input[name="status"][checked]')?.getAttribute("value")).toBe("all");
    expect(doc.querySelector('a[href="/people"]')).not.toBeNull(); // clear filters
  });

  it("chooses a team in two steps, service then team, so a large council's select stays short", async () => {
    const first = html((await get("/people")).body);
    expect(first.querySelectorAll("#service option").map((o) => text(o))).toEqual([
      "All services",
      "Children's Services",
      "Early Help",
      "Safeguarding",
    ]);
    expect(first.querySelector("#unit")).toBeNull();

    // The form sends the service: one address for the filter, the service's teams to choose from
    const chosen = await get(`/people?service=${id.S1}&unit=`);
    expect(chosen.statusCode).toBe(302);
    expect(chosen.headers.location).toBe(`/people?unit=${id.S1}`);
    const withTeams = html((await get(`/people?unit=${id.S1}`)).body);
    expect(withTeams.querySelectorAll("#unit option").map((o) => text(o))).toEqual([
      "All of Safeguarding",
      "Assessment",
      "Family Support",
    ]);
    expect(withTeams.querySelector('input[name="shown"]')?.getAttribute("value")).toBe(id.S1);

    // A team of the service listed counts; a team left over from another service does not
    const team = await get(`/people?service=${id.S1}&shown=${id.S1}&unit=${id.T1}&q=a`);
    expect(team.headers.location).toBe(`/people?q=a&unit=${id.T1}`);
    const moved = await get(`/people?service=${id.S2}&shown=${id.S1}&unit=${id.T1}`);
    expect(moved.headers.location).toBe(`/people?unit=${id.S2}`);
    // "All services" while a service's teams were listed clears the unit
    const cleared = await get(`/people?service=&shown=${id.S1}&unit=${id.T1}`);
    expect(cleared.headers.location).toBe("/people");
  });

  it("shows 50 a page with the GOV.UK pagination component, keeping the filters", async () => {
    // 4 current staff in Safeguarding and 52 in Early Help: 56 in 2 pages
    const first = html((await get(`/people?unit=${id.D}`)).body);
    expect(text(first.querySelector("#results"))).toContain("56 people");
    expect(text(first.querySelector("#results"))).toContain("showing 1 to 50");
    expect(first.querySelectorAll("table tbody tr")).toHaveLength(50);
    const pagination = first.querySelector("nav.govuk-pagination");
    expect(pagination?.querySelector('[aria-current="page"]')?.textContent.trim()).toBe("1");
    expect(pagination?.querySelector('a[rel="next"]')?.getAttribute("href")).toBe(
      `/people?unit=${id.D}&page=2`,
    );
    expect(pagination?.querySelector('a[rel="prev"]')).toBeNull();

    const second = html((await get(`/people?unit=${id.D}&page=2`)).body);
    expect(second.querySelectorAll("table tbody tr")).toHaveLength(6);
    expect(text(second.querySelector("title"))).toMatch(/^People \(page 2 of 2\)/);
    expect(second.querySelector('nav.govuk-pagination a[rel="prev"]')?.getAttribute("href")).toBe(
      `/people?unit=${id.D}`,
    );
    expect(second.querySelector('nav.govuk-pagination a[rel="next"]')).toBeNull();

    const beyond = html((await get(`/people?unit=${id.D}&page=9`)).body);
    expect(text(beyond.querySelector("main"))).toContain("There is no page 9");
  });

  it("turns the date input into ?asAt= and keeps the other filters", async () => {
    const res = await get(`/people?q=eve&asAt-day=1&asAt-month=3&asAt-year=2024`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/people?q=eve&asAt=2024-03-01");
  });

  it("reports an incomplete date and shows today's list", async () => {
    const res = await get("/people?asAt-day=1&asAt-month=&asAt-year=2024");
    expect(res.statusCode).toBe(400);
    const doc = html(res.body);
    expect(text(doc.querySelector(".govuk-error-summary a"))).toBe("Date must include a month");
    expect(doc.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#asAt-month");
    expect(doc.querySelector("#asAt-month")?.classList.contains("govuk-input--error")).toBe(true);
    expect(doc.querySelector("#asAt-day")?.classList.contains("govuk-input--error")).toBe(false);
  });

  it("exports every matching person, not just the page, as CSV", async () => {
    const res = await get(`/people?unit=${id.D}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toBe(
      "Given name,Family name,Email,Social Work England number,Team,Role,Contract type,FTE,Left on",
    );
    expect(lines).toHaveLength(57);
    expect(lines).toContain(
      "Alice,Adams,alice.adams@example.org,SW1001,Assessment,Social worker,Permanent,1,",
    );
  });

  it("links to the export with the filters", async () => {
    const doc = html((await get("/people?contract=agency")).body);
    const hrefs = doc.querySelectorAll("a[download]").map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual(["/people?contract=agency&format=csv", "/people?contract=agency&format=xlsx"]);
    const xlsx = await get("/people?contract=agency&format=xlsx");
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });

  it("ignores filter values it does not understand rather than failing", async () => {
    expect(await names("?unit=not-a-uuid&contract=banana&status=weird&page=-3&q=eve")).toEqual(["Eve Evans"]);
  });

  it("offers adding a person only to those who may", async () => {
    const doc = html((await get("/people")).body);
    expect(doc.querySelector('a[href="/people/new"]')).toBeNull();
    expect((await get("/people/new")).statusCode).toBe(403);
  });
});
