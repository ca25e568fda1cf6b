import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { NeedInsert } from "./needs.repository.js";

/**
 * The analysis of 2027 to 2028 on hand-counted data. Early Help holds six fillers; Assessment
 * Alice, Bob (his earlier post of two equal halves) and Dan; Family Support Eve.
 *
 *   CORE-A  f1 essential (and law and court skills, essential), f2 essential (and law and court,
 *           important), f3 important, f4 important, f5 desirable, Alice essential from her manager
 *           and important from appraisal (counted once, essential), Bob's registered interest
 *           (desirable); Eve's withdrawn need and f6's need for 2026 do not count.
 *           -> 7 people: 3 essential, 2 important, 2 desirable; 4 places planned; gap 3.
 *   CORE-B  no demand, 10 places planned -> gap -10.
 *   SPEC-C  f6 desirable; a session of 12 places in May 2027 (a cancelled one and one in
 *           December 2026 do not count) -> 1 person, 12 scheduled, gap -11.
 *   Teams   Early Help: 6 people, 6 with needs, 8 needs. Assessment: 2 with needs: suppressed.
 */
describe("learning needs analysis", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let lnd: string;
  const course: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId, { fillers: 6 });
    const id = (key: string) => f.id[key] as string;
    await t.app.platform.data.run(f.ctx, async (db) => {
      for (const [code, tier] of [
        ["CORE-A", "core"],
        ["CORE-B", "core"],
        ["SPEC-C", "specialist"],
        ["SPEC-D", "specialist"],
      ] as const) {
        const row = await db
          .insertInto("learning_courses")
          .values({
            code,
            title: `Course ${code}`,
            tier,
            group_key: "assessment",
            delivery: "face_to_face",
            booking_route: "self",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        course[code] = row.id;
      }
      const need = (
        person: string,
        courseCode: string | null,
        priority: NeedInsert["priority"],
        extra: Partial<NeedInsert> & { status?: "open" | "met" | "withdrawn" } = {},
      ) => ({
        person_id: id(person),
        plan_year: 2027,
        course_id: courseCode ? (course[courseCode] as string) : null,
        description: courseCode ? null : "Court skills",
        theme: courseCode ? null : "law_court",
        priority,
        pcf_domain: null,
        needed_by: null,
        source: "manager" as const,
        recorded_by: "test",
        ...extra,
      });
      await db
        .insertInto("learning_needs")
        .values([
          need("filler1", "CORE-A", "essential"),
          need("filler1", null, "essential"),
          need("filler2", "CORE-A", "essential"),
          need("filler2", null, "important"),
          need("filler3", "CORE-A", "important"),
          need("filler4", "CORE-A", "important"),
          need("filler5", "CORE-A", "desirable"),
          need("alice", "CORE-A", "essential"),
          need("alice", "CORE-A", "important", { source: "appraisal" }),
          need("eve", "CORE-A", "essential", { status: "withdrawn" }),
          need("filler6", "CORE-A", "essential", { plan_year: 2026 }),
          need("filler6", "SPEC-C", "desirable"),
        ])
        .execute();
      await db
        .insertInto("learning_interest")
        .values({
          course_id: course["CORE-A"] as string,
          person_id: id("bob"),
          registered_at: new Date("2026-10-01T10:00:00Z"),
        })
        .execute();
      await db
        .insertInto("learning_planned_places")
        .values([
          { course_id: course["CORE-A"] as string, plan_year: 2027, places: 4, set_by: "test" },
          { course_id: course["CORE-B"] as string, plan_year: 2027, places: 10, set_by: "test" },
          { course_id: course["CORE-B"] as string, plan_year: 2026, places: 99, set_by: "test" },
        ])
        .execute();
      for (const [status, starts] of [
        ["scheduled", "2027-05-10T09:00:00Z"],
        ["cancelled", "2027-06-10T09:00:00Z"],
        ["scheduled", "2026-12-10T09:00:00Z"],
      ] as const) {
        const s = await db
          .insertInto("learning_sessions")
          .values({
            course_id: course["SPEC-C"] as string,
            capacity: 12,
            booking_closes_on: "2026-12-01",
            venue: "Town hall",
            status,
            created_by: "test",
            updated_at: new Date(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await db
          .insertInto("learning_session_parts")
          .values({
            session_id: s.id,
            part_number: 1,
            starts_at: starts,
            ends_at: new Date(new Date(starts).getTime() + 3 * 3600_000),
          })
          .execute();
      }
    });
    lnd = await t.signIn({ roles: [{ role: "learning_and_development_officer", unitId: null }] });
  });
  afterAll(() => t.close());

  const cells = (row: { querySelectorAll(s: string): Array<{ textContent: string }> }) =>
    row.querySelectorAll("th, td").map((c) => c.textContent.replace(/\s+/g, " ").trim());

  it("counts demand per course against places planned and scheduled, every core course listed", async () => {
    const res = await t.app.inject({ url: "/learning/needs/analysis?year=2027", headers: { cookie: lnd } });
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(text(page.querySelector("h1"))).toBe("Learning needs analysis 2027 to 2028");
    // The course table shows a tier at a time, core first; "All tiers" has them all.
    const core = page.querySelectorAll('[data-table="courses"] tbody tr').map(cells);
    expect(core).toEqual([
      ["Course CORE-A (CORE-A)", "Core", "7", "3", "2", "2", "4", "0", "3 short"],
      ["Course CORE-B (CORE-B)", "Core", "0", "0", "0", "0", "10", "0", "10 spare"],
    ]);
    const all = html(
      (await t.app.inject({ url: "/learning/needs/analysis?year=2027&tier=all", headers: { cookie: lnd } }))
        .body,
    );
    expect(all.querySelectorAll('[data-table="courses"] tbody tr').map(cells)).toEqual([
      ...core,
      ["Course SPEC-C (SPEC-C)", "Specialist skills", "1", "0", "0", "1", "0", "12", "11 spare"],
    ]);
    // The chart shows the courses with demand, with their figures in words.
    const chart = text(page.querySelector("figure"));
    expect(chart).toContain("Course CORE-A Demand: 7 people Places: 4");
    expect(chart).not.toContain("CORE-B");

    const themes = page.querySelectorAll('[data-table="themes"] tbody tr').map(cells);
    expect(themes).toEqual([["Law and court skills", "2", "2", "1", "1", "0"]]);
  });

  it("shows services, and a service's teams when it is chosen, with fewer than 5 people's figures suppressed", async () => {
    const analysis = async (query: string) =>
      t.app.inject({ url: `/learning/needs/analysis?year=2027${query}`, headers: { cookie: lnd } });
    const page = html((await analysis("")).body);
    const fewer = "fewer than 5";
    const services = page.querySelectorAll('[data-table="services"] tbody tr').map(cells);
    expect(services).toEqual([
      ["Early Help: its teams", "6", "6", "8", "3", "3", "2"],
      ["Safeguarding: its teams", "4", fewer, fewer, fewer, fewer, fewer],
    ]);
    expect(page.querySelectorAll('[data-table="teams"]')).toHaveLength(0);
    const link = page.querySelectorAll('[data-table="services"] a')[1]?.getAttribute("href");
    expect(link).toBe(`/learning/needs/analysis?year=2027&service=${f.id.S1}#teams`);

    const safeguarding = html((await analysis(`&service=${f.id.S1}`)).body);
    expect(safeguarding.querySelectorAll('[data-table="teams"] tbody tr').map(cells)).toEqual([
      ["Assessment", "3", fewer, fewer, fewer, fewer, fewer],
      ["Family Support", "1", fewer, fewer, fewer, fewer, fewer],
    ]);
    const earlyHelp = html((await analysis(`&service=${f.id.S2}`)).body);
    expect(earlyHelp.querySelectorAll('[data-table="teams"] tbody tr').map(cells)).toEqual([
      ["Early Help", "6", "6", "8", "3", "3", "2"],
    ]);
    expect((await analysis(`&service=${f.id.T1}`)).statusCode).toBe(404);
  });

  it("keeps a service manager to their service", async () => {
    const sm = await t.signIn({ roles: [{ role: "service_manager", unitId: f.id.S1 as string }] });
    const page = html(
      (
        await t.app.inject({
          url: `/learning/needs/analysis?year=2027&service=${f.id.S1}`,
          headers: { cookie: sm },
        })
      ).body,
    );
    const rows = page.querySelectorAll('[data-table="courses"] tbody tr').map(cells);
    expect(rows[0]).toEqual(["Course CORE-A (CORE-A)", "Core", "2", "1", "0", "1", "4", "0", "2 spare"]);
    expect(page.querySelectorAll('[data-table="teams"] tbody tr').map((r) => cells(r)[0])).toEqual([
      "Assessment",
      "Family Support",
    ]);
    const lm = await t.signIn({ roles: [{ role: "line_manager", unitId: f.id.T1 as string }] });
    expect(
      (await t.app.inject({ url: "/learning/needs/analysis", headers: { cookie: lm } })).statusCode,
    ).toBe(403);
  });

  it("exports the table the next offer is planned from as CSV and Excel", async () => {
    const csv = await t.app.inject({
      url: "/learning/needs/analysis?year=2027&format=csv",
      headers: { cookie: lnd },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-disposition"]).toContain("learning-needs-2027-to-2028.csv");
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      "Course code,Course,Tier,Demand (people),Essential,Important,Desirable,Places planned,Places scheduled,Gap",
    );
    expect(lines.slice(1)).toEqual([
      "CORE-A,Course CORE-A,Core,7,3,2,2,4,0,3",
      "CORE-B,Course CORE-B,Core,0,0,0,0,10,0,-10",
      "SPEC-C,Course SPEC-C,Specialist skills,1,0,0,1,0,12,-11",
    ]);

    const xlsx = await t.app.inject({
      url: "/learning/needs/analysis?year=2027&format=xlsx",
      headers: { cookie: lnd },
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error("no worksheet");
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)[0]).toBe("Course code");
    expect(values(2)).toEqual(["CORE-A", "Course CORE-A", "Core", 7, 3, 2, 2, 4, 0, 3]);
    expect(values(4)).toEqual(["SPEC-C", "Course SPEC-C", "Specialist skills", 1, 0, 0, 1, 0, 12, -11]);
  });

  it("sets the places planned on a course (L&D), with errors shown and nothing written", async () => {
    const bad = await formPost(
      t.app,
      "/learning/needs/plan",
      lnd,
      { plan_year: "2027", course_id: "", places: "many" },
      { pageUrl: "/learning/needs/plan?year=2027" },
    );
    expect(bad.statusCode).toBe(400);
    expect(
      html(bad.body)
        .querySelectorAll(".govuk-error-summary a")
        .map((a) => a.getAttribute("href")),
    ).toEqual(["#course_id", "#places"]);
    const planned = () =>
      t.app.platform.data.run(f.ctx, (db) =>
        db
          .selectFrom("learning_planned_places")
          .select("places")
          .where("course_id", "=", course["CORE-A"] as string)
          .where("plan_year", "=", 2027)
          .executeTakeFirst(),
      );
    expect((await planned())?.places).toBe(4);
    const ok = await formPost(
      t.app,
      "/learning/needs/plan",
      lnd,
      { plan_year: "2027", course_id: course["CORE-A"] as string, places: "24", note: "Two cohorts of 12" },
      { pageUrl: "/learning/needs/plan?year=2027" },
    );
    expect(ok.statusCode).toBe(303);
    expect((await planned())?.places).toBe(24);
    const page = html(
      (await t.app.inject({ url: "/learning/needs/analysis?year=2027", headers: { cookie: lnd } })).body,
    );
    expect(cells(page.querySelectorAll('[data-table="courses"] tbody tr')[0] as never).slice(6)).toEqual([
      "24",
      "0",
      "17 spare",
    ]);
    const sm = await t.signIn({ roles: [{ role: "service_manager", unitId: f.id.S1 as string }] });
    expect((await t.app.inject({ url: "/learning/needs/plan", headers: { cookie: sm } })).statusCode).toBe(
      403,
    );
  });
});
