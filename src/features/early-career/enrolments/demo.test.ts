import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { seedDemoEnrolments } from "./demo.js";
import {
  asyeMilestones,
  insertVersion,
  type ProgrammesFixture,
  seedProgrammesFixture,
} from "./test-fixture.js";

/**
 * The demo seed on the people fixture (today 23 November 2026) with four NQSWs:
 *   Finn   NQSW from 4 September 2023 to 2 September 2024: passed, September 2023
 *   Gwen   NQSW from 2 September 2024, left 31 January 2025: withdrawn, September 2024
 *   Hari   NQSW from 3 March 2025 to 2 March 2026: passed, March 2025
 *   Ivy    NQSW from 7 September 2026: active, September 2026, assessed by the assessor account
 *          (Alice, registered)
 */
describe("seedDemoEnrolments", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let p: ProgrammesFixture;
  const nqsw: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId);
    p = await seedProgrammesFixture(t.app, f.ctx);
    await t.app.platform.data.run(f.ctx, (db) =>
      insertVersion(db, p.asye.programmeId, 2, { length_months: 12, milestones: asyeMilestones }),
    );
    const people: Array<[string, string, string | null]> = [
      ["Finn", "2023-09-04", "2024-09-02"],
      ["Gwen", "2024-09-02", "2025-01-31"],
      ["Hari", "2025-03-03", "2026-03-02"],
      ["Ivy", "2026-09-07", null],
    ];
    for (const [name, from, to] of people) {
      const id = await t.app.people.createPerson(f.ctx, {
        given_name: name,
        family_name: "Demo",
        started_on: from,
      });
      nqsw[name] = id;
      await t.app.platform.data.run(f.ctx, (db) =>
        t.app.people.addAssignment(db, id, {
          org_unit_id: f.id.T1 as string,
          job_role_id: f.id.SW as string,
          career_level: "nqsw",
          contract_type: "permanent",
          fte: 1,
          line_manager_person_id: f.id.alice as string,
          valid_from: from,
          valid_to: to,
        }),
      );
    }
    await t.app.people.recordLeaver(f.ctx, nqsw.Gwen as string, {
      left_on: "2025-01-31",
      reason_code: 1,
      destination_code: 1,
    });
    await t.app.platform.data.run(f.ctx, (db) =>
      db
        .insertInto("users")
        .values({ email: "assessor@demo.test", display_name: "Alice Adams", person_id: f.id.alice as string })
        .execute(),
    );
  });
  afterAll(() => t.close());

  it("makes cohorts by intake with past NQSWs passed or withdrawn and current ones active, once", async () => {
    expect(await seedDemoEnrolments(t.app)).toBe(4);
    const rows = await t.database.db
      .selectFrom("early_career_enrolments as e")
      .innerJoin("early_career_cohorts as c", "c.id", "e.cohort_id")
      .innerJoin("early_career_programme_versions as v", "v.id", "e.programme_version_id")
      .select([
        "e.person_id",
        "c.name",
        "e.status",
        "e.outcome_on",
        "e.assessor_person_id",
        "v.version",
        "e.end_on",
      ])
      .execute();
    const of = (name: string) => rows.find((r) => r.person_id === nqsw[name]);
    expect(of("Finn")).toMatchObject({
      name: "September 2023",
      status: "passed",
      outcome_on: "2024-09-04",
      version: 1,
    });
    expect(of("Gwen")).toMatchObject({ name: "September 2024", status: "withdrawn", outcome_on: null });
    expect(of("Hari")).toMatchObject({ name: "March 2025", status: "passed", outcome_on: "2026-03-03" });
    expect(of("Ivy")).toMatchObject({
      name: "September 2026",
      status: "active",
      assessor_person_id: f.id.alice,
      version: 2,
      end_on: "2027-09-07",
    });
    const ivy = await t.database.db
      .selectFrom("early_career_milestones as m")
      .innerJoin("early_career_enrolments as e", "e.id", "m.enrolment_id")
      .select(["m.code", "m.completed_on"])
      .where("e.person_id", "=", nqsw.Ivy as string)
      .orderBy("m.sequence")
      .execute();
    // Not yet completed: the reviews seed records the meetings already due (the agreement, 5
    // October 2026), and the 3-month review (7 December) is to come.
    expect(ivy.slice(0, 2)).toEqual([
      { code: "AGREEMENT", completed_on: null },
      { code: "REVIEW-3", completed_on: null },
    ]);
    expect(await seedDemoEnrolments(t.app)).toBe(0);
  });
});
