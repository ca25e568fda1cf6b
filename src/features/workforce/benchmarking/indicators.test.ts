import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../../test/support/database.js";
import { TestClock } from "../../../platform/clock.js";
import type { DatabaseHandle } from "../../../platform/db/connection.js";
import { RuleError } from "../../../platform/forms/rule-error.js";
import { DataAccess, type TenantContext, type TenantDb } from "../../../platform/tenancy/data-access.js";
import { seedBenchmarkingWith } from "./demo.js";
import { ensurePublishedIndicators, loadIndicators } from "./indicators.js";
import { file, ROWS_2024, ROWS_2025 } from "./test-fixture.js";

let database: DatabaseHandle;
let data: DataAccess;
let ctx: TenantContext;
const run = <T>(work: (db: TenantDb) => Promise<T>) => data.run(ctx, work);
const load = (content: string, filename = "indicators.csv") =>
  run((db) => loadIndicators(db, { filename, content, trigger: "upload", createdBy: "user:test" }));
const row = (year: number, code: string) =>
  run((db) =>
    db
      .selectFrom("dfe_indicators")
      .selectAll()
      .where("time_period", "=", year)
      .where("area_code", "=", code)
      .executeTakeFirstOrThrow(),
  );
const clear = () =>
  run(async (db) => {
    await db.deleteFrom("dfe_indicators").execute();
    await db.deleteFrom("workforce_feed_runs").execute();
    await db.deleteFrom("workforce_settings").execute();
  });

// The loader needs only the database: no app (quicker, and independent of other areas' routes).
beforeAll(async () => {
  database = await openTestDatabase();
  data = new DataAccess(database.db, new TestClock("2026-11-23T09:00:00Z"));
  const tenant = await database.db
    .insertInto("tenants")
    .values({ slug: "test", name: "Test Borough Council" })
    .returning("id")
    .executeTakeFirstOrThrow();
  ctx = { tenantId: tenant.id, actor: { id: "user:test" } };
});
afterAll(async () => {
  await database.close();
});

