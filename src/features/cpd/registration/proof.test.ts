import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { tenantScope } from "../../../platform/auth/principal.js";
import { seedDemoRegistration } from "./demo.js";
import { registrationYearEnding } from "./readiness.js";
import { addEntries, type EntryFixture, setRegistration } from "./test-support.js";

/**
 * The team page's set-based query gives the same state as the pure rules, person by person, on
 * the hand-worked cases (one filler each), for the year 2025 to 2026 and the next.
 */
const cases: { first: string | null; status?: string; entries: EntryFixture[] }[] = [
  {
    first: "2015-01-01",
    entries: [
      { on: "2026-11-30", title: "A", peer: true },
      { on: "2026-12-01", title: "B" },
    ],
  },
  {
    first: "2015-01-01",
    entries: [
      { on: "2026-03-01", title: "A", status: "draft", peer: true },
      { on: "2026-03-02", title: "B", status: "draft" },
    ],
  },
  {
    first: "2015-01-01",
    entries: [
      { on: "2026-03-01", title: "Court skills", peer: true },
      { on: "2026-06-01", title: " court SKILLS" },
    ],
  },
  {
    first: "2015-01-01",
    entries: [
      { on: "2026-03-01", title: "Court skills" },
      { on: "2026-06-01", title: "court skills", peer: true },
      { on: "2026-07-01", title: "Reading" },
    ],
  },
  { first: "2026-09-02", entries: [] },
  { first: "2026-08-31", entries: [{ on: "2026-09-10", title: "A", peer: true }] },
  { first: "2015-01-01", status: "suspended", entries: [] },
  {
    first: "2015-01-01",
    status: "removed",
    entries: [
      { on: "2026-03-01", title: "A", peer: true },
      { on: "2026-03-02", title: "B" },
    ],
  },
  {
    first: "2015-01-01",
    entries: [
      { on: "2026-03-01", title: "A", peer: true },
      { on: "2026-03-02", title: "B" },
    ],
  },
  {
    first: "2015-01-01",
    entries: [
      { on: "2026-03-01", title: "A" },
      { on: "2026-03-02", title: "B" },
    ],
  },
  {
    first: null,
    status: "registered_with_conditions",
    entries: [
      { on: "2025-12-01", title: "A", peer: true },
      { on: "2026-11-30", title: "B" },
    ],
  },
];

describe("readiness: the query agrees with the rules", () => {
  let t: TestApp;
  let f: PeopleFixture;

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId, { fillers: cases.length });
    for (const [i, c] of cases.entries()) {
      const personId = f.id[`filler${i + 1}`] as string;
      await setRegistration(t.app, f.ctx, personId, {
        number: `SW${9000 + i}`,
        status: c.status ?? "registered",
        first: c.first,
      });
      await addEntries(t.app, f.ctx, personId, c.entries);
    }
  });
  afterAll(() => t.close());

  it.each([2026, 2027])("for the year ending in %i", async (endYear) => {
    const year = registrationYearEnding(endYear);
    const service = t.app.cpdRegistration;
    const rows = await service.teamReadinessAll(
      f.ctx,
      tenantScope,
      { unitIds: [f.id.S2 as string], state: null },
      year,
    );
    expect(rows).toHaveLength(cases.length);
    for (const row of rows) {
      const pure = await service.personReadiness(f.ctx, row.personId, year);
      expect({ person: row.name, state: row.state, pieces: row.pieces, peer: row.peer }).toEqual({
        person: row.name,
        state: pure?.readiness.state,
        pieces: pure?.readiness.pieces,
        peer: pure?.readiness.peerReflection,
      });
    }
    if (endYear === 2026) {
      expect(rows.map((r) => r.state).sort()).toEqual(
        [
          "met",
          "met",
          "met",
          "not_met",
          "not_met",
          "not_met",
          "not_met",
          "not_met",
          "not_required",
          "suspended",
          "suspended",
        ].sort(),
      );
    }
  });

  it("seeds the demo's register checks once, with one suspended and one removed", async () => {
    expect(await seedDemoRegistration(t.app)).toBe(cases.length - 2 + 1);
    expect(await seedDemoRegistration(t.app)).toBe(0);
    const statuses = await t.database.db
      .selectFrom("cpd_register_checks")
      .select(["status", "source"])
      .where("source", "=", "manual")
      .orderBy("status")
      .execute();
    expect(statuses).toEqual([
      { status: "removed", source: "manual" },
      { status: "suspended", source: "manual" },
    ]);
  });
});
