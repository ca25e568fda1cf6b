import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { html, text } from "../../../../test/support/html.js";
import { type EvaluationFixture, seedEvaluationFixture } from "./test-fixture.js";

/** The report per course, trainer and tier: figures worked by hand, small-number suppression, export. */
describe("evaluation reports", () => {
  let t: TestApp;
  let f: EvaluationFixture;
  let lnd: string;
  let courseA: string;
  let courseB: string;

  const answer = (id: string, rating: number, before: number, after: number, words: string) =>
    t.app.evaluations.answer(f.ctx, id, {
      rating,
      confidenceBefore: before,
      confidenceAfter: after,
      willDoDifferently: words,
      comments: null,
    });

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedEvaluationFixture(t);
    const people: string[] = [];
    for (let i = 1; i <= 9; i++) people.push(await f.person({ given: `Learner${i}`, family: "Tester" }));
    // Signs of Safety: one session of six with Helen Marsh, one of one with her and Priya Shah.
    const a1 = await f.attended(people.slice(0, 6), {
      on: "2026-10-05",
      trainers: ["Helen Marsh"],
      title: "Signs of Safety",
    });
    courseA = a1.courseId;
    const a2 = await f.attended(people.slice(6, 7), {
      on: "2026-10-20",
      trainers: ["Helen Marsh", "Priya Shah"],
      courseId: courseA,
    });
    // Court Skills: two learners with Priya Shah.
    const b = await f.attended(people.slice(7, 9), {
      on: "2026-10-10",
      trainers: ["Priya Shah"],
      title: "Court Skills",
    });
    courseB = b.courseId;

    const a1Evals = await Promise.all(a1.bookingIds.map((id) => f.evaluationOf(id)));
    const marks: Array<[number, number, number]> = [
      [5, 2, 4],
      [4, 2, 3],
      [4, 3, 4],
      [3, 2, 4],
      [4, 1, 3],
    ];
    for (const [i, [r, bf, af]] of marks.entries()) {
      await answer(a1Evals[i] as string, r, bf, af, `Learner ${i + 1} will plan visits with the family.`);
    }
    await answer(await f.evaluationOf(a2.bookingIds[0] as string), 5, 1, 5, "Use the three houses tool.");
    const bEvals = await Promise.all(b.bookingIds.map((id) => f.evaluationOf(id)));
    await answer(bEvals[0] as string, 2, 3, 3, "Read the court bundle earlier.");
    await answer(bEvals[1] as string, 3, 3, 4, "Write shorter statements.");
    // Follow-ups: five learners and two managers of the first session.
    for (const [i, impact] of [3, 4, 4, 5, 2].entries()) {
      await t.app.evaluations.answerFollowUp(f.ctx, a1Evals[i] as string, "learner", null, {
        impact,
        example: `Example ${i + 1}`,
      });
    }
    for (const i of [0, 1]) {
      await t.app.evaluations.answerFollowUp(f.ctx, a1Evals[i] as string, "manager", f.id.alice as string, {
        impact: 4,
        example: "Seen it",
      });
    }
    lnd = await f.as("learning_and_development_officer", null);
  });
  afterAll(() => t.close());

  const get = (url: string, cookie = lnd) => t.app.inject({ url, headers: { cookie } });
  const table = (body: string) =>
    html(body)
      .querySelectorAll("#report tbody tr")
      .map((tr) => tr.querySelectorAll("th, td").map((c) => text(c)));
  const few = "fewer than 5 responses";

  it("shows the figures per course, with means from fewer than 5 responses withheld", async () => {
    const res = await get("/learning/evaluations/reports");
    expect(res.statusCode).toBe(200);
    expect(table(res.body)).toEqual([
      ["Court Skills", "2", "2", "100%", few, few, few, few, "0", few, "0", few],
      ["Signs of Safety", "7", "6", "86%", "4.2", "1.8", "3.8", "+2.0", "5", "3.6", "2", few],
    ]);
    const link = html(res.body).querySelector("#report tbody a");
    expect(link?.getAttribute("href")).toBe(
      `/learning/evaluations/reports/courses/${courseB}?from=2025-11-23&to=2026-11-23`,
    );
  });

  it("groups by trainer (a session with two trainers counts for both) and by tier, with the chart's table", async () => {
    expect(table((await get("/learning/evaluations/reports?groupBy=trainer")).body)).toEqual([
      ["Helen Marsh", "7", "6", "86%", "4.2", "1.8", "3.8", "+2.0", "5", "3.6", "2", few],
      ["Priya Shah", "3", "3", "100%", few, few, few, few, "0", few, "0", few],
    ]);
    const tier = await get("/learning/evaluations/reports?groupBy=tier");
    expect(table(tier.body)).toEqual([
      ["Core", "9", "8", "89%", "3.8", "2.1", "3.8", "+1.6", "5", "3.6", "2", few],
    ]);
    const page = html(tier.body);
    const chartTable = page.querySelectorAll("main table")[0];
    expect(text(chartTable?.querySelector("caption"))).toContain("Mean rating by tier");
    expect(chartTable?.querySelectorAll("tbody tr").map((tr) => text(tr))).toEqual(["Core 8 3.8"]);
    expect(page.querySelector('rect[width="76%"]')).not.toBeNull();
  });

  it("keeps to the period chosen, and reports a wrong one", async () => {
    const later = await get("/learning/evaluations/reports?from=2026-10-15&to=2026-11-30");
    expect(table(later.body).map((r) => r.slice(0, 3))).toEqual([["Signs of Safety", "1", "1"]]);
    const parts = await get(
      "/learning/evaluations/reports?groupBy=tier&from-day=1&from-month=10&from-year=2026&to-day=9&to-month=10&to-year=2026",
    );
    expect(parts.statusCode).toBe(302);
    expect(parts.headers.location).toBe(
      "/learning/evaluations/reports?groupBy=tier&from=2026-10-01&to=2026-10-09",
    );
    const backwards = await get("/learning/evaluations/reports?from=2026-11-01&to=2026-10-01");
    expect(
      html(backwards.body)
        .querySelectorAll(".govuk-error-summary__list a")
        .map((a) => text(a)),
    ).toEqual(["The start of the period must be on or before its end"]);
    const wrong = await get("/learning/evaluations/reports?from-day=31&from-month=2&from-year=2026");
    expect(text(html(wrong.body).querySelector(".govuk-error-summary"))).toContain("Start of the period");
  });

  it("counts only the learners the viewer reaches, and is closed to those without the permission", async () => {
    const elsewhere = await t.signIn({ roles: [{ role: "senior_leader", unitId: f.id.T2 as string }] });
    expect(table((await get("/learning/evaluations/reports", elsewhere)).body)).toEqual([]);
    const whole = await t.signIn({ roles: [{ role: "quality_assurance_lead", unitId: null }] });
    expect(table((await get("/learning/evaluations/reports", whole)).body)).toHaveLength(2);
    const practitioner = await f.as("practitioner", f.id.alice as string);
    expect((await get("/learning/evaluations/reports", practitioner)).statusCode).toBe(403);
    expect((await get(`/learning/evaluations/reports/courses/${courseA}`, practitioner)).statusCode).toBe(
      403,
    );
  });

  it("exports the table as CSV and XLSX, suppression included", async () => {
    const csv = await get("/learning/evaluations/reports?groupBy=course&format=csv");
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["content-disposition"]).toContain("evaluation-by-course-2025-11-23-to-2026-11-23.csv");
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      "Course,Requests,Responses,Response rate (%),Mean rating (1 to 5),Mean confidence before,Mean confidence after,Mean change in confidence,Follow-up responses (learners),Mean impact (learners),Follow-up responses (managers),Mean impact (managers)",
    );
    expect(lines.slice(1)).toEqual([
      `Court Skills,2,2,100,${few},${few},${few},${few},0,${few},0,${few}`,
      `Signs of Safety,7,6,86,4.2,1.8,3.8,2,5,3.6,2,${few}`,
    ]);
    const xlsx = await get("/learning/evaluations/reports?groupBy=trainer&format=xlsx");
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(2).getCell(1).value).toBe("Helen Marsh");
    expect(sheet?.getRow(2).getCell(5).value).toBe(4.2);
    expect(sheet?.getRow(3).getCell(5).value).toBe(few);
  });

  it("lists one course's comments in the learners' words, without names", async () => {
    const res = await get(`/learning/evaluations/reports/courses/${courseA}`);
    expect(res.statusCode).toBe(200);
    const main = text(html(res.body).querySelector("main"));
    expect(main).toContain("Use the three houses tool.");
    expect(main).toContain("Learner 3 will plan visits with the family.");
    expect(main).toContain("Example 1");
    expect(main).not.toContain("Tester");
    expect(html(res.body).querySelectorAll(".govuk-summary-card")).toHaveLength(6);
    expect(
      (await get("/learning/evaluations/reports/courses/00000000-0000-4000-8000-00000000abcd")).statusCode,
    ).toBe(404);
    expect((await get("/learning/evaluations/reports/courses/nope")).statusCode).toBe(404);
  });
});
