import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";

/**
 * The measures pages on the people fixture (23 November 2026; census year 2026 is the latest),
 * with four more social workers in Assessment (T1), one of whom left on 31 March 2026:
 *   in post 30 Sep 2026: Alice 1.0, Bob 0.5, Gil 1.0, Hana 0.6, Jen 1.0 = 4.1 FTE (5 people)
 *   agency: Dan 1.0 in P2; leavers: Ivo 1.0
 *   posts: P1 (Alice) filled, P2 (Dan, agency) 1.0 vacant and covered, P3 (nobody) 1.0 vacant
 *   cases at 30 Sep: Alice 15, Gil 18, Hana 9, Dan 20 = 62 over 3.6 FTE
 * Turnover 1.0/4.1 = 24.4%; vacancy 2.0/6.1 = 32.8%; agency 1.0/5.1 = 19.6%; cover 100%;
 * caseload 62/3.6 = 17.2; absence 0%.
 */
describe("workforce measures pages", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let hr: string;
  let serviceManager: string;
  let otherServiceManager: string;
  let practitioner: string;
  let otherRole: string;
  const id = (key: string) => f.id[key] as string;
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const table = (body: string, attr: string) =>
    html(body)
      .querySelectorAll(`[${attr}] tbody tr`)
      .map((tr) => tr.querySelectorAll("th, td").map((c) => text(c)));
  const figure = (body: string, name: string) => table(body, "data-measures").find((r) => r[0] === name)?.[1];

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId);
    const ctx = f.ctx;
    const { people } = t.app;
    const add = async (given: string, fte: number) => {
      const personId = await people.createPerson(ctx, { given_name: given, family_name: "Tester" });
      await t.app.platform.data.run(ctx, (db) =>
        people.addAssignment(db, personId, {
          org_unit_id: id("T1"),
          job_role_id: id("SW"),
          post_id: null,
          contract_type: "permanent",
          fte,
          valid_from: "2024-01-01",
        }),
      );
      return personId;
    };
    const gil = await add("Gil", 1);
    const hana = await add("Hana", 0.6);
    const ivo = await add("Ivo", 1);
    await add("Jen", 1);
    await people.recordLeaver(ctx, ivo, { left_on: "2026-03-31", reason_code: 1, destination_code: 1 });
    await t.app.platform.data.run(ctx, async (db) => {
      const snap = await db
        .insertInto("caseload_snapshots")
        .values({ as_at: "2026-09-30", source: "typed", created_by: "system:test" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("caseload_entries")
        .values(
          [
            [id("alice"), 15],
            [gil, 18],
            [hana, 9],
            [id("dan"), 20],
          ].map(([person, children]) => ({
            snapshot_id: snap.id,
            person_id: person as string,
            as_at: "2026-09-30",
            children: children as number,
          })),
        )
        .execute();
      await db
        .insertInto("stability_figures")
        .values({
          census_year: 2026,
          org_unit_id: null,
          children: 120,
          children_three_plus: 18,
          recorded_by: "x",
        })
        .execute();
    });
    // Another council with a job role of its own.
    const other = await t.app.platform.data.system
      .insertInto("tenants")
      .values({ slug: "other-council", name: "Other Council" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const theirs: TenantContext = { tenantId: other.id, actor: { id: "system:test" } };
    otherRole = await t.app.platform.data.run(theirs, async (db) => {
      const row = await db
        .insertInto("job_roles")
        .values({ code: "SW", name: "Their social worker", social_work_qualified: true })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    });
    hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
    serviceManager = await t.signIn({ roles: [{ role: "service_manager", unitId: id("S1") }] });
    otherServiceManager = await t.signIn({ roles: [{ role: "service_manager", unitId: id("S2") }] });
    practitioner = await t.signIn({
      roles: [{ role: "practitioner", unitId: id("T1") }],
      personId: id("alice"),
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it("shows each measure with its figure, formula and inputs for the latest census year", async () => {
    const res = await get("/workforce/measures", hr);
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(text(page.querySelector("h1"))).toBe("DfE measures 2026: The whole council");
    expect(figure(res.body, "Turnover rate (FTE)")).toBe("24.4%");
    expect(figure(res.body, "Vacancy rate (FTE)")).toBe("32.8%");
    expect(figure(res.body, "Agency worker rate (FTE)")).toBe("19.6%");
    expect(figure(res.body, "Agency cover rate (FTE)")).toBe("100%");
    expect(figure(res.body, "Average caseload (FTE)")).toBe("17.2");
    expect(figure(res.body, "Sickness absence rate")).toBe("0%");
    const turnover = table(res.body, "data-measures").find((r) => r[0] === "Turnover rate (FTE)");
    expect(turnover?.[2]).toContain("Leavers (FTE): 1");
    expect(turnover?.[2]).toContain("In post (FTE): 4.1");
    expect(turnover?.[2]).toContain("Leavers in the year (FTE)");
    // Three years side by side, with a chart.
    expect(page.querySelectorAll("[data-comparison] thead th").map((th) => text(th))).toEqual([
      "Measure",
      "2024",
      "2025",
      "2026",
    ]);
    expect(page.querySelector('[data-chart="measures-trend"] svg')).not.toBeNull();
    expect(text(page.querySelector("[data-stability]"))).toContain("15%");
    expect(text(page.querySelector("[data-stability]"))).toContain("18 of 120 children");
  });

  it("hides the figures for fewer than 5 social workers, and the year before had no stability figure", async () => {
    const res = await get(`/workforce/measures?unit=${id("T2")}&year=2025`, hr);
    expect(res.statusCode).toBe(200);
    expect(figure(res.body, "Turnover rate (FTE)")).toBe("Hidden (fewer than 5 social workers)");
    expect(text(html(res.body).querySelector("[data-stability]"))).toContain("No stability figure");
  });

  it("limits the units to the viewer's scope", async () => {
    const own = await get("/workforce/measures?year=2026", serviceManager);
    expect(own.statusCode).toBe(200);
    expect(text(html(own.body).querySelector("h1"))).toBe("DfE measures 2026: Safeguarding");
    const options = html(own.body)
      .querySelectorAll("#unit option")
      .map((o) => text(o));
    expect(options.some((o) => o.includes("Early Help"))).toBe(false);
    expect(figure(own.body, "Turnover rate (FTE)")).toBe("24.4%");
    expect((await get(`/workforce/measures?unit=${id("T1")}`, serviceManager)).statusCode).toBe(200);
    expect((await get(`/workforce/measures?unit=${id("S2")}`, serviceManager)).statusCode).toBe(404);
    expect((await get("/workforce/measures?unit=not-a-unit", serviceManager)).statusCode).toBe(404);
    expect((await get("/workforce/measures?year=1999", serviceManager)).statusCode).toBe(404);
    const early = await get("/workforce/measures", otherServiceManager);
    expect(text(html(early.body).querySelector("h1"))).toBe("DfE measures 2026: Early Help");
    expect(figure(early.body, "Turnover rate (FTE)")).toBe("Hidden (fewer than 5 social workers)");
    expect((await get("/workforce/measures", practitioner)).statusCode).toBe(403);
  });

  it("exports the three years as CSV and Excel", async () => {
    const csv = await get("/workforce/measures?year=2026&format=csv", hr);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("Unit,Census year,Measure,Figure,Formula,Inputs");
    expect(lines.some((l) => l.startsWith("The whole council,2026,Turnover rate (FTE),24.4,"))).toBe(true);
    expect(lines).toHaveLength(1 + 3 * 9);
    const xlsx = await get("/workforce/measures?year=2026&format=xlsx", hr);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
  });

  it("lists the job roles with their DfE mapping for HR only", async () => {
    const res = await get("/workforce/measures/roles", hr);
    expect(res.statusCode).toBe(200);
    const rows = table(res.body, "data-roles");
    expect(rows.find((r) => r[0]?.startsWith("Social worker"))?.slice(1, 4)).toEqual([
      "Yes",
      "Not mapped",
      "Yes",
    ]);
    expect(rows.some((r) => r[0]?.startsWith("Their social worker"))).toBe(false);
    expect((await get("/workforce/measures/roles", serviceManager)).statusCode).toBe(403);
    expect((await get(`/workforce/measures/roles/${id("SW")}`, serviceManager)).statusCode).toBe(403);
  });

  it("changes a role's mapping, with GOV.UK errors for bad input", async () => {
    const url = `/workforce/measures/roles/${id("SW")}`;
    const form = await get(url, hr);
    expect(form.statusCode).toBe(200);
    expect(
      html(form.body).querySelector('input[name="dfe_org_role"][value="none"]')?.hasAttribute("checked"),
    ).toBe(true);

    const empty = await formPost(t.app, url, hr, {});
    expect(empty.statusCode).toBe(400);
    const summary = html(empty.body).querySelectorAll(".govuk-error-summary a");
    expect(summary.map((a) => text(a))).toEqual([
      "Select the DfE role this job role maps to",
      "Select whether this role holds cases",
    ]);
    expect(summary.map((a) => a.getAttribute("href"))).toEqual(["#dfe_org_role", "#case_holder"]);

    const contradictory = await formPost(t.app, url, hr, { dfe_org_role: "6", case_holder: "yes" });
    expect(contradictory.statusCode).toBe(400);
    expect(text(html(contradictory.body).querySelector("#case_holder-error"))).toContain(
      "A role mapped to Qualified without cases cannot hold cases",
    );
    // Nothing written.
    expect(
      (await t.app.workforceMeasures.dataset(f.ctx, { year: 2026, unitId: null })).workers[0]?.orgRole,
    ).toBe(null);

    const ok = await formPost(t.app, url, hr, { dfe_org_role: "5", case_holder: "yes" });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe("/workforce/measures/roles");
    const list = await get("/workforce/measures/roles", hr);
    const rows = table(list.body, "data-roles");
    expect(rows.find((r) => r[0]?.startsWith("Social worker"))?.[2]).toBe("5 Case holder");
    const ds = await t.app.workforceMeasures.dataset(f.ctx, { year: 2026, unitId: null });
    expect(ds.workers.filter((w) => w.inPost).every((w) => w.orgRole === 5)).toBe(true);
  });

  it("answers 404 for another council's role or no role", async () => {
    expect((await get(`/workforce/measures/roles/${otherRole}`, hr)).statusCode).toBe(404);
    expect((await get("/workforce/measures/roles/00000000-0000-4000-8000-00000000abcd", hr)).statusCode).toBe(
      404,
    );
    expect((await get("/workforce/measures/roles/nope", hr)).statusCode).toBe(404);
    const post = await formPost(
      t.app,
      `/workforce/measures/roles/${otherRole}`,
      hr,
      { dfe_org_role: "5", case_holder: "yes" },
      {
        pageUrl: `/workforce/measures/roles/${id("SW")}`,
      },
    );
    expect(post.statusCode).toBe(404);
  });
});
