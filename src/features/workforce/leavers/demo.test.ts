import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { seedDemoStayConversations } from "./demo.js";
import { seedLeaversFixture } from "./test-fixture.js";

/** The demo's stay conversations on the leavers fixture (today 23 November 2026), Mo as the demo line manager. */
describe("seedDemoStayConversations", () => {
  let t: TestApp;
  let id: Record<string, string>;

  beforeAll(async () => {
    t = await buildTestApp();
    const f = await seedLeaversFixture(t);
    id = f.id;
    await t.app.platform.data.run(f.ctx, async (db) => {
      await db.deleteFrom("stay_conversations").execute();
      // The leavers' last assignments were managed by Mo; one leaving has no exit themes.
      await db
        .updateTable("assignments")
        .set({ line_manager_person_id: id.mo as string })
        .where("person_id", "in", [id.lev4, id.lev5, id.lev6] as string[])
        .execute();
      await t.app.auth.createUser(db, {
        email: "line.manager@demo.test",
        displayName: "Mo Test",
        personId: id.mo as string,
        roles: [{ role: "line_manager", unitId: null }],
      });
    });
    await seedDemoStayConversations(t.app);
    await seedDemoStayConversations(t.app);
  });
  afterAll(() => t.close());

  it("adds conversations once, held by line managers; those who left are real leavers", async () => {
    const rows = await t.database.db
      .selectFrom("stay_conversations")
      .select(["person_id", "held_by_person_id", "held_on", "outcome", "themes"])
      .orderBy("held_on")
      .execute();
    const left = rows.filter((r) => r.outcome === "left");
    expect(left.map((r) => r.person_id).sort()).toEqual([id.lev4, id.lev5, id.lev6].sort());
    const leavings = await t.database.db.selectFrom("leavings").select(["person_id", "left_on"]).execute();
    for (const r of left) {
      const leaving = leavings.find((l) => l.person_id === r.person_id);
      expect(leaving).toBeDefined();
      expect(r.held_on < (leaving?.left_on ?? "")).toBe(true);
    }
    // Mo's team (Rae, Stu, Sue) has conversations held by Mo; the first is "staying".
    const team = rows.filter((r) => [id.rae, id.stu, id.sue].includes(r.person_id));
    expect(team.length).toBeGreaterThanOrEqual(1);
    expect(team.every((r) => r.held_by_person_id === id.mo)).toBe(true);
    expect(rows.every((r) => r.held_by_person_id !== null && r.themes.length > 0)).toBe(true);
    expect(rows.length).toBe(left.length + team.length);
    expect(new Set(rows.map((r) => r.outcome)).size).toBeGreaterThanOrEqual(3);
  });
});
