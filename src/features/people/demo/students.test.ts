import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { seedDemoStudents } from "./students.js";

describe("the demo's social work students", () => {
  let t: TestApp;
  let ctx: TenantContext;

  beforeAll(async () => {
    t = await buildTestApp();
    ({ ctx } = await seedPeopleFixture(t.app, t.tenantId));
  }, 240_000);
  afterAll(() => t.close());

  const students = () =>
    t.app.platform.data.run(ctx, (db) =>
      db
        .selectFrom("assignments")
        .innerJoin("job_roles", "job_roles.id", "assignments.job_role_id")
        .select(["assignments.valid_from", "assignments.valid_to", "job_roles.social_work_qualified"])
        .where("contract_type", "=", "student")
        .orderBy("valid_from")
        .execute(),
    );

  it("places seven students, six of them in the last 12 months, once", async () => {
    await seedDemoStudents(t.app);
    await seedDemoStudents(t.app);
    const placed = await students();
    expect(placed).toHaveLength(7);
    expect(placed.every((p) => !p.social_work_qualified)).toBe(true);
    // Today in the test clock is 23 November 2026: the first started 430 days before, in 2025.
    expect(placed[0]?.valid_from).toBe("2025-09-19");
    // Each placement lasts 140 days.
    expect(placed[0]?.valid_to).toBe("2026-02-05");
    const values = await t.app.performance.valuesOn(ctx, { unitId: null, asAt: "2026-11-23" });
    expect(values.get("students_per_year")).toMatchObject({ value: 6, numerator: 6 });
  });
});
