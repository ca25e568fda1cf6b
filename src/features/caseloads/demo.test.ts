import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { addCohort, addEnrolment, addProgramme } from "../early-career/dashboard/test-fixture.js";
import { seedDemoCaseloads } from "./demo.js";
import { type CaseloadFixture, seedCaseloadFixture } from "./test-fixture.js";

/** The demo's caseloads on the small fixture council (today 23 November 2026). */
describe("seedDemoCaseloads", () => {
  let t: TestApp;
  let f: CaseloadFixture;
  const id = (key: string) => f.id[key] as string;
  let enrolmentId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedCaseloadFixture(t, { targets: false });
    await t.app.platform.data.run(f.ctx, (db) =>
      t.app.auth.createUser(db, {
        email: "line.manager@demo.test",
        displayName: "Mo Manager",
        personId: id("mo"),
        roles: [{ role: "line_manager", unitId: null }],
      }),
    );
    const { programmeId, versionId } = await addProgramme(t);
    const cohortId = await addCohort(t, programmeId, "September 2026", "2026-09-01");
    enrolmentId = await addEnrolment(t, {
      cohortId,
      versionId,
      personId: id("alice"),
      startOn: "2026-09-01",
      endOn: "2027-08-31",
      orgUnitId: id("T1"),
    });
    await seedDemoCaseloads(t.app);
    await seedDemoCaseloads(t.app);
  }, 240_000);
  afterAll(() => t.close());

  it("adds 12 month-end snapshots once, with Slough-like targets", async () => {
    const snapshots = await t.database.db
      .selectFrom("caseload_snapshots")
      .select("as_at")
      .orderBy("as_at")
      .execute();
    expect(snapshots.map((s) => s.as_at)).toHaveLength(12);
    expect(snapshots[0]?.as_at).toBe("2025-11-30");
    expect(snapshots.at(-1)?.as_at).toBe("2026-10-31");
    await t.app.platform.data.run(f.ctx, async (db) => {
      expect(await t.app.caseloads.teamTarget(db, id("T1"), "2026-10-31")).toBe(16);
    });
  });

  it("puts someone in the demo line manager's team over their cap recently, and the NQSW over theirs", async () => {
    const alerts = await t.database.db
      .selectFrom("caseload_alerts")
      .select(["person_id", "manager_person_id", "as_at", "children", "cap"])
      .where("as_at", "=", "2026-10-31")
      .execute();
    expect(alerts.some((a) => a.manager_person_id === id("mo") && a.person_id !== id("alice"))).toBe(true);
    expect(alerts.find((a) => a.person_id === id("alice"))).toMatchObject({ children: 15 });
    const status = await t.app.platform.data.run(f.ctx, (db) =>
      t.app.earlyCareerProtection.statusesIn(db, [enrolmentId]),
    );
    // The template's 90% of the team's 16 = 14.4 -> 14; 15 is over
    expect(status.get(enrolmentId)?.caseload).toEqual({ cap: 14, actual: 15, breached: true });
  });

  it("gives the early career protection the NQSW's team target (last: it adds a target)", async () => {
    await t.app.platform.data.run(f.ctx, (db) =>
      db
        .insertInto("caseload_targets")
        .values({
          kind: "team_average",
          org_unit_id: id("T1"),
          children: 20,
          valid_from: "2026-01-01",
          created_by: "t",
        })
        .execute(),
    );
    const status = await t.app.platform.data.run(f.ctx, (db) =>
      t.app.earlyCareerProtection.statusesIn(db, [enrolmentId]),
    );
    // 90% of Assessment's own 20 = 18; 15 is within it
    expect(status.get(enrolmentId)?.caseload).toEqual({ cap: 18, actual: 15, breached: false });
  });
});