describe("loadIndicators", () => {
  it("keeps suppressed and missing cells as null, and reports a bad row with the rest kept", async () => {
    await clear();
    const bad = ROWS_2025.luton.replace(",166.9,", ",lots,");
    const result = await load(
      file(ROWS_2025.england, ROWS_2024.essexSuppressed, bad, "2025,Reporting year,Ward,E92000001,England"),
    );
    expect(result).toMatchObject({ sameFile: false, rowsTotal: 4, rowsApplied: 2, rowsRejected: 2 });
    expect(result.report).toEqual([
      {
        row: 4,
        outcome: "rejected",
        message: "inpost_fte must be a number or a suppression symbol (x, c, z)",
      },
      {
        row: 5,
        outcome: "rejected",
        message: "geographic_level must be National, Regional or Local authority",
      },
    ]);
    const england = await row(2025, "E92000001");
    expect(england).toMatchObject({ geographic_level: "National", area_name: "England", region_code: null });
    expect(Number(england.turnover_rate_fte)).toBe(11.8);
    expect(Number(england.cases)).toBe(321661);
    const essex = await row(2024, "E10000012");
    expect(essex).toMatchObject({
      geographic_level: "Local authority",
      region_code: "E12000006",
      old_la_code: "881",
    });
    expect(Number(essex.inpost_fte)).toBe(870.1);
    for (const c of [
      "starters_fte",
      "leavers_fte",
      "turnover_rate_fte",
      "turnover_rate_headcount",
      "agency_fte",
      "agency_headcount",
      "agency_rate_fte",
      "agency_rate_headcount",
      "agency_cover_fte",
    ] as const)
      expect(essex[c], c).toBeNull();
    const runs = await run((db) => db.selectFrom("workforce_feed_runs").selectAll().execute());
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      kind: "indicators",
      trigger: "upload",
      rows_applied: 2,
      rows_rejected: 2,
    });
  });

  it("recognises the same file by sha256 and changes nothing", async () => {
    await clear();
    const content = file(ROWS_2025.england, ROWS_2025.essex);
    const first = await load(content);
    await run((db) => db.updateTable("dfe_indicators").set({ turnover_rate_fte: 99 }).execute());
    const again = await load(content, "renamed.csv");
    expect(again).toMatchObject({ sameFile: true, feedRunId: first.feedRunId, rowsApplied: 2 });
    // Nothing was loaded again: the figure changed by hand stays as it is.
    expect(Number((await row(2025, "E92000001")).turnover_rate_fte)).toBe(99);
    const runs = await run((db) => db.selectFrom("workforce_feed_runs").select("id").execute());
    expect(runs).toHaveLength(1);
  });

  it("adds a later year's rows, leaves the same rows alone and updates a revised figure", async () => {
    await clear();
    await load(file(ROWS_2025.england, ROWS_2025.essex));
    const later = file(
      ROWS_2025.england,
      ROWS_2025.essex.replace(",8.4,8.4,", ",8.5,8.4,"), // a revised 2025 figure
      ROWS_2025.england.replace(/^2025/, "2026").replace(",11.8,", ",10.9,"),
      ROWS_2025.suffolk.replace(/^2025/, "2026"),
    );
    const result = await load(later, "csww_indicators_2017_to_2026.csv");
    expect(result).toMatchObject({
      sameFile: false,
      rowsTotal: 4,
      rowsApplied: 3,
      rowsUnchanged: 1,
      rowsRejected: 0,
    });
    expect(Number((await row(2026, "E92000001")).turnover_rate_fte)).toBe(10.9);
    expect(Number((await row(2025, "E10000012")).turnover_rate_fte)).toBe(8.5);
    const count = await run((db) =>
      db
        .selectFrom("dfe_indicators")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow(),
    );
    expect(Number(count.n)).toBe(4);
  });

  it("refuses a file without the DfE's columns, writing nothing", async () => {
    await clear();
    await expect(load("time_period,geographic_level\n2025,National")).rejects.toThrow(RuleError);
    await expect(load("time_period,geographic_level\n2025,National")).rejects.toThrow(
      /must have the DfE's columns: country_code, country_name, region_code, region_name, old_la_code and 24 more are missing/,
    );
    const runs = await run((db) => db.selectFrom("workforce_feed_runs").select("id").execute());
    expect(runs).toHaveLength(0);
  });
});

describe("the published file kept in the repository", () => {
  it("loads all of it once, quickly, in one go; the demo seed makes no settings for a council without people", async () => {
    await clear();
    const started = performance.now();
    await ensurePublishedIndicators(data, ctx);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(10_000);
    const summary = await run((db) =>
      db
        .selectFrom("dfe_indicators")
        .select(["geographic_level", (eb) => eb.fn.countAll<string>().as("n")])
        .groupBy("geographic_level")
        .orderBy("geographic_level")
        .execute(),
    );
    expect(summary.map((s) => [s.geographic_level, Number(s.n)])).toEqual([
      ["Local authority", 1355],
      ["National", 9],
      ["Regional", 99],
    ]);
    const runs = await run((db) => db.selectFrom("workforce_feed_runs").selectAll().execute());
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      trigger: "feed",
      rows_total: 1463,
      rows_applied: 1463,
      rows_rejected: 0,
    });
    // Two authorities reporting together keep their joint code; a "u" cell is no figure.
    expect((await row(2025, "E06000061 / E06000062")).old_la_code).toBe("940 / 941");
    expect((await row(2024, "E08000025")).agency_fte).toBeNull();
    expect(Number((await row(2025, "E92000001")).absence_rate_fte)).toBe(3.5);

    // Again: nothing to do.
    await ensurePublishedIndicators(data, ctx);
    await seedBenchmarkingWith(data);
    expect(await run((db) => db.selectFrom("workforce_feed_runs").select("id").execute())).toHaveLength(1);
    // The test council has no people, so it is not a demo council: no settings are made for it.
    expect(await run((db) => db.selectFrom("workforce_settings").select("id").execute())).toHaveLength(0);
  });
});
