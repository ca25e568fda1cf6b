import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { versionInForce } from "../compliance/status.js";
import type { RequirementRules } from "./requirements.service.js";

/** Requirements are versioned by date: a new version ends the one before, and history is kept. */
describe("the requirements service", () => {
  let t: TestApp;
  let ctx: TenantContext;
  let courseA: string;
  let courseB: string;

  const rules = (over: Partial<RequirementRules> = {}): RequirementRules => ({
    validFrom: "2025-04-01",
    courseIds: [courseA],
    personKinds: ["staff"],
    jobRoleIds: [],
    careerLevels: [],
    orgUnitIds: [],
    contractTypes: [],
    carerApprovalTypes: [],
    dueWithinDays: 90,
    carersFromApproval: false,
    renewEveryMonths: 36,
    graceDays: 30,
    dueSoonDays: 60,
    restartsClock: false,
    ...over,
  });

  beforeAll(async () => {
    t = await buildTestApp();
    ctx = { tenantId: t.tenantId, actor: { id: "user:test" } };
    [courseA, courseB] = await t.app.platform.data.run(ctx, async (db) => {
      const ids: string[] = [];
      for (const code of ["SAFE-1", "SAFE-2"]) {
        const row = await db
          .insertInto("learning_courses")
          .values({
            code,
            title: `Safeguarding ${code}`,
            tier: "core",
            group_key: "assessment",
            delivery: "face_to_face",
            booking_route: "self",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        ids.push(row.id);
      }
      return ids as [string, string];
    });
  });
  afterAll(() => t.close());

  const refusal = async (work: Promise<unknown>) => {
    const err = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RuleError);
    return err as RuleError;
  };

  it("creates a requirement with its first version, open-ended", async () => {
    const id = await t.app.requirements.create(ctx, {
      code: "SAFEGUARDING",
      title: "Safeguarding children",
      description: null,
      rules: rules(),
    });
    const found = await t.app.requirements.get(ctx, id);
    expect(found?.requirement.code).toBe("SAFEGUARDING");
    expect(found?.state).toBe("in_force");
    expect(found?.history).toHaveLength(1);
    expect(found?.history[0]?.version).toMatchObject({
      requirementId: id,
      validFrom: "2025-04-01",
      validTo: null,
      courseIds: [courseA],
      dueWithinDays: 90,
      renewEveryMonths: 36,
      graceDays: 30,
      dueSoonDays: 60,
      restartsClock: false,
      personKinds: ["staff"],
      carersFromApproval: false,
    });
  });

  it("closes the previous version the day before a new one starts, keeping the old rules for earlier dates", async () => {
    const id = await t.app.requirements.create(ctx, {
      code: "GDPR",
      title: "Data protection",
      description: null,
      rules: rules({ renewEveryMonths: 24 }),
    });
    await t.app.requirements.addVersion(ctx, id, {
      title: "Data protection (GDPR)",
      description: "Yearly from April",
      rules: rules({
        validFrom: "2026-04-01",
        renewEveryMonths: 12,
        courseIds: [courseA, courseB],
        restartsClock: true,
      }),
    });
    const versions = await t.app.platform.data.run(ctx, (db) => t.app.requirements.versionsFor(db, [id]));
    expect(versions.map((v) => [v.validFrom, v.validTo, v.renewEveryMonths])).toEqual([
      ["2025-04-01", "2026-03-31", 24],
      ["2026-04-01", null, 12],
    ]);
    expect(versions[1]?.courseIds).toEqual([courseA, courseB]);
    expect(versions[1]?.restartsClock).toBe(true);
    // "Compliance as at 31 March" uses the March rules, whenever it is asked.
    expect(versionInForce(versions, "2026-03-31")?.renewEveryMonths).toBe(24);
    expect(versionInForce(versions, "2026-04-01")?.renewEveryMonths).toBe(12);
    const found = await t.app.requirements.get(ctx, id);
    expect(found?.requirement.title).toBe("Data protection (GDPR)");
    expect(found?.history.map((h) => h.state)).toEqual(["in_force", "ended"]);
    // versionsFor with no ids gives every requirement's versions.
    const all = await t.app.platform.data.run(ctx, (db) => t.app.requirements.versionsFor(db));
    expect(all.filter((v) => v.requirementId === id)).toHaveLength(2);
  });

  it("refuses a new version that does not start after the latest one, and changes nothing", async () => {
    const id = await t.app.requirements.create(ctx, {
      code: "SOS",
      title: "Signs of Safety",
      description: null,
      rules: rules({ validFrom: "2026-01-01", renewEveryMonths: null }),
    });
    for (const validFrom of ["2026-01-01", "2025-12-31"]) {
      const err = await refusal(
        t.app.requirements.addVersion(ctx, id, {
          title: "Changed",
          description: null,
          rules: rules({ validFrom }),
        }),
      );
      expect(err.field).toBe("valid_from-day");
      expect(err.message).toBe(
        "The new rules must start after 1 January 2026, when the latest rules started",
      );
    }
    const found = await t.app.requirements.get(ctx, id);
    expect(found?.requirement.title).toBe("Signs of Safety");
    expect(found?.history.map((h) => [h.version.validFrom, h.version.validTo])).toEqual([
      ["2026-01-01", null],
    ]);
  });

  it("a version starting later than today shows as to come, with the current one still in force", async () => {
    const id = await t.app.requirements.create(ctx, {
      code: "LATER",
      title: "Later change",
      description: null,
      rules: rules({ validFrom: "2026-01-01" }),
    });
    await t.app.requirements.addVersion(ctx, id, {
      title: "Later change",
      description: null,
      rules: rules({ validFrom: "2027-01-01", dueWithinDays: 30 }),
    });
    const listed = (await t.app.requirements.list(ctx)).find((r) => r.requirement.id === id);
    expect(listed?.state).toBe("in_force");
    expect(listed?.version?.validTo).toBe("2026-12-31");
    expect(listed?.courses.map((c) => c.id)).toEqual([courseA]);
    const found = await t.app.requirements.get(ctx, id);
    expect(found?.history.map((h) => h.state)).toEqual(["upcoming", "in_force"]);
  });

  it("refuses a duplicate code, unknown courses, no course and numbers out of range", async () => {
    const make = (code: string, over: Partial<RequirementRules>) =>
      t.app.requirements.create(ctx, { code, title: "X", description: null, rules: rules(over) });
    expect((await refusal(make("SAFEGUARDING", {}))).field).toBe("code");
    expect((await refusal(make("NEW-1", { courseIds: [] }))).field).toBe("course_ids");
    expect(
      (await refusal(make("NEW-2", { courseIds: ["00000000-0000-4000-8000-000000000099"] }))).field,
    ).toBe("course_ids");
    expect((await refusal(make("NEW-3", { renewEveryMonths: 0 }))).field).toBe("renew_every_months");
    expect((await refusal(make("NEW-4", { dueWithinDays: 4000 }))).field).toBe("due_within_days");
    expect((await refusal(make("NEW-5", { personKinds: ["robot"] }))).field).toBe("person_kinds");
    expect((await refusal(make("NEW-6", { careerLevels: ["nope"] }))).field).toBe("career_levels");
    const codes = (await t.app.requirements.list(ctx)).map((r) => r.requirement.code);
    expect(codes.filter((c) => c.startsWith("NEW-"))).toEqual([]);
  });
});
