import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { html, text } from "../../../../test/support/html.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";

describe("foster carer households", () => {
  let t: TestApp;
  let id: Record<string, string>;
  let cookie: string;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ id } = await seedPeopleFixture(t.app, t.tenantId));
    cookie = await t.signIn({ roles: [{ role: "service_manager", unitId: null }] });
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ url, headers: { cookie } });

  it("lists the households approved on the date, with their supervising social worker and review", async () => {
    const doc = html((await get("/foster-carers")).body);
    expect(text(doc.querySelector("h1"))).toBe("Foster carers");
    const rows = doc.querySelectorAll("table tbody tr");
    expect(rows).toHaveLength(1); // the Joneses were deregistered in 2025
    const cells = rows[0]?.querySelectorAll("th, td").map((c) => text(c));
    expect(cells).toEqual([
      "FH-001",
      "The Smith household",
      "Mainstream",
      "1 May 2020",
      "Alice Adams",
      "1 October 2026 Overdue",
    ]);
    expect(rows[0]?.querySelector("th a")?.getAttribute("href")).toBe(`/foster-carers/${id.smiths}`);

    const earlier = html((await get("/foster-carers?asAt=2024-01-01")).body);
    expect(earlier.querySelectorAll("table tbody tr")).toHaveLength(2);
  });

  it("exports the households", async () => {
    const res = await get("/foster-carers?format=csv");
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.body).toContain("FH-001,The Smith household,Mainstream,2020-05-01,Alice Adams,2026-10-01,2");
    expect(res.body).not.toContain("FH-002");
  });

  it("shows a household with its carers", async () => {
    const doc = html((await get(`/foster-carers/${id.smiths}`)).body);
    expect(text(doc.querySelector("h1"))).toBe("The Smith household");
    expect(doc.querySelectorAll("table tbody th a").map((a) => text(a))).toEqual(["Jo Smith", "Sam Smith"]);
    const carer = await get(`/people/${id.carer1}`);
    expect(text(html(carer.body).querySelector(".govuk-caption-l"))).toBe("Foster carer");
    expect(carer.body).toContain(`href="/foster-carers/${id.smiths}"`);
  });

  it("answers 404 for a household that does not exist", async () => {
    expect((await get("/foster-carers/00000000-0000-4000-8000-000000000999")).statusCode).toBe(404);
    expect((await get("/foster-carers/x")).statusCode).toBe(404);
  });

  it("keeps foster carers out of the staff list", async () => {
    const doc = html((await get("/people?q=smith")).body);
    expect(doc.querySelectorAll("table tbody tr")).toHaveLength(0);
  });
});
