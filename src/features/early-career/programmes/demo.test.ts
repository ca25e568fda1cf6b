import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { html, text } from "../../../../test/support/html.js";
import { seedDemoCatalogue } from "../../learning/demo/seed.js";
import { demoCoreCourseCodes, seedDemoProgrammes } from "./demo.js";

describe("the demo programmes", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await seedDemoCatalogue(t.app);
  });
  afterAll(() => t.close());

  it("ships both templates, sets the ASYE to the demo council's targets and fills the survey report, once", async () => {
    await seedDemoProgrammes(t.app);
    await seedDemoProgrammes(t.app);
    const ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
    const list = await t.app.earlyCareerProgrammes.list(ctx);
    expect(list.map((p) => [p.code, p.version])).toEqual([
      ["ASYE", 2],
      ["ECDP", 1],
    ]);
    const asye = await t.app.earlyCareerProgrammes.currentVersion(ctx, list[0]?.id ?? "");
    expect([
      asye?.protectedCaseloadChildren,
      asye?.protectedCaseloadPercent,
      asye?.protectedTimePercent,
    ]).toEqual([14, null, 10]);
    expect(asye?.coreCourseIds).toHaveLength(demoCoreCourseCodes.length);

    const cookie = await t.signIn({ roles: [{ role: "asye_coordinator", unitId: null }] });
    const view = html(
      (await t.app.inject({ url: `/early-career/programmes/${list[0]?.id}`, headers: { cookie } })).body,
    );
    expect(view.querySelectorAll('[data-list="courses"] li')).toHaveLength(demoCoreCourseCodes.length);
    expect(text(view.querySelector('[data-list="protection"]'))).toContain("no more than 14 children");

    const report = html(
      (await t.app.inject({ url: "/early-career/survey/report", headers: { cookie } })).body,
    );
    const group = report.querySelector(
      '[data-group="Assessed and Supported Year in Employment 2025 to 2026"]',
    );
    expect(text(group)).toContain("6 responses");
    expect(group?.querySelector('[data-suppressed="true"]')).toBeNull();
  });
});
