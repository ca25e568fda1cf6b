import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csrfTokenFrom, csvUpload, formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";

/**
 * Recording needs, the feed and their access, on the people fixture (today is 23 November 2026,
 * so needs are recorded for 2027 to 2028 by default). Lina manages Rita and Ravi in Assessment.
 */
describe("recording learning needs", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let lina: string;
  let lnd: string;
  let courseA: string;

  const db = () => t.app.platform.data;
  const needsOf = (personId: string) =>
    db().run(f.ctx, (d) =>
      d.selectFrom("learning_needs").selectAll().where("person_id", "=", personId).execute(),
    );

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId);
    const person = (given: string, employee: string) =>
      t.app.people.createPerson(f.ctx, { given_name: given, family_name: "Test", employee_number: employee });
    f.id.lina = await person("Lina", "E100");
    f.id.rita = await person("Rita", "E101");
    f.id.ravi = await person("Ravi", "E102");
    await db().run(f.ctx, async (d) => {
      for (const [key, manager] of [
        ["lina", null],
        ["rita", "lina"],
        ["ravi", "lina"],
      ] as const) {
        await t.app.people.addAssignment(d, f.id[key] as string, {
          org_unit_id: f.id.T1 as string,
          job_role_id: f.id.SW as string,
          contract_type: "permanent",
          fte: 1,
          line_manager_person_id: manager ? (f.id[manager] as string) : null,
          valid_from: "2024-01-01",
        });
      }
      const course = await d
        .insertInto("learning_courses")
        .values({
          code: "CORE-ASS-01",
          title: "Basic Assessment Skills",
          tier: "core",
          group_key: "assessment",
          delivery: "face_to_face",
          booking_route: "self",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      courseA = course.id;
    });
    lina = await t.signIn({
      roles: [{ role: "line_manager", unitId: f.id.T1 as string }],
      personId: f.id.lina,
    });
    lnd = await t.signIn({ roles: [{ role: "learning_and_development_officer", unitId: null }] });
  });
  afterAll(() => t.close());

  const goodNeed = () => ({
    plan_year: "2027",
    kind: "course",
    course_id: courseA,
    description: "",
    theme: "",
    priority: "essential",
    pcf_domain: "knowledge",
    "needed_by-day": "31",
    "needed_by-month": "3",
    "needed_by-year": "2028",
  });

  it("records a need with a team member and shows it on their page and on the person's own page", async () => {
    const url = `/learning/needs/people/${f.id.rita}`;
    const page = await t.app.inject({ url, headers: { cookie: lina } });
    expect(page.statusCode).toBe(200);
    expect(text(html(page.body).querySelector("h1"))).toBe("Rita Test");

    const res = await formPost(t.app, url, lina, goodNeed());
    expect(res.statusCode).toBe(303);
    const [need] = await needsOf(f.id.rita as string);
    expect(need).toMatchObject({
      plan_year: 2027,
      course_id: courseA,
      priority: "essential",
      pcf_domain: "knowledge",
      source: "manager",
      status: "open",
    });
    const after = html((await t.app.inject({ url, headers: { cookie: lina } })).body);
    expect(text(after.querySelector('[data-table="needs-2027"] caption'))).toBe("2027 to 2028");
    expect(text(after.querySelector('[data-table="needs-2027"] tbody'))).toContain("Basic Assessment Skills");

    const rita = await t.signIn({ roles: [{ role: "practitioner", unitId: null }], personId: f.id.rita });
    const mine = await t.app.inject({ url: "/learning/needs/mine", headers: { cookie: rita } });
    expect(mine.statusCode).toBe(200);
    expect(text(html(mine.body).querySelector("main"))).toContain("Basic Assessment Skills");
    expect(html(mine.body).querySelectorAll("main form")).toHaveLength(0);

    // The same course again for the same year is refused.
    const again = await formPost(t.app, url, lina, goodNeed());
    expect(again.statusCode).toBe(400);
    expect(text(html(again.body).querySelector(".govuk-error-summary"))).toContain("already recorded");
    expect(await needsOf(f.id.rita as string)).toHaveLength(1);
  });

  it("reports every problem at once and writes nothing", async () => {
    const url = `/learning/needs/people/${f.id.ravi}`;
    const res = await formPost(t.app, url, lina, {});
    expect(res.statusCode).toBe(400);
    const page = html(res.body);
    expect(text(page.querySelector("title"))).toMatch(/^Error: /);
    const links = page
      .querySelectorAll(".govuk-error-summary a")
      .map((a) => [a.getAttribute("href"), text(a)]);
    expect(links).toEqual([
      ["#plan_year", "Select the plan year the need is for"],
      ["#kind", "Select whether the need is a course"],
      ["#priority", "Select how much they need it"],
      ["#pcf_domain", "Select the PCF domain it develops"],
      ["#needed_by-day", "Enter the date it is needed by"],
    ]);

    const described = await formPost(t.app, url, lina, {
      ...goodNeed(),
      kind: "described",
      course_id: "",
      description: "",
      theme: "nonsense",
    });
    expect(described.statusCode).toBe(400);
    const errors = html(described.body)
      .querySelectorAll(".govuk-error-summary a")
      .map((a) => a.getAttribute("href"));
    expect(errors).toEqual(["#description", "#theme"]);

    const past = await formPost(t.app, url, lina, { ...goodNeed(), "needed_by-year": "2025" });
    expect(past.statusCode).toBe(400);
    expect(text(html(past.body).querySelector("#needed_by-error"))).toContain("today or in the future");
    expect(await needsOf(f.id.ravi as string)).toHaveLength(0);

    const ok = await formPost(t.app, url, lina, {
      ...goodNeed(),
      kind: "described",
      description: "Confidence giving evidence in court",
      theme: "law_court",
      priority: "important",
    });
    expect(ok.statusCode).toBe(303);
    expect(await needsOf(f.id.ravi as string)).toMatchObject([
      { course_id: null, description: "Confidence giving evidence in court", theme: "law_court" },
    ]);
  });

  it("answers 404 for a person outside the manager's scope, and 403 to a practitioner", async () => {
    const url = `/learning/needs/people/${f.id.alice}`;
    expect((await t.app.inject({ url, headers: { cookie: lina } })).statusCode).toBe(404);
    const token = await csrfTokenFrom(t.app, `/learning/needs/people/${f.id.rita}`, lina);
    const post = await t.app.inject({
      method: "POST",
      url,
      headers: { cookie: lina, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ ...goodNeed(), _csrf: token }).toString(),
    });
    expect(post.statusCode).toBe(404);
    expect(await needsOf(f.id.alice as string)).toHaveLength(0);
    expect(
      (await t.app.inject({ url: "/learning/needs/people/not-a-uuid", headers: { cookie: lina } }))
        .statusCode,
    ).toBe(404);
    const pat = await t.signIn({ roles: [{ role: "practitioner", unitId: null }], personId: f.id.alice });
    expect((await t.app.inject({ url, headers: { cookie: pat } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: "/learning/needs/team", headers: { cookie: pat } })).statusCode).toBe(
      403,
    );
  });

  it("changes a need's status, within scope only", async () => {
    const [need] = await needsOf(f.id.rita as string);
    const personUrl = `/learning/needs/people/${f.id.rita}`;
    const res = await formPost(
      t.app,
      `/learning/needs/${need?.id}/status`,
      lina,
      { status: "met" },
      { pageUrl: personUrl },
    );
    expect(res.statusCode).toBe(303);
    expect((await needsOf(f.id.rita as string))[0]?.status).toBe("met");

    const bad = await formPost(
      t.app,
      `/learning/needs/${need?.id}/status`,
      lina,
      { status: "lost" },
      { pageUrl: personUrl },
    );
    expect(bad.statusCode).toBe(400);
    expect((await needsOf(f.id.rita as string))[0]?.status).toBe("met");

    // Alice's need (recorded by L&D) is out of Lina's scope.
    const alice = await formPost(t.app, `/learning/needs/people/${f.id.alice}`, lnd, goodNeed());
    expect(alice.statusCode).toBe(303);
    const [aliceNeed] = await needsOf(f.id.alice as string);
    const refused = await formPost(
      t.app,
      `/learning/needs/${aliceNeed?.id}/status`,
      lina,
      { status: "withdrawn" },
      { pageUrl: personUrl },
    );
    expect(refused.statusCode).toBe(404);
    expect((await needsOf(f.id.alice as string))[0]?.status).toBe("open");
  });

  it("lists the manager's people with their needs for the year", async () => {
    const res = await t.app.inject({ url: "/learning/needs/team", headers: { cookie: lina } });
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    const rows = page
      .querySelectorAll('[data-table="team"] tbody tr')
      .map((r) => r.querySelectorAll("th, td").map((c) => text(c)));
    // Rita's need is met (still counted), Ravi has one; Lina herself is not listed.
    expect(rows).toEqual([
      ["Ravi Test", "Assessment", "1"],
      ["Rita Test", "Assessment", "1"],
    ]);
    expect(text(page.querySelector('[data-figure="progress"]'))).toBe("Needs recorded for 2 of 2 people.");
    const csv = await t.app.inject({ url: "/learning/needs/team?format=csv", headers: { cookie: lina } });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Ravi Test,Assessment,1");
  });

  const upload = (cookie: string, csv: string, year = "2027") =>
    csvUpload(t.app, "/learning/needs/upload", cookie, csv, {
      fields: { plan_year: year },
      filename: "needs.csv",
    });

  it("applies a file of needs row by row, reports refused rows, and adds nothing the second time", async () => {
    const csv = [
      "employee_number,course_code,need,theme,priority,source,needed_by",
      "E005,CORE-ASS-01,,,important,appraisal,30/06/2027",
      "E005,,Recording chronologies,Recording and report writing,desirable,quality_finding,",
      "E999,CORE-ASS-01,,,essential,appraisal,",
      "E001,NOPE-01,,,essential,quality_finding,",
      "E001,CORE-ASS-01,,,urgent,gossip,2027-13-01",
    ].join("\n");
    const first = await upload(lnd, csv);
    expect(first.statusCode).toBe(200);
    const page = html(first.body);
    expect(text(page.querySelector('[data-figure="added"]'))).toBe("2");
    expect(text(page.querySelector('[data-figure="refused"]'))).toBe("3");
    const refused = page
      .querySelectorAll('[data-table="refused"] tbody tr')
      .map((r) => r.querySelectorAll("td").map((c) => text(c)));
    expect(refused[0]).toEqual(["4", "E999", "No one has employee number E999"]);
    expect(refused[1]).toEqual(["5", "E001", "No course has the code NOPE-01"]);
    expect(refused[2]?.[2]).toContain("Priority must be essential, important or desirable");
    expect(refused[2]?.[2]).toContain("Source must be quality_finding or appraisal");
    expect(refused[2]?.[2]).toContain("Needed by must be a real date");
    const eve = await needsOf(f.id.eve as string);
    expect(
      eve.map((n) => [n.source, n.priority, n.needed_by ? String(n.needed_by).slice(0, 10) : null]).sort(),
    ).toEqual([
      ["appraisal", "important", "2027-06-30"],
      ["quality_finding", "desirable", null],
    ]);

    const second = await upload(lnd, csv);
    expect(text(html(second.body).querySelector('[data-figure="added"]'))).toBe("0");
    expect(text(html(second.body).querySelector('[data-figure="already"]'))).toBe("2");
    expect(await needsOf(f.id.eve as string)).toHaveLength(2);
  });

  it("refuses a file without the columns, and the upload is for L&D only", async () => {
    const res = await upload(lnd, "name,course\nEve,X");
    expect(res.statusCode).toBe(400);
    expect(text(html(res.body).querySelector(".govuk-error-summary"))).toContain(
      "The file must have the columns",
    );
    const manager = await t.signIn({ roles: [{ role: "service_manager", unitId: f.id.S1 as string }] });
    expect(
      (await t.app.inject({ url: "/learning/needs/upload", headers: { cookie: manager } })).statusCode,
    ).toBe(403);
  });
});
