import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { seedDemoCpdLog } from "./demo.js";

describe("seedDemoCpdLog", () => {
  let t: TestApp;
  let f: PeopleFixture;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId);
    // Dan becomes a registered social worker too; Alice is the practitioner account's person
    // (the first permanent social worker by name, as the demo users choose).
    await t.app.platform.data.run(f.ctx, (db) =>
      db
        .updateTable("people")
        .set({ swe_number: "SW2002" })
        .where("id", "=", f.id.dan as string)
        .execute(),
    );
  });
  afterAll(() => t.close());

  it("gives the practitioner one final entry this year without a peer reflection, others three years, once", async () => {
    const added = await seedDemoCpdLog(t.app);
    expect(added).toBeGreaterThan(5);
    const alice = await t.database.db
      .selectFrom("cpd_entries")
      .selectAll()
      .where("person_id", "=", f.id.alice as string)
      .where("entry_on", ">=", "2025-12-01")
      .execute();
    expect(alice).toHaveLength(1);
    expect(alice[0]).toMatchObject({ status: "final", peer_name: null });
    const dan = await t.database.db
      .selectFrom("cpd_entries")
      .select(["entry_on", "status"])
      .where("person_id", "=", f.id.dan as string)
      .execute();
    expect(dan.some((e) => e.entry_on < "2024-12-01")).toBe(true);
    expect(dan.every((e) => e.entry_on <= "2026-11-23")).toBe(true);
    expect(await seedDemoCpdLog(t.app)).toBe(0);
  });
});
