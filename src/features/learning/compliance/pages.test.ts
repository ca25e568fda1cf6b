import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";

/**
 * The compliance pages on the people fixture (today is 23 November 2026) with two requirements:
 * SAFE for all staff (course Safeguarding, due 90 days after starting, renewed every 12 months)
 * and TSD for foster carers (from approval).
 */
describe("compliance pages", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let learning: string;
  let courseA: string;
  let safe: string;
  let tsd: string;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId, { fillers: 55 });
    await t.app.platform.data.run(f.ctx, async (db) => {
      const course = (code: string, title: string) =>
        db
          .insertInto("learning_courses")
          .values({
            code,
            title,
            tier: "core",
            group_key: "safeguarding",
            delivery: "e_learning",
            booking_route: "self",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
      courseA = (await course("SAFE-01", "Safeguarding children")).id;
      const courseB = (await course("TSD-01", "TSD workbook")).id;
      const requirement = (code: string, title: string) =>
        db
          .insertInto("learning_requirements")
          .values({ code, title })
          .returning("id")
          .executeTakeFirstOrThrow();
      safe = (await requirement("SAFE", "Safeguarding children")).id;
      tsd = (await requirement("TSD", "Training, support and development standards")).id;
      await db
        .insertInto("learning_requirement_versions")
        .values([
          {
            requirement_id: safe,
            valid_from: "2020-01-01",
            course_ids: [courseA],
            person_kinds: ["staff"],
            due_within_days: 90,
            renew_every_months: 12,
            created_by: "test",
          },
          {
            requirement_id: tsd,
            valid_from: "2020-01-01",
            course_ids: [courseB],
            person_kinds: ["foster_carer"],
            due_within_days: 365,
            carers_from_approval: true,
            created_by: "test",
          },
        ])
        .execute();
      const record = (
        person: string,
        completed: string,
        verification: "verified" | "awaiting" = "verified",
      ) =>
        db
          .insertInto("learning_records")
          .values({
            person_id: f.id[person] as string,
            course_id: courseA,
            title: "Safeguarding children",
            completed_on: completed,
            source: "e_learning",
            hours: 3,
            verification,
            created_by: "test",
          })
          .execute();
      await record("alice", "2026-06-01");
      await record("eve", "2025-11-01");
      await record("bob", "2026-10-01", "awaiting");
      await record("filler1", "2026-09-01");
      await db
        .insertInto("learning_exemptions")
        .values({
          person_id: f.id.filler2 as string,
          requirement_id: safe,
          from_on: "2026-01-01",
          reason: "Trained elsewhere",
          approved_by: "Head of L&D",
          created_by: "test",
        })
        .execute();
    });
    learning = await t.signIn({ roles: [{ role: "learning_and_development_officer", unitId: null }] });
  });
  afterAll(() => t.close());

  const get = (url: string, cookie = learning) => t.app.inject({ url, headers: { cookie } });
  const statusRows = async (personKey: string, cookie = learning, query = "") => {
    const page = await get(`/learning/people/${f.id[personKey]}${query}`, cookie);
    expect(page.statusCode).toBe(200);
    return html(page.body)
      .querySelectorAll("table")[0]
      ?.querySelectorAll("tbody tr")
      .map((tr) => text(tr));
  };

  it("shows a person's status per requirement, what to book next and their learning record", async () => {
    const page = await get(`/learning/people/${f.id.bob}`);
    expect(page.statusCode).toBe(200);
    const doc = html(page.body);
    const rows = doc.querySelectorAll("table")[0]?.querySelectorAll("tbody tr") ?? [];
    expect(rows.map((r) => text(r.querySelector("th")))).toEqual(["Safeguarding children"]);
    const cells = rows[0]?.querySelectorAll("td").map((td) => text(td)) ?? [];
    // Bob started on 1 January 2023: due 1 April 2023; his e-learning awaits verification.
    expect(cells[0]).toBe("Overdue");
    expect(rows[0]?.querySelector(".govuk-tag--red")).not.toBeNull();
    expect(cells[1]).toBe("1 April 2023");
    expect(cells[4]).toContain("Safeguarding children");
    expect(cells[4]).toContain("Complete as soon as possible");
    expect(rows[0]?.querySelector("td a")?.getAttribute("href")).toBe(`/learning/courses/${courseA}`);
    const record = doc
      .querySelectorAll("table")[1]
      ?.querySelectorAll("tbody tr")
      .map((tr) => text(tr));
    expect(record).toEqual(["1 October 2026 Safeguarding children E-learning 3 Awaiting verification"]);
    const links = doc.querySelectorAll("ul.govuk-list a").map((a) => a.getAttribute("href"));
    expect(links).toEqual([
      `/learning/people/${f.id.bob}/records/new`,
      `/learning/people/${f.id.bob}/exemptions/new`,
      `/learning/people/${f.id.bob}/pauses/new`,
    ]);

    expect(await statusRows("alice")).toEqual([
      "Safeguarding children Complete 1 June 2027 1 June 2026 1 June 2027 Safeguarding children Complete by 1 June 2027",
    ]);
    expect((await statusRows("eve"))?.[0]).toContain("Expired");
    expect((await statusRows("filler2"))?.[0]).toBe(
      "Safeguarding children Exempt 1 April 2023 Nothing to book",
    );
    expect((await statusRows("carer1"))?.[0]).toContain("Training, support and development standards");
  });

  it("shows the statuses as at another date, worked out from the records", async () => {
    expect((await statusRows("eve", learning, "?asAt=2026-07-01"))?.[0]).toContain("Complete");
    const redirected = await get(`/learning/people/${f.id.eve}?asAt-day=1&asAt-month=7&asAt-year=2026`);
    expect(redirected.statusCode).toBe(302);
    expect(redirected.headers.location).toBe(`/learning/people/${f.id.eve}?asAt=2026-07-01`);
    const bad = await get(`/learning/people/${f.id.eve}?asAt-day=31&asAt-month=2&asAt-year=2026`);
    expect(bad.statusCode).toBe(200);
    expect(text(html(bad.body).querySelector(".govuk-error-summary"))).toContain("Date must be a real date");
  });

  it("exports the learning record as CSV", async () => {
    const csv = await get(`/learning/people/${f.id.alice}?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Completed on,Course or title,Source,Hours,Provider,Verification,Expires on");
    expect(csv.body).toContain("2026-06-01,Safeguarding children,E-learning,3,,Verified,");
  });

  it("lets people see their own page, and only their own", async () => {
    const alice = await t.signIn({
      roles: [{ role: "practitioner", unitId: null }],
      personId: f.id.alice as string,
    });
    const my = await get("/learning/my", alice);
    expect(my.statusCode).toBe(302);
    expect(my.headers.location).toBe(`/learning/people/${f.id.alice}`);
    const own = html((await get(`/learning/people/${f.id.alice}`, alice)).body);
    expect(text(own.querySelector("h1"))).toBe("My learning");
    expect(own.querySelectorAll("ul.govuk-list a")).toHaveLength(0);
    expect((await get(`/learning/people/${f.id.bob}`, alice)).statusCode).toBe(404);
    const unlinked = await t.signIn({ roles: [{ role: "practitioner", unitId: null }] });
    const page = await get("/learning/my", unlinked);
    expect(page.statusCode).toBe(200);
    expect(text(html(page.body).querySelector("main"))).toContain("not linked to a person record");
  });

  it("answers 404 for a person outside the viewer's scope, or no person at all", async () => {
    const manager = await t.signIn({ roles: [{ role: "service_manager", unitId: f.id.S1 as string }] });
    expect((await get(`/learning/people/${f.id.bob}`, manager)).statusCode).toBe(200);
    expect((await get(`/learning/people/${f.id.filler1}`, manager)).statusCode).toBe(404);
    expect((await get("/learning/people/00000000-0000-4000-8000-000000000099")).statusCode).toBe(404);
    expect((await get("/learning/people/not-a-uuid")).statusCode).toBe(404);
  });

  it("shows the percentage compliant per requirement, and per team for one or all together", async () => {
    const tables = (body: string) =>
      html(body)
        .querySelectorAll("table")
        .map((table) => table.querySelectorAll("tbody tr").map((tr) => text(tr)));
    const page = await get("/learning/compliance");
    expect(page.statusCode).toBe(200);
    // Assessment: Alice complete, Bob and Dan overdue. Family Support: Eve expired.
    // Early Help: 55 fillers, one complete, one exempt. Carers: both not yet due (approved 2020: overdue).
    const [byRequirement, byTeam] = tables(page.body);
    expect(byRequirement).toEqual([
      "Safeguarding children 5% 3 of 59",
      "Training, support and development standards 0% 0 of 2",
    ]);
    expect(byTeam).toEqual([
      "Early Help 4% 2 of 55",
      "Assessment 33% 1 of 3",
      "Family Support 0% 0 of 1",
      "Foster carers and other learners 0% 0 of 2",
      "All 5% 3 of 61",
    ]);
    // One requirement chosen: each team's figure for it.
    const [, tsdByTeam] = tables((await get(`/learning/compliance?requirement=${tsd}`)).body);
    expect(tsdByTeam).toEqual([
      "Early Help No one –",
      "Assessment No one –",
      "Family Support No one –",
      "Foster carers and other learners 0% 0 of 2",
      "All 0% 0 of 2",
    ]);

    // The download: every requirement for every team.
    const csv = await get("/learning/compliance?format=csv");
    expect(csv.body).toContain("Team,SAFE % compliant,SAFE compliant,SAFE people,TSD % compliant");
    expect(csv.body).toContain("Assessment,33,1,3,,,");

    // A chosen unit: its teams only (foster carers are not in a team).
    const [, service] = tables((await get(`/learning/compliance?unit=${f.id.S1}`)).body);
    expect(service).toEqual(["Assessment 33% 1 of 3", "Family Support 0% 0 of 1", "All 25% 1 of 4"]);
  });

  it("keeps a service manager to their service", async () => {
    const manager = await t.signIn({ roles: [{ role: "service_manager", unitId: f.id.S1 as string }] });
    const [, rows] = html((await get("/learning/compliance", manager)).body)
      .querySelectorAll("table")
      .map((table) => table.querySelectorAll("tbody tr").map((tr) => text(tr)));
    // The Smiths' supervising social worker, Alice, works in the service: their carers count too.
    expect(rows).toEqual([
      "Assessment 33% 1 of 3",
      "Family Support 0% 0 of 1",
      "Foster carers and other learners 0% 0 of 2",
      "All 17% 1 of 6",
    ]);
    expect((await get(`/learning/compliance?unit=${f.id.S2}`, manager)).statusCode).toBe(404);
    expect((await get(`/learning/compliance/teams/${f.id.S2}`, manager)).statusCode).toBe(404);
    expect((await get(`/learning/compliance/teams/${f.id.T1}`, manager)).statusCode).toBe(200);
  });

  it("pages the people-by-requirement matrix 50 at a time", async () => {
    const first = html((await get(`/learning/compliance/teams/${f.id.S2}`)).body);
    const names = first.querySelectorAll("table tbody tr th a").map((a) => text(a));
    expect(names).toHaveLength(50);
    expect(names[0]).toBe("Filler, Person01");
    expect(first.querySelector("table tbody tr td")?.textContent).toContain("Complete");
    expect(text(first.querySelector(".govuk-pagination"))).toContain("Next");
    const second = html((await get(`/learning/compliance/teams/${f.id.S2}?page=2`)).body);
    expect(second.querySelectorAll("table tbody tr")).toHaveLength(5);
    expect((await get(`/learning/compliance/teams/${f.id.S2}?page=3`)).statusCode).toBe(404);
    const team = html((await get(`/learning/compliance/teams/${f.id.T1}`)).body);
    expect(team.querySelectorAll("table tbody tr").map((tr) => text(tr))).toEqual([
      "Adams, Alice Complete Due 1 June 2027",
      "Brown, Bob Overdue Due 1 April 2023",
      "Davis, Dan Overdue Due 14 April 2024",
    ]);
  });

  it("recomputes after a change before showing a page", async () => {
    await t.app.platform.data.run(f.ctx, (db) =>
      db
        .insertInto("learning_records")
        .values({
          person_id: f.id.dan as string,
          course_id: courseA,
          title: "Safeguarding children",
          completed_on: "2026-11-20",
          source: "external",
          created_by: "test",
        })
        .execute(),
    );
    const team = html((await get(`/learning/compliance/teams/${f.id.T1}`)).body);
    expect(team.querySelectorAll("table tbody tr").map((tr) => text(tr))[2]).toBe(
      "Davis, Dan Complete Due 20 November 2027",
    );
  });

  it("leaves a large recomputation to the job and says the figures are being updated", async () => {
    t.app.compliance.inlineLimit = 0;
    try {
      await t.app.platform.data.run(f.ctx, (db) =>
        db
          .deleteFrom("learning_records")
          .where("person_id", "=", f.id.dan as string)
          .execute(),
      );
      const before = html((await get(`/learning/compliance/teams/${f.id.T1}`)).body);
      expect(text(before.querySelector(".govuk-inset-text"))).toContain("The figures are being updated");
      expect(before.querySelectorAll("table tbody tr").map((tr) => text(tr))[2]).toContain("Complete");
      await get("/learning/compliance");
      const queued = await t.database.db
        .selectFrom("jobs")
        .select("id")
        .where("name", "=", "learning.compliance.refresh")
        .execute();
      expect(queued).toHaveLength(1);
      await t.app.platform.jobs.tick();
      const after = html((await get(`/learning/compliance/teams/${f.id.T1}`)).body);
      expect(after.querySelector(".govuk-inset-text")).toBeNull();
      expect(after.querySelectorAll("table tbody tr").map((tr) => text(tr))[2]).toContain("Overdue");
    } finally {
      t.app.compliance.inlineLimit = 200;
    }
  });

  it("makes the full export in the background, for the person who asked only", async () => {
    const asked = await formPost(
      t.app,
      "/learning/compliance/export",
      learning,
      {},
      { pageUrl: "/learning/compliance" },
    );
    expect(asked.statusCode).toBe(303);
    const url = String(asked.headers.location);
    expect(url).toMatch(/^\/learning\/compliance\/exports\/\d+$/);
    const waiting = html((await get(url)).body);
    expect(text(waiting.querySelector("[role=status]"))).toBe("Waiting to start");
    expect(waiting.querySelector(`a[href="${url}"]`)).not.toBeNull();

    await t.app.platform.jobs.tick();
    const ready = html((await get(url)).body);
    expect(text(ready.querySelector("main"))).toContain("The export is ready: 61 people");
    const csv = await get(`${url}/download?format=csv`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("Name,Employee number,Team,SAFE status,SAFE due,TSD status,TSD due");
    expect(lines).toContain('"Adams, Alice",E001,Assessment,Complete,2027-06-01,Does not apply,');
    expect(lines).toContain('"Smith, Sam",,Foster carers,Does not apply,,Overdue,2021-05-01');
    expect(lines).toHaveLength(62);
    const xlsx = await get(`${url}/download?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");

    const someoneElse = await t.signIn({
      userId: "00000000-0000-4000-8000-000000000002",
      roles: [{ role: "learning_and_development_officer", unitId: null }],
    });
    expect((await get(url, someoneElse)).statusCode).toBe(404);
    expect((await get(`${url}/download?format=csv`, someoneElse)).statusCode).toBe(404);
    expect((await get("/learning/compliance/exports/999999")).statusCode).toBe(404);
    expect((await get("/learning/compliance/exports/abc")).statusCode).toBe(404);
  });
});
