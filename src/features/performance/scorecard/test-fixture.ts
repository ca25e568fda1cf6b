import type { TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { Principal } from "../../../platform/auth/principal.js";
import { addTarget, enter } from "../library/test-fixture.js";

/**
 * The scorecard's fixture on the people fixture (today 23 November 2026; Children's Services D >
 * Safeguarding S1 > Assessment T1, Family Support T2; D > Early Help S2), with entered measures so
 * every figure is known:
 * - visits in time: at least 95 (amber from 90) for the council, at least 90 (amber from 82) for
 *   Safeguarding and the teams below it; September 91 and October 88 (both snapshotted by the
 *   monthly job, then October's entry changed to 99); November 96 (green), and by unit S1 85
 *   (amber), S2 97 (green), T1 80 (red), T2 92 (green);
 * - assessments within 45 days: at least 95 (amber from 90), November 91 (amber);
 * - inadequate audits: at most 5 (amber to 8), November 10 (red).
 * Alice Adams (with a user account) owns visits in time.
 */
export async function seedScorecardFixture(t: TestApp) {
  const f: PeopleFixture = await seedPeopleFixture(t.app, t.tenantId);
  const id = (key: string) => f.id[key] as string;
  const visits = "visits_in_time" as const;
  await addTarget(t.app, f.ctx, { key: visits, unitId: null, target: 95, amberFrom: 90, from: "2025-01-01" });
  await addTarget(t.app, f.ctx, {
    key: visits,
    unitId: id("S1"),
    target: 90,
    amberFrom: 82,
    from: "2025-01-01",
  });
  await addTarget(t.app, f.ctx, {
    key: "assessments_in_45_days",
    unitId: null,
    target: 95,
    amberFrom: 90,
    from: "2025-01-01",
  });
  await addTarget(t.app, f.ctx, {
    key: "audits_inadequate",
    unitId: null,
    direction: "lower",
    target: 5,
    amberFrom: 8,
    from: "2025-01-01",
  });
  await enter(t.app, f.ctx, { key: visits, unitId: null, periodEnd: "2026-09-30", value: 91 });
  await enter(t.app, f.ctx, { key: visits, unitId: null, periodEnd: "2026-10-31", value: 88 });
  await t.app.performance.takeSnapshot(f.ctx, "2026-09-30");
  await t.app.performance.takeSnapshot(f.ctx, "2026-10-31");
  // Changed after the job ran: the October scorecard still reads the snapshot.
  await enter(t.app, f.ctx, { key: visits, unitId: null, periodEnd: "2026-10-31", value: 99 });
  const november = "2026-11-30";
  await enter(t.app, f.ctx, {
    key: visits,
    unitId: null,
    periodEnd: november,
    value: 96,
    numerator: 96,
    denominator: 100,
  });
  for (const [unit, value] of [
    ["S1", 85],
    ["S2", 97],
    ["T1", 80],
    ["T2", 92],
  ] as const) {
    await enter(t.app, f.ctx, { key: visits, unitId: id(unit), periodEnd: november, value });
  }
  await enter(t.app, f.ctx, { key: "assessments_in_45_days", unitId: null, periodEnd: november, value: 91 });
  await enter(t.app, f.ctx, { key: "audits_inadequate", unitId: null, periodEnd: november, value: 10 });

  const aliceUser = await t.app.platform.data.run(f.ctx, async (db) => {
    await db
      .insertInto("performance_measure_owners")
      .values({ measure_key: visits, owner_person_id: id("alice"), updated_by: "system:fixture" })
      .execute();
    const user = await db
      .insertInto("users")
      .values({ email: "alice.adams@example.org", display_name: "Alice Adams", person_id: id("alice") })
      .returning("id")
      .executeTakeFirstOrThrow();
    return user.id;
  });
  const as = (principal: Partial<Principal>) => t.signIn(principal);
  return {
    f,
    id,
    /** Alice: a service manager on Safeguarding who owns visits in time. */
    owner: () =>
      as({
        userId: aliceUser,
        personId: id("alice"),
        displayName: "Alice Adams",
        roles: [{ role: "service_manager", unitId: id("S1") }],
      }),
    /** A quality assurance lead: sees the whole council, owns nothing, manages nothing. */
    viewer: () => as({ personId: id("bob"), roles: [{ role: "quality_assurance_lead", unitId: null }] }),
    /** A service manager on Early Help: sees S2 only. */
    earlyHelp: () => as({ roles: [{ role: "service_manager", unitId: id("S2") }] }),
    /** HR held council-wide: manages performance. */
    hr: () => as({ personId: id("dan"), roles: [{ role: "hr_workforce_analyst", unitId: null }] }),
  };
}
