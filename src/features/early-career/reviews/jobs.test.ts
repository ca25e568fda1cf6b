import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { addCareerLevels, addCohort, addEnrolment, addProgramme, addUser } from "./test-fixture.js";

/**
 * The daily jobs, run by moving the clock:
 *   Dan   NQSW, assessed by Alice, in a cohort with no named co-ordinator (so every ASYE
 *         co-ordinator in the council hears of his overdue milestones)
 *   Bob   NQSW in a cohort co-ordinated by Eve; his agreement was held on time
 *   Filler 01  passed; HR's action to move them to Social Worker waits for the feed
 */
describe("early career daily jobs", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let dan: { id: string; milestones: Record<string, string> };
  let bob: { id: string; milestones: Record<string, string> };
  const id = (key: string) => f.id[key] as string;
  const write = <T>(work: (w: TenantDb) => Promise<T>) => t.app.platform.data.run(f.ctx, work);
  const overdueEmails = () =>
    t.database.db
      .selectFrom("outbox_messages")
      .select(["to_address", "subject", "reference"])
      .where("reference", "like", "early-career-overdue:%")
      .orderBy("created_at")
      .orderBy("to_address")
      .execute();
  const nextDay = async () => {
    t.clock.advanceDays(1);
    await t.app.platform.jobs.tick();
  };

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set("2026-10-01T09:00:00Z");
    f = await seedPeopleFixture(t.app, t.tenantId, { fillers: 1 });
    await addCareerLevels(t.app, f.ctx);
    const { programmeId, versionId } = await addProgramme(t.app, f.ctx);
    const noCoordinator = await addCohort(t.app, f.ctx, programmeId, "September 2026 A");
    const eves = await addCohort(t.app, f.ctx, programmeId, "September 2026 B", id("eve"));
    dan = await addEnrolment(t.app, f.ctx, {
      cohortId: noCoordinator,
      versionId,
      personId: id("dan"),
      assessorPersonId: id("alice"),
    });
    bob = await addEnrolment(t.app, f.ctx, { cohortId: eves, versionId, personId: id("bob") });
    await write((w) =>
      w
        .updateTable("early_career_milestones")
        .set({ completed_on: "2026-10-02" })
        .where("id", "=", bob.milestones.agreement as string)
        .execute(),
    );
    await addUser(t.app, f.ctx, "asye.one@example.org", "asye_coordinator");
    await addUser(t.app, f.ctx, "asye.two@example.org", "asye_coordinator");
    await addUser(t.app, f.ctx, "learning@example.org", "learning_and_development_officer");
    await t.app.platform.jobs.tick();
  });
  afterAll(() => t.close());

  it("flags nothing before a milestone is overdue", async () => {
    t.clock.set("2026-10-05T09:00:00Z");
    await t.app.platform.jobs.tick();
    expect(await overdueEmails()).toEqual([]);
  });

  it("flags an overdue milestone once, to the assessor and the co-ordinators, and not a completed one", async () => {
    await nextDay(); // 6 October: Dan's agreement (due 5 October) is overdue; Bob's was held
    const sent = await overdueEmails();
    const reference = `early-career-overdue:${dan.milestones.agreement}:2026-10-05`;
    expect(sent).toEqual([
      {
        to_address: "alice.adams@example.org",
        subject: "Dan Davis's Support and assessment agreement is overdue",
        reference,
      },
      { to_address: "asye.one@example.org", subject: expect.any(String), reference },
      { to_address: "asye.two@example.org", subject: expect.any(String), reference },
    ]);
    await nextDay();
    t.clock.advanceDays(5);
    await t.app.platform.jobs.tick();
    expect(await overdueEmails()).toHaveLength(3);
    const flags = await t.database.db
      .selectFrom("early_career_milestone_flags")
      .select(["milestone_id", "due_on", "flagged_on"])
      .execute();
    expect(flags).toEqual([
      { milestone_id: dan.milestones.agreement, due_on: "2026-10-05", flagged_on: "2026-10-06" },
    ]);
  });

  it("flags a moved milestone again when it becomes overdue on its new date", async () => {
    await write((w) =>
      w
        .updateTable("early_career_milestones")
        .set({ due_on: "2026-10-20" })
        .where("id", "=", dan.milestones.agreement as string)
        .execute(),
    );
    t.clock.set("2026-10-20T09:00:00Z");
    await t.app.platform.jobs.tick();
    expect(await overdueEmails()).toHaveLength(3);
    await nextDay();
    const sent = await overdueEmails();
    expect(sent).toHaveLength(6);
    expect(sent.slice(3).map((m) => m.reference)).toEqual(
      Array(3).fill(`early-career-overdue:${dan.milestones.agreement}:2026-10-20`),
    );
  });

  it("sends the cohort's own co-ordinator, not every co-ordinator", async () => {
    t.clock.set("2026-12-08T09:00:00Z"); // both 3-month reviews (due 7 December) now overdue
    await t.app.platform.jobs.tick();
    const bobs = (await overdueEmails()).filter((m) =>
      (m.reference ?? "").includes(bob.milestones["review-3"] as string),
    );
    expect(bobs.map((m) => m.to_address)).toEqual(["eve.evans@example.org"]);
  });

  it("does not flag milestones of an enrolment no longer under way", async () => {
    await write((w) =>
      w
        .updateTable("early_career_enrolments")
        .set({ status: "withdrawn" })
        .where("id", "=", bob.id)
        .execute(),
    );
    t.clock.set("2027-03-09T09:00:00Z"); // 6-month reviews overdue
    await t.app.platform.jobs.tick();
    const six = (await overdueEmails()).filter((m) => m.subject.includes("6-month review"));
    expect(six.map((m) => m.to_address)).toEqual([
      "alice.adams@example.org",
      "asye.one@example.org",
      "asye.two@example.org",
    ]);
  });

  describe("the HR feed confirms career progression", () => {
    let progressionId: string;
    const status = () =>
      t.database.db
        .selectFrom("early_career_progressions")
        .select(["status", "confirmed_source", "confirmed_on"])
        .where("id", "=", progressionId)
        .executeTakeFirstOrThrow();

    beforeAll(async () => {
      progressionId = await write(async (w) => {
        await w
          .updateTable("assignments")
          .set({ career_level: "nqsw" })
          .where("person_id", "=", id("filler1"))
          .execute();
        const enrolment = await w
          .selectFrom("early_career_enrolments")
          .select(["id", "cohort_id", "programme_version_id"])
          .where("id", "=", dan.id)
          .executeTakeFirstOrThrow();
        const passed = await w
          .insertInto("early_career_enrolments")
          .values({
            cohort_id: enrolment.cohort_id,
            person_id: id("filler1"),
            programme_version_id: enrolment.programme_version_id,
            route: "step_up",
            start_on: "2025-09-01",
            end_on: "2026-09-01",
            status: "passed",
            outcome_on: "2026-09-10",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const p = await w
          .insertInto("early_career_progressions")
          .values({
            enrolment_id: passed.id,
            person_id: id("filler1"),
            to_career_level: "sw",
            effective_on: "2027-04-01",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        return p.id;
      });
    });

    it("leaves the action open while the feed shows the old level", async () => {
      await nextDay();
      expect(await status()).toEqual({ status: "open", confirmed_source: null, confirmed_on: null });
    });

    it("confirms it once the feed's assignment from the effective date has the new level", async () => {
      await write(async (w) => {
        await w
          .updateTable("assignments")
          .set({ valid_to: "2027-03-31" })
          .where("person_id", "=", id("filler1"))
          .execute();
        await t.app.people.addAssignment(w, id("filler1"), {
          org_unit_id: id("S2"),
          job_role_id: id("SW"),
          post_id: null,
          contract_type: "permanent",
          fte: 1,
          career_level: "sw",
          valid_from: "2027-04-01",
        });
      });
      await nextDay();
      expect(await status()).toEqual({
        status: "confirmed",
        confirmed_source: "feed",
        confirmed_on: "2027-03-11",
      });
    });
  });
});
