import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";

let t: TestApp;
let f: PeopleFixture;
const run = <T>(fn: (db: TenantDb) => Promise<T>) => t.app.platform.data.run(f.ctx, fn);
const csv = (head: string, ...rows: string[]) => Buffer.from([head, ...rows].join("\n"), "utf8");

beforeEach(async () => {
  t = await buildTestApp();
  f = await seedPeopleFixture(t.app, t.tenantId);
});
afterEach(() => t.close());

describe("sickness absence", () => {
  const HEAD = "Employee ID,Period start,Period end,Working days lost";
  const importAbsence = (content: Buffer) =>
    t.app.workforceFeeds.importAbsence(f.ctx, { filename: "absence.csv", content, trigger: "feed" });
  const absences = () =>
    run((db) =>
      db
        .selectFrom("sickness_absences")
        .select(["person_id", "period_from", "period_to", "working_days_lost"])
        .orderBy("period_from")
        .execute(),
    );

  it("matches by HR's id or the employee number, replaces a changed figure and refuses bad rows", async () => {
    const first = await importAbsence(
      csv(
        HEAD,
        "HR-0005,2026-10-01,2026-10-31,2.5", // Eve by HR's id
        "E001,01/10/2026,31/10/2026,0", // Alice by employee number
        "E404,2026-10-01,2026-10-31,1", // nobody
        "E001,2026-10-31,2026-10-01,1", // end before start
        "E001,2026-11-01,2026-11-03,5", // more days than the period has
        "HR-0005,2026-10-15,2026-11-15,1", // overlaps Eve's October
        "E005,2026-10-01,2026-10-31,3", // Eve again, same period in the file
      ),
    );
    expect(first).toMatchObject({ applied: 2, unchanged: 0, rejected: 5 });
    const report = await t.app.workforceFeeds.run(f.ctx, first.runId);
    expect(report?.report.map((r) => [r.row, r.message])).toEqual([
      [4, "No one has the employee ID E404"],
      [5, "Period end must be the same as or after the period start"],
      [6, "Working days lost cannot be more than the days in the period"],
      [
        7,
        "The period overlaps the period 1 October 2026 to 31 October 2026 already recorded for this person",
      ],
      [8, "The same person and period are on row 2"],
    ]);
    expect((await absences()).map((a) => [a.person_id, Number(a.working_days_lost)])).toEqual([
      [f.id.eve, 2.5],
      [f.id.alice, 0],
    ]);

    // The same period with a new figure replaces it; the same figure is unchanged.
    const second = await importAbsence(
      csv(HEAD, "HR-0005,2026-10-01,2026-10-31,4", "E001,2026-10-01,2026-10-31,0.00"),
    );
    expect(second).toMatchObject({ applied: 1, unchanged: 1, rejected: 0 });
    const held = await absences();
    expect(held).toHaveLength(2);
    expect(Number(held.find((a) => a.person_id === f.id.eve)?.working_days_lost)).toBe(4);
  });
});

describe("stability", () => {
  const HEAD = "Census year,Team code,Children,Children with 3 or more social workers";
  const importStability = (content: Buffer) =>
    t.app.workforceFeeds.importStability(f.ctx, { filename: "stability.csv", content, trigger: "upload" });
  const figures = () =>
    run((db) =>
      db
        .selectFrom("stability_figures")
        .select(["census_year", "org_unit_id", "children", "children_three_plus"])
        .orderBy("census_year")
        .orderBy("org_unit_id")
        .execute(),
    );

  it("upserts a figure per year and team (blank: the whole authority)", async () => {
    const first = await importStability(
      csv(HEAD, "2026,,1840,212", "2026,T1,230,31", "2026,T9,10,1", "2025,,100,101", "2026,,1,0"),
    );
    expect(first).toMatchObject({ applied: 2, rejected: 3 });
    const report = await t.app.workforceFeeds.run(f.ctx, first.runId);
    expect(report?.report.map((r) => [r.row, r.message])).toEqual([
      [4, "No team has the code T9"],
      [5, "Children with 3 or more social workers cannot be more than the children"],
      [6, "The same year and team are on row 2"],
    ]);
    const second = await importStability(csv(HEAD, "2026,,1850,215", "2026,T1,230,31", "2025,,1700,190"));
    expect(second).toMatchObject({ applied: 2, unchanged: 1, rejected: 0 });
    expect(await figures()).toEqual([
      { census_year: 2025, org_unit_id: null, children: 1700, children_three_plus: 190 },
      { census_year: 2026, org_unit_id: f.id.T1, children: 230, children_three_plus: 31 },
      { census_year: 2026, org_unit_id: null, children: 1850, children_three_plus: 215 },
    ]);
  });
});
