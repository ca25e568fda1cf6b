import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { html, text } from "../../../../test/support/html.js";
import { PAGE_SIZE } from "./pages/dashboard/handlers.js";
import { addCohort, addProgramme, fixtureCtx } from "./test-fixture.js";

/** A long dashboard: 55 active NQSWs in one cohort show 50 to a page. */
describe("the dashboard with many NQSWs", () => {
  let t: TestApp;
  let coordinator: string;
  let cohort: string;

  beforeAll(async () => {
    t = await buildTestApp();
    coordinator = await t.signIn({ roles: [{ role: "asye_coordinator", unitId: null }] });
    const { programmeId, versionId } = await addProgramme(t);
    cohort = await addCohort(t, programmeId, "September 2026", "2026-09-01");
    await t.app.platform.data.run(fixtureCtx(t), async (db) => {
      const people = await db
        .insertInto("people")
        .values(
          Array.from({ length: 55 }, (_, i) => ({
            given_name: "Nqsw",
            family_name: `Number ${String(i + 1).padStart(2, "0")}`,
          })),
        )
        .returning("id")
        .execute();
      const enrolments = await db
        .insertInto("early_career_enrolments")
        .values(
          people.map((p) => ({
            cohort_id: cohort,
            person_id: p.id,
            programme_version_id: versionId,
            route: "university" as const,
            start_on: "2026-09-07",
            end_on: "2027-09-06",
          })),
        )
        .returning("id")
        .execute();
      await db
        .insertInto("early_career_milestones")
        .values(
          enrolments.map((e) => ({
            enrolment_id: e.id,
            code: "REVIEW-3",
            name: "3-month review",
            kind: "review" as const,
            sequence: 1,
            due_on: "2026-12-07",
          })),
        )
        .execute();
    });
  });
  afterAll(() => t.close());

  const names = (body: string) =>
    html(body)
      .querySelectorAll("[data-nqsws] tbody tr td:first-child")
      .map((td) => text(td));

  it("shows 50 to a page, with pagination keeping the filter", async () => {
    expect(PAGE_SIZE).toBe(50);
    const first = await t.app.inject({
      url: `/early-career/dashboard?cohort=${cohort}`,
      headers: { cookie: coordinator },
    });
    expect(first.statusCode).toBe(200);
    expect(names(first.body)).toHaveLength(50);
    const next = html(first.body).querySelector(".govuk-pagination__next a")?.getAttribute("href") ?? "";
    expect(next).toBe(`/early-career/dashboard?cohort=${cohort}&page=2`);
    const second = await t.app.inject({ url: next, headers: { cookie: coordinator } });
    expect(names(second.body)).toEqual([51, 52, 53, 54, 55].map((n) => `Nqsw Number ${n}`));
    // The summary counts every NQSW of the cohort, not only the page.
    expect(text(html(second.body).querySelector("[data-rag-counts] tbody"))).toBe("Red 0 Amber 55 Green 0");
  });

  it("exports every NQSW, not only the page", async () => {
    const csv = await t.app.inject({
      url: "/early-career/dashboard?format=csv",
      headers: { cookie: coordinator },
    });
    expect(
      csv.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split(/\r?\n/),
    ).toHaveLength(56);
  });
});
