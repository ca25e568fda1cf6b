import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { seedDemoCatalogue } from "../demo/seed.js";
import { seedDemoElearning } from "./demo.js";

/** The demo's year of e-learning completions, imported through the service. */
describe("demo e-learning completions", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
    await seedPeopleFixture(t.app, t.tenantId, { fillers: 30 });
    await t.app.platform.data.run({ tenantId: t.tenantId, actor: { id: "system:test" } }, (db) =>
      db
        .updateTable("people")
        .set({
          employee_number: sql`'F' || substr(given_name, 7)`,
          email: sql`lower(given_name) || '.filler@example.org'`,
        })
        .where("family_name", "=", "Filler")
        .execute(),
    );
    await seedDemoCatalogue(t.app);
  });
  afterAll(() => t.close());

  const runs = () =>
    t.database.db
      .selectFrom("learning_elearning_runs")
      .select(["filename", "trigger", "counts"])
      .orderBy("filename")
      .execute();

  it("imports a file a month for a year, mapping the platform's titles, and adds nothing when run again", async () => {
    const added = await seedDemoElearning(t.app);
    expect(added).toBeGreaterThan(20);
    const made = await runs();
    expect(made.map((r) => r.filename)).toEqual(
      Array.from({ length: 12 }, (_, i) => {
        const d = new Date(Date.UTC(2025, 10 + i, 1));
        return `elearning-completions-${d.toISOString().slice(0, 7)}.csv`;
      }),
    );
    expect(made.slice(-2).map((r) => r.trigger)).toEqual(["folder", "folder"]);
    expect(made.every((r) => (r.counts.unmatchedPeople ?? 0) >= 1)).toBe(true);
    expect(made.reduce((n, r) => n + (r.counts.imported ?? 0), 0)).toBe(added);
    const titles = await t.database.db
      .selectFrom("learning_elearning_titles")
      .select(["title", "course_id"])
      .orderBy("title")
      .execute();
    expect(titles.filter((x) => x.course_id === null).map((x) => x.title)).toEqual([
      "Cyber Security Awareness 2026",
    ]);
    expect(titles.filter((x) => x.course_id !== null)).toHaveLength(2);

    expect(await seedDemoElearning(t.app)).toBe(0);
    expect(await runs()).toHaveLength(12);
  });
});
