import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";

/** The catalogue: L&D add and change courses; everyone finds them by tier, group, delivery and words. */
describe("the course catalogue", () => {
  let t: TestApp;
  let learning: string;
  let practitioner: string;

  const course = {
    title: "Basic Assessment Skills",
    code: "core-ass-01",
    summary: "",
    tier_group: "core:assessment",
    strand: "",
    strand_level: "",
    delivery: "face_to_face",
    duration_hours: "6",
    cpd_hours: "6",
    provider: "",
    cost: "",
    audience: "All social work staff",
    booking_route: "self",
    outcomes: "Gather information well\nAnalyse it",
    status: "active",
  };

  beforeAll(async () => {
    t = await buildTestApp();
    learning = await t.signIn({ roles: [{ role: "learning_and_development_officer", unitId: null }] });
    practitioner = await t.signIn({ roles: [{ role: "practitioner", unitId: null }] });
  });
  afterAll(() => t.close());

  const get = (url: string, cookie = learning) => t.app.inject({ url, headers: { cookie } });
  const add = (fields: Record<string, string>) => formPost(t.app, "/learning/courses/new", learning, fields);
  const titles = async (query: string) =>
    html((await get(`/learning/courses${query}`, practitioner)).body)
      .querySelectorAll(".app-finder-results h3 a")
      .map((a) => text(a));

  it("refuses a course with every problem shown at once, and writes nothing", async () => {
    const bad = await add({
      ...course,
      title: "",
      code: "no spaces!",
      tier_group: "core:supervision",
      duration_hours: "six",
      cost: "lots",
    });
    expect(bad.statusCode).toBe(400);
    expect(
      html(bad.body)
        .querySelectorAll(".govuk-error-summary__list a")
        .map((a) => text(a)),
    ).toEqual([
      "Enter the course title",
      "Course code must be letters, numbers and hyphens, like CORE-ASS-01",
      "Select the tier and group",
      "Length must be a number of hours, like 6 or 3.5",
      "Cost must be an amount in pounds, like 150 or 49.50",
    ]);
    expect(text(html(bad.body).querySelector("#title-error"))).toContain("Enter the course title");
    expect(await t.database.db.selectFrom("learning_courses").select("id").execute()).toHaveLength(0);
  });

  it("adds courses, shows one, and refuses a second course with the same code", async () => {
    const made = await add(course);
    expect(made.statusCode).toBe(303);
    const page = html((await get(String(made.headers.location), practitioner)).body);
    expect(text(page.querySelector("h1"))).toBe("Basic Assessment Skills");
    const rows = page.querySelectorAll(".govuk-summary-list__row").map((r) => text(r));
    expect(rows).toContain("Tier and group Core: Assessment");
    expect(rows).toContain("Length 6 hours");
    expect(rows).toContain("Course code CORE-ASS-01");
    expect(page.querySelectorAll("ul.govuk-list--bullet li").map((li) => text(li))).toEqual([
      "Gather information well",
      "Analyse it",
    ]);
    expect(page.querySelector('a[href$="/edit"]')).toBeNull(); // a practitioner cannot change it

    const clash = await add({ ...course, title: "Another" });
    expect(text(html(clash.body).querySelector("#code-error"))).toContain("Another course has this code");

    for (const extra of [
      {
        title: "Introduction to Signs of Safety",
        code: "SOS-INTRO",
        tier_group: "core:intervention",
        strand: "Signs of Safety",
        strand_level: "Introduction",
        delivery: "e_learning",
      },
      {
        title: "Court Craft",
        code: "ESS-INT-02",
        tier_group: "essential:intervention",
        booking_route: "manager",
      },
      {
        title: "Skills to Foster",
        code: "CAR-MAN-01",
        tier_group: "carers:mandatory",
        audience: "Foster carers only",
      },
      { title: "Old course", code: "OLD-01", status: "withdrawn" },
    ]) {
      expect((await add({ ...course, ...extra })).statusCode).toBe(303);
    }
  });

  it("finds courses by tier, group, delivery, practice model and words, leaving withdrawn ones out", async () => {
    expect(await titles("")).toEqual([
      "Basic Assessment Skills",
      "Introduction to Signs of Safety",
      "Court Craft",
      "Skills to Foster",
    ]);
    expect(await titles("?tier=core&group=intervention")).toEqual(["Introduction to Signs of Safety"]);
    expect(await titles("?tier=carers")).toEqual(["Skills to Foster"]);
    expect(await titles("?delivery=e_learning")).toEqual(["Introduction to Signs of Safety"]);
    expect(await titles("?strand=Signs+of+Safety")).toEqual(["Introduction to Signs of Safety"]);
    expect(await titles("?q=foster")).toEqual(["Skills to Foster"]);
    // A group is offered only once its tier is chosen
    expect(html((await get("/learning/courses")).body).querySelector("#group")).toBeNull();
    const groups = html((await get("/learning/courses?tier=core")).body).querySelectorAll("#group option");
    expect(groups.map((o) => text(o))).toEqual([
      "All of Core",
      "Assessment",
      "Planning",
      "Intervention",
      "Direct work",
      "Bespoke sessions",
    ]);
    const csv = await get("/learning/courses?tier=core&format=csv");
    expect(csv.body).toContain("CORE-ASS-01,Basic Assessment Skills,Core: Assessment,,Face to face,6");
  });

  it("lets L&D change a course, and no one else", async () => {
    const id = (
      await t.database.db
        .selectFrom("learning_courses")
        .select("id")
        .where("code", "=", "ESS-INT-02")
        .executeTakeFirstOrThrow()
    ).id;
    const edit = html((await get(`/learning/courses/${id}/edit`)).body);
    expect(edit.querySelector("#title")?.getAttribute("value")).toBe("Court Craft");
    expect(edit.querySelector("#tier_group option[selected]")?.getAttribute("value")).toBe(
      "essential:intervention",
    );
    const changed = await formPost(t.app, `/learning/courses/${id}/edit`, learning, {
      ...course,
      title: "Court Craft",
      code: "ESS-INT-02",
      tier_group: "essential:intervention",
      provider: "Bon Salon",
      cost: "£150",
    });
    expect(changed.statusCode).toBe(303);
    const rows = html((await get(`/learning/courses/${id}`)).body)
      .querySelectorAll(".govuk-summary-list__row")
      .map((r) => text(r));
    expect(rows).toContain("Provider Bon Salon");
    expect(rows).toContain("Cost £150");
    expect((await get(`/learning/courses/${id}/edit`, practitioner)).statusCode).toBe(403);
    expect((await get("/learning/courses/new", practitioner)).statusCode).toBe(403);
    expect((await get("/learning/courses/00000000-0000-4000-8000-000000000999")).statusCode).toBe(404);
  });
});
