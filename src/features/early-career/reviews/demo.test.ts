import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { seedDemoReviews } from "./demo.js";
import { addCareerLevels, addCohort, addEnrolment, addProgramme } from "./test-fixture.js";

/** The demo's reviews: past milestones recorded, one left overdue, one with concerns; the HR actions. */
describe("seedDemoReviews", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let dan: { id: string; milestones: Record<string, string> };
  let bob: { id: string; milestones: Record<string, string> };
  let eve: { id: string; milestones: Record<string, string> };
  const id = (key: string) => f.id[key] as string;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set("2026-12-20T09:00:00Z");
    f = await seedPeopleFixture(t.app, t.tenantId);
    await addCareerLevels(t.app, f.ctx);
    const { programmeId, versionId } = await addProgramme(t.app, f.ctx);
    const cohortId = await addCohort(t.app, f.ctx, programmeId, "September 2026");
    const common = { cohortId, versionId, assessorPersonId: id("alice"), lineManagerPersonId: id("alice") };
    dan = await addEnrolment(t.app, f.ctx, { ...common, personId: id("dan") });
    bob = await addEnrolment(t.app, f.ctx, { ...common, personId: id("bob") });
    eve = await addEnrolment(t.app, f.ctx, { ...common, personId: id("eve") });
    await t.app.platform.data.run(f.ctx, (db) =>
      db
        .updateTable("early_career_enrolments")
        .set({ status: "passed", outcome_on: "2026-12-01", panel_decision: "endorsed" })
        .where("id", "=", eve.id)
        .execute(),
    );
    await seedDemoReviews(t.app);
    await seedDemoReviews(t.app);
  });
  afterAll(() => t.close());

  const reviewOf = (milestoneId: string | undefined) =>
    t.database.db
      .selectFrom("early_career_reviews")
      .select(["judgement", "nqsw_confirmed_on", "manager_confirmed_on"])
      .where("milestone_id", "=", milestoneId ?? "")
      .executeTakeFirst();

  it("records the milestones already due, leaving one overdue and one with concerns", async () => {
    expect(await reviewOf(dan.milestones.agreement)).toMatchObject({ judgement: null });
    expect(await reviewOf(bob.milestones.agreement)).toMatchObject({ judgement: null });
    // Whichever NQSW comes first has their 3-month review left overdue; the other's shows concerns.
    const threeMonth = [
      await reviewOf(dan.milestones["review-3"]),
      await reviewOf(bob.milestones["review-3"]),
    ];
    expect(threeMonth.filter((r) => r === undefined)).toHaveLength(1);
    expect(threeMonth.find((r) => r !== undefined)).toMatchObject({ judgement: "some_concerns" });
    expect(await reviewOf(bob.milestones["review-6"])).toBeUndefined();
    const completed = await t.database.db
      .selectFrom("early_career_milestones")
      .select("completed_on")
      .where("id", "in", [dan.milestones.agreement as string, bob.milestones.agreement as string])
      .execute();
    expect(completed.every((m) => m.completed_on !== null)).toBe(true);
  });

  it("raises the latest pass's move for HR, open, and does it once", async () => {
    const moves = await t.database.db.selectFrom("early_career_progressions").selectAll().execute();
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ person_id: id("eve"), status: "open", to_career_level: "sw" });
    expect(await t.database.db.selectFrom("early_career_reviews").select("id").execute()).toHaveLength(7);
  });
});
