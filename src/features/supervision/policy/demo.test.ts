import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccessFixture } from "../../../../test/support/access-fixture.js";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { seedDemoSupervisionObservations } from "../observations/demo.js";
import { seedDemoSupervisionPolicy } from "./demo.js";

/**
 * The demo seeds on the access fixture (today 23 November 2026) with demo accounts for Pat
 * (practitioner), Lina (line manager; Sean is her only direct report), Sam (service manager) and
 * Bob (quality assurance lead). The fixture's case-holding social work roles are SW and SSW.
 */
describe("demo supervision policy and observations", () => {
  let t: TestApp;
  let ctx: TenantContext;
  const people: Record<string, string> = {};
  const run = <T>(work: (db: TenantDb) => Promise<T>) => t.app.platform.data.run(ctx, work);

  beforeAll(async () => {
    t = await buildTestApp();
    await seedAccessFixture(t);
    ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
    for (const name of ["Pat", "Lina", "Sam", "Sean", "Bob"]) {
      people[name] = (
        await run((db) =>
          db.selectFrom("people").select("id").where("given_name", "=", name).executeTakeFirstOrThrow(),
        )
      ).id;
    }
    const accounts: Array<[string, string, string]> = [
      ["practitioner@demo.test", "Pat", "practitioner"],
      ["line.manager@demo.test", "Lina", "line_manager"],
      ["service.manager@demo.test", "Sam", "service_manager"],
      ["quality@demo.test", "Bob", "quality_assurance_lead"],
    ];
    await run(async (db) => {
      for (const [email, name, role] of accounts)
        await t.app.auth.createUser(db, {
          email,
          displayName: name,
          personId: people[name] ?? null,
          roles: [{ role, unitId: null }],
        });
    });
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it("makes the policy with its history, and agreements", async () => {
    expect(await seedDemoSupervisionPolicy(t.app)).toBeGreaterThan(6);
    const rules = await run((db) => t.app.supervisionPolicy.rules(db));
    // default + early career + (SW, SSW) x (every 6 weeks ended, every 4 weeks)
    expect(rules.length).toBe(6);
    const sw = rules.filter((r) => r.appliesTo === "job_role");
    expect(sw.filter((r) => r.validTo === "2024-10-31").map((r) => r.everyValue)).toEqual([6, 6]);
    expect(
      sw.filter((r) => r.validFrom === "2024-11-01" && r.validTo === null).map((r) => r.everyValue),
    ).toEqual([4, 4]);
    expect(rules.every((r) => r.partTime === "same")).toBe(true);

    const pat = await run((db) =>
      t.app.supervisionPolicy.currentAgreement(db, people.Pat as string, "2026-11-23"),
    );
    expect(pat).toMatchObject({
      supervisorPersonId: people.Sean,
      agreedOn: "2026-08-20",
      reviewOn: "2027-08-20",
    });
    expect(pat?.superviseeSignedOn).not.toBeNull();
    expect(pat?.supervisorSignedOn).not.toBeNull();
    // In the demo line manager's team, her one direct report has no agreement.
    expect(
      await run((db) => t.app.supervisionPolicy.currentAgreement(db, people.Sean as string, "2026-11-23")),
    ).toBe(undefined);
    expect(await seedDemoSupervisionPolicy(t.app)).toBe(0);
  });

  it("makes observations by the QA lead and service manager, the line manager among those observed", async () => {
    const added = await seedDemoSupervisionObservations(t.app);
    expect(added).toBeGreaterThan(2);
    const rows = await run((db) => db.selectFrom("supervision_observations").selectAll().execute());
    expect(rows.filter((r) => r.supervisor_person_id === people.Lina).length).toBe(2);
    for (const r of rows) {
      expect([people.Bob, people.Sam]).toContain(r.observer_person_id);
      expect(r.supervisor_person_id).not.toBe(r.observer_person_id);
      expect(r.themes.length).toBeGreaterThanOrEqual(2);
      expect(r.observed_on >= "2025-11-23" && r.observed_on <= "2026-11-23").toBe(true);
    }
    expect(await seedDemoSupervisionObservations(t.app)).toBe(0);
  });
});
