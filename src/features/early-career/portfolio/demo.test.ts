import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { seedDemoPortfolio } from "./demo.js";
import { addEnrolment, addProgramme, fixtureContext } from "./test-fixture.js";

describe("seedDemoPortfolio", () => {
  let t: TestApp;
  const enrolments: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp();
    await seedPeopleFixture(t.app, t.tenantId, { fillers: 6 });
    const people = await t.database.db.selectFrom("people").select("id").orderBy("id").limit(6).execute();
    const [assessor, early, late, past1, past2, past3] = people.map((p) => p.id) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const programme = await addProgramme(t.app, t.tenantId);
    // Moved in time by start date: today is 23 November 2026.
    enrolments.early = await addEnrolment(
      t.app,
      t.tenantId,
      programme,
      { person: early, assessor },
      { start_on: "2026-10-01", end_on: "2027-10-01" },
    );
    enrolments.late = await addEnrolment(
      t.app,
      t.tenantId,
      programme,
      { person: late, assessor },
      { start_on: "2025-12-01", end_on: "2026-12-01" },
    );
    const cohort2 = await t.app.platform.data.run(fixtureContext(t.tenantId), (db) =>
      db
        .insertInto("early_career_cohorts")
        .values({
          programme_id: programme.programmeId,
          name: "September 2024 (test)",
          intake_on: "2024-09-02",
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    for (const [i, person] of [past1, past2, past3].entries()) {
      const id = await addEnrolment(
        t.app,
        t.tenantId,
        { ...programme, cohortId: cohort2.id },
        { person, assessor },
        { start_on: "2024-09-02", end_on: "2025-09-02", status: "passed", outcome_on: "2025-09-20" },
      );
      enrolments[`past${i}`] = id;
    }
  });
  afterAll(() => t.close());

  it("gives active enrolments evidence by how far through they are, and passed ones a decided portfolio", async () => {
    await seedDemoPortfolio(t.app);
    const coverage = await t.app.earlyCareerPortfolio.coverageByEnrolment(
      fixtureContext(t.tenantId),
      Object.values(enrolments),
    );
    const early = coverage.get(enrolments.early as string);
    const late = coverage.get(enrolments.late as string);
    expect(early && late && early.covered < late.covered).toBe(true);
    for (const key of ["past0", "past1", "past2"]) {
      expect(coverage.get(enrolments[key] as string)).toMatchObject({ covered: 3, total: 3, complete: true });
    }
    const past = await t.database.db
      .selectFrom("early_career_enrolments")
      .select([
        "portfolio_submitted_on",
        "assessor_signed_off_on",
        "assessor_recommendation",
        "panel_decision",
        "moderation_sampled",
      ])
      .where("status", "=", "passed")
      .execute();
    expect(past).toHaveLength(3);
    for (const p of past) {
      expect(p.portfolio_submitted_on).not.toBeNull();
      expect(p.assessor_recommendation).toBe("pass");
      expect(p.panel_decision).toBe("endorsed");
    }
    expect(past.filter((p) => p.moderation_sampled)).toHaveLength(1);
    const panels = await t.database.db
      .selectFrom("early_career_milestones")
      .select("completed_on")
      .where("enrolment_id", "=", enrolments.past0 as string)
      .where("kind", "in", ["portfolio", "panel"])
      .execute();
    expect(panels.every((m) => m.completed_on !== null)).toBe(true);
  });

  it("does nothing a second time", async () => {
    const count = async () =>
      (await t.database.db.selectFrom("early_career_evidence").select("id").execute()).length;
    const before = await count();
    await seedDemoPortfolio(t.app);
    expect(await count()).toBe(before);
  });
});
