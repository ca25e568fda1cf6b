import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { seedDemoProtection } from "./demo.js";
import { addCohort, addEnrolment, addProgramme, fixtureCtx } from "./test-fixture.js";

describe("seedDemoProtection", () => {
  let t: TestApp;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    const { id } = await seedPeopleFixture(t.app, t.tenantId);
    const { programmeId, versionId } = await addProgramme(t);
    const cohort = await addCohort(t, programmeId, "September 2026", "2026-09-01");
    for (const key of ["alice", "bob", "dan"]) {
      ids.push(
        await addEnrolment(t, {
          cohortId: cohort,
          versionId,
          personId: id[key] as string,
          startOn: "2026-09-07",
          endOn: "2027-09-06",
        }),
      );
    }
  });
  afterAll(() => t.close());

  it("records monthly checks, one NQSW over the cap and one with development time at 5%, once", async () => {
    // 7 October and 7 November for each of the three, by 23 November 2026.
    expect(await seedDemoProtection(t.app)).toBe(6);
    expect(await seedDemoProtection(t.app)).toBe(0);
    const statuses = await t.app.platform.data.run(fixtureCtx(t), (db) =>
      t.app.earlyCareerProtection.statusesIn(db, ids),
    );
    const [adams, brown, davis] = ids.map((e) => statuses.get(e));
    expect(adams?.caseload).toEqual({ cap: 14, actual: 15, breached: true });
    expect(adams?.developmentTime.breached).toBe(false);
    expect(brown?.developmentTime).toEqual({ required: 10, actual: 5, breached: true });
    expect(brown?.caseload.breached).toBe(false);
    expect(davis?.caseload.breached || davis?.developmentTime.breached).toBe(false);
    expect(davis?.recordedOn).toBe("2026-11-07");
  });
});
