import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { seedDemoCatalogue } from "../demo/seed.js";
import { seedDemoSessions } from "./demo.js";
import { londonWallClock } from "./times.js";

describe("the demo's sessions", () => {
  let t: TestApp;
  let ctx: TenantContext;
  beforeAll(async () => {
    t = await buildTestApp();
    ctx = { tenantId: t.tenantId, actor: { id: "system:demo" } };
    await seedDemoCatalogue(t.app);
  });
  afterAll(() => t.close());

  it("spreads sessions over the demo year on weekdays, once", async () => {
    const made = await seedDemoSessions(t.app, ctx);
    expect(made).toBeGreaterThanOrEqual(60);
    expect(made).toBeLessThanOrEqual(120);
    const parts = await t.database.db
      .selectFrom("learning_session_parts")
      .select(["starts_at", "ends_at"])
      .execute();
    const days = parts.map((p) => londonWallClock(p.starts_at).date).sort();
    expect(days.every((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))).toBe(true);
    expect(days[0] && days[0] < "2026-11-01").toBe(true);
    expect(days[days.length - 1] && (days[days.length - 1] as string) > "2027-07-31").toBe(true);
    const sessions = await t.database.db.selectFrom("learning_sessions").selectAll().execute();
    expect(sessions.some((s) => s.online_link?.startsWith("https://teams.microsoft.com/"))).toBe(true);
    expect(sessions.some((s) => s.venue === "Origin One")).toBe(true);
    expect(await seedDemoSessions(t.app, ctx)).toBe(0);
  });
});
