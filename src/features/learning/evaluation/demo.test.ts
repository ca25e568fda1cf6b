import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { tenantScope } from "../../../platform/auth/principal.js";
import { seedDemoLearning } from "../demo/seed.js";
import { seedDemoEvaluations } from "./demo.js";

/** The demo's evaluations: answers for the requests the demo's past registers made. */
describe("demo evaluations", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
    await seedPeopleFixture(t.app, t.tenantId, { fillers: 30 });
    await seedDemoLearning(t.app);
  });
  afterAll(() => t.close());

  const ctx = () => ({ tenantId: t.tenantId, actor: { id: "system:test" } });

  it("answers about seven in ten past requests (as part of the learning demo), marks them invited, and does nothing the second time", async () => {
    const requests = await t.database.db
      .selectFrom("learning_evaluations")
      .select(["id", "answered_at"])
      .execute();
    expect(requests.length).toBeGreaterThan(20);
    const answered = requests.filter((r) => r.answered_at !== null).length;
    expect(answered / requests.length).toBeGreaterThan(0.5);
    expect(answered / requests.length).toBeLessThan(0.9);
    const due = await t.database.db
      .selectFrom("learning_evaluations")
      .select("id")
      .where("invitation", "=", "due")
      .where("attended_on", "<", t.app.evaluations.today())
      .execute();
    expect(due).toHaveLength(0);
    expect(await seedDemoEvaluations(t.app)).toBe(0);

    // The jobs send nothing for the demo's history.
    const sent = await t.app.evaluations.sendEmails(ctx(), "invitations");
    expect(sent.sent).toBe(0);

    const today = t.app.evaluations.today();
    const rows = await t.app.evaluations.report(ctx(), tenantScope, "tier", {
      from: "2000-01-01",
      to: today,
    });
    const core = rows.find((r) => r.meanRating !== null);
    expect(core?.meanRating).toBeGreaterThanOrEqual(1);
    expect(core?.meanRating).toBeLessThanOrEqual(5);
  });
});
