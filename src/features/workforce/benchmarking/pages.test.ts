import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csrfTokenFrom, csvUpload, formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { dfeMeasures } from "../measures/formulas.js";
import { benchmark, benchmarkMeasures } from "./benchmark.js";
import { DEMO_COMPARATORS, seedDemoBenchmarking } from "./demo.js";
import { loadIndicators } from "./indicators.js";
import { benchmarkSettings, saveBenchmarkSettings } from "./places.js";
import { file, ROWS_2024, ROWS_2025 } from "./test-fixture.js";

let t: TestApp;
let ctx: TenantContext;
let hr: string;
const run = <T>(work: (db: TenantDb) => Promise<T>) => t.app.platform.data.run(ctx, work);
const get = (url: string, cookie = hr) => t.app.inject({ url, headers: { cookie } });
const as = (role: string) => t.signIn({ roles: [{ role, unitId: null }] });

const small = file(
  ROWS_2025.england,
  ROWS_2025.east,
  ROWS_2025.essex,
  ROWS_2025.luton,
  ROWS_2025.suffolk,
  ROWS_2024.england,
  ROWS_2024.essexSuppressed,
);
const essexSettings = {
  laCode: "E10000012",
  leaNumber: "881",
  regionCode: "E12000006",
  comparatorCodes: ["E06000032", "E10000029"],
  workingDaysPerYear: 253,
};

// A small published file is loaded first, so the pages find indicators and do not load the
// repository's whole file (the loader's own tests do that).
beforeAll(async () => {
  t = await buildTestApp();
  ctx = { tenantId: t.tenantId, actor: { id: "user:test" } };
  await run((db) =>
    loadIndicators(db, { filename: "small.csv", content: small, trigger: "upload", createdBy: "t" }),
  );
  hr = await as("hr_workforce_analyst");
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await run((db) => db.deleteFrom("workforce_settings").execute());
});

describe("GET|POST /workforce/settings", () => {
  it("shows every error of an empty form and writes nothing", async () => {
    const res = await formPost(t.app, "/workforce/settings", hr, {});
    expect(res.statusCode).toBe(400);
    const page = html(res.body);
    const summary = page
      .querySelectorAll(".govuk-error-summary a")
      .map((a) => [a.getAttribute("href"), text(a)]);
    expect(summary).toEqual([
      ["#lea_number", "Enter your authority's LEA number, or select your authority from the list"],
      ["#region_code", "Select your authority's region"],
      ["#working_days_per_year", "Enter the working days in a year"],
    ]);
    expect(page.querySelector("#lea_number-error")).not.toBeNull();
    expect((await run(benchmarkSettings)).saved).toBe(false);
  });

  it("refuses an unknown authority, a bad LEA number, the authority as its own comparator and too many days", async () => {
    const res = await formPost(t.app, "/workforce/settings", hr, {
      la_code: "E99999999",
      working_days_per_year: "400",
    });
    expect(res.statusCode).toBe(400);
    expect(text(html(res.body).querySelector("#la_code-error"))).toContain(
      "Select your authority from the list",
    );
    expect(text(html(res.body).querySelector("#working_days_per_year-error"))).toContain("from 200 to 366");
    const own = await t.app.inject({
      method: "POST",
      url: "/workforce/settings",
      headers: { cookie: hr, "content-type": "application/x-www-form-urlencoded" },
      payload: `_csrf=${encodeURIComponent(await csrfTokenFrom(t.app, "/workforce/settings", hr))}&la_code=E10000012&comparator_codes=E10000012&comparator_codes=E06000032&working_days_per_year=253`,
    });
    expect(own.statusCode).toBe(400);
    const page = html(own.body);
    expect(text(page.querySelector("#comparator_codes-error"))).toContain("cannot be one of its comparators");
    // What was chosen is put back.
    expect(page.querySelector('input[value="E06000032"]')?.hasAttribute("checked")).toBe(true);
    const bad = await formPost(t.app, "/workforce/settings", hr, {
      lea_number: "99",
      region_code: "E12000006",
      working_days_per_year: "253",
    });
    expect(text(html(bad.body).querySelector("#lea_number-error"))).toContain("3 digits");
    expect((await run(benchmarkSettings)).saved).toBe(false);
  });

  it("sets the LEA number and region from the authority chosen, with its comparators", async () => {
    const token = await csrfTokenFrom(t.app, "/workforce/settings", hr);
    const res = await t.app.inject({
      method: "POST",
      url: "/workforce/settings",
      headers: { cookie: hr, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams([
        ["_csrf", token],
        ["la_code", "E10000012"],
        ["lea_number", ""],
        ["region_code", ""],
        ["comparator_codes", "E06000032"],
        ["comparator_codes", "E10000029"],
        ["working_days_per_year", "253"],
      ]).toString(),
    });
    expect(res.statusCode).toBe(303);
    expect(await run(benchmarkSettings)).toEqual({ ...essexSettings, saved: true });
    const page = html((await get("/workforce/settings")).body);
    expect(page.querySelector('#la_code option[value="E10000012"]')?.hasAttribute("selected")).toBe(true);
    expect(
      page.querySelectorAll('input[name="comparator_codes"][checked]').map((i) => i.getAttribute("value")),
    ).toEqual(["E06000032", "E10000029"]);
    // Saving again updates the one row.
    await formPost(t.app, "/workforce/settings", hr, {
      lea_number: "999",
      region_code: "E12000006",
      working_days_per_year: "250",
    });
    const rows = await run((db) => db.selectFrom("workforce_settings").selectAll().execute());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      la_code: null,
      lea_number: "999",
      region_code: "E12000006",
      working_days_per_year: 250,
    });
  });
});

describe("GET /workforce/benchmarking", () => {
  it("shows the authority beside England, its region and comparators, from the published rows", async () => {
    await run((db) => saveBenchmarkSettings(db, essexSettings, "t"));
    const res = await get("/workforce/benchmarking?measure=turnover");
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(text(page.querySelector("h1"))).toBe("Turnover rate (FTE)");
    const heads = page.querySelectorAll("[data-benchmark-table] thead th").map(text);
    const col2025 = heads.indexOf("2025");
    const col2024 = heads.indexOf("2024");
    expect(heads[1]).toBe("2017");
    const cell = (series: string, col: number) =>
      text(page.querySelectorAll(`tr[data-series="${series}"]`)[0]?.querySelectorAll("th, td")[col]);
    expect(cell("authority", col2025)).toBe("8.4%");
    expect(cell("england", col2025)).toBe("11.8%");
    expect(cell("region", col2025)).toBe("11.5%");
    expect(cell("england", col2024)).toBe("13.9%");
    expect(cell("authority", col2024)).toBe("– no figure"); // "x" in the DfE's file
    expect(page.querySelector('tr[data-series="authority"] td[data-source="computed"]')).toBeNull();
    expect(text(page.querySelector("[data-headline]"))).toBe(
      "In 2025, Test Borough Council's turnover rate (FTE) was 8.4%: below England's 11.8% and below East of England's 11.5%.",
    );
    // The chart draws the same series as the table's rows, in the same order.
    const chart = page.querySelector('[data-chart="benchmark"]');
    expect(chart).not.toBeNull();
    const legend = chart?.querySelectorAll(".app-chart__legend li").map(text);
    const tableNames = page
      .querySelectorAll("[data-benchmark-table] tbody tr")
      .map((r) => text(r.querySelector("th")).replace(/ (Your authority|Region|Comparator)$/, ""));
    expect(legend).toEqual(["Test Borough Council", "England", "East of England", "Luton", "Suffolk"]);
    expect(tableNames).toEqual(legend);
    expect(chart?.querySelectorAll("path")).toHaveLength(5);
  });

  it("switches measure by link and answers 404 for an unknown one", async () => {
    await run((db) => saveBenchmarkSettings(db, essexSettings, "t"));
    const page = html((await get("/workforce/benchmarking?measure=caseload")).body);
    expect(page.querySelectorAll("[data-measures] a").map((a) => a.getAttribute("href"))).toHaveLength(5);
    const heads = page.querySelectorAll("[data-benchmark-table] thead th").map(text);
    const row = page.querySelector('tr[data-series="england"]');
    expect(text(row?.querySelectorAll("th, td")[heads.indexOf("2025")])).toBe("15.2");
    expect((await get("/workforce/benchmarking?measure=nonsense")).statusCode).toBe(404);
  });

  it("exports every series and year as CSV and Excel", async () => {
    await run((db) => saveBenchmarkSettings(db, essexSettings, "t"));
    const csv = await get("/workforce/benchmarking?measure=absence&format=csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("Series,Kind,Area code,Year,Sickness absence rate,Source");
    expect(lines).toContain("England,England,,2025,3.5,Published by the DfE");
    expect(lines).toContain("Test Borough Council,Your authority,E10000012,2025,3,Published by the DfE");
    expect(lines).toContain("Suffolk,Comparator,E10000029,2025,3.5,Published by the DfE");
    expect(lines).toHaveLength(1 + 5 * 9); // five series, 2017 to 2025
    const xlsx = await get("/workforce/benchmarking?measure=absence&format=xlsx");
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
  });

  it("takes the authority's own figures from the platform's records where the DfE has none", async () => {
    // A council not in the files (like the demo's): its series is what the measures area computes.
    const settings = { ...essexSettings, laCode: null, leaNumber: "999" };
    const computed = new Map([
      [
        2026,
        dfeMeasures({
          inpostFte: 90,
          inpostHeadcount: 95,
          startersFte: 10,
          startersHeadcount: 10,
          leaversFte: 9,
          leaversHeadcount: 9,
          agencyFte: 10,
          agencyHeadcount: 10,
          agencyCoverFte: 8,
          vacancyFte: 10,
          caseHoldersFte: 60,
          cases: 900,
          workingDaysLost: 2277,
        }),
      ],
    ]);
    const result = await run((db) =>
      benchmark(db, {
        measure: benchmarkMeasures[0],
        settings: { ...settings, saved: true },
        authorityName: "Demo Council",
        computed,
      }),
    );
    expect(result.years).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    const own = result.series[0];
    expect(own?.values.at(-1)).toBe(10);
    expect(own?.sources.at(-1)).toBe("computed");
    expect(own?.values.slice(0, -1).every((v) => v === null)).toBe(true);
    expect(result.series.map((s) => s.kind)).toEqual([
      "authority",
      "england",
      "region",
      "comparator",
      "comparator",
    ]);
  });
});

describe("GET|POST /workforce/benchmarking/indicators", () => {
  it("shows what is loaded, refuses no file, a wrong type or missing columns, and reports refused rows", async () => {
    const page = html((await get("/workforce/benchmarking/indicators")).body);
    expect(text(page.querySelector("[data-indicators-loaded]"))).toContain("2024 to 2025");
    const url = "/workforce/benchmarking/indicators";
    const none = await t.app.inject({
      method: "POST",
      url,
      headers: { cookie: hr, "content-type": "multipart/form-data; boundary=b" },
      payload: `--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${await csrfTokenFrom(t.app, url, hr)}\r\n--b--\r\n`,
    });
    expect(none.statusCode).toBe(400);
    expect(text(html(none.body).querySelector("#file-error"))).toContain("Select a CSV file");
    const wrongType = await csvUpload(t.app, url, hr, small, { filename: "indicators.xlsx" });
    expect(text(html(wrongType.body).querySelector("#file-error"))).toContain(
      "The selected file must be a CSV",
    );
    const columns = await csvUpload(t.app, url, hr, "time_period,geographic_level\n2026,National\n");
    expect(columns.statusCode).toBe(400);
    expect(text(html(columns.body).querySelector("#file-error"))).toContain("must have the DfE's columns");

    const newer = file(
      ROWS_2025.england.replace(/^2025/, "2026"),
      ROWS_2025.essex.replace(/^2025/, "2026").replace(",E10000012,", ",E1000001,"),
    );
    const res = await csvUpload(t.app, url, hr, newer, { filename: "csww_indicators_2017_to_2026.csv" });
    expect(res.statusCode).toBe(303);
    const after = html((await get(url)).body);
    expect(text(after.querySelector("[data-indicators-loaded]"))).toContain("2024 to 2026");
    expect(after.querySelectorAll("[data-refused-rows] tbody tr").map(text)).toEqual([
      "3 new_la_code must be a code like E10000012",
    ]);
    const again = await csvUpload(t.app, url, hr, newer);
    expect(again.statusCode).toBe(303);
    const notice = html((await get(url)).body);
    expect(text(notice.querySelector(".govuk-notification-banner"))).toContain(
      "loaded before: nothing has changed",
    );
  });
});

describe("permissions", () => {
  it("lets those with workforce.view see the page, and only HR change settings or load files", async () => {
    const manager = await as("line_manager");
    const practitioner = await as("practitioner");
    expect((await get("/workforce/benchmarking", manager)).statusCode).toBe(200);
    expect((await get("/workforce/benchmarking", practitioner)).statusCode).toBe(403);
    expect((await get("/workforce/settings", manager)).statusCode).toBe(403);
    expect((await get("/workforce/benchmarking/indicators", manager)).statusCode).toBe(403);
    const signedOut = await t.app.inject({ url: "/workforce/benchmarking" });
    expect(signedOut.statusCode).toBe(302);
    const post = await t.app.inject({
      method: "POST",
      url: "/workforce/settings",
      headers: { cookie: manager, "content-type": "application/x-www-form-urlencoded" },
      payload: "working_days_per_year=253",
    });
    expect(post.statusCode).toBe(403);
  });
});

// Last: it adds people to the council.
describe("seedDemoBenchmarking", () => {
  it("fills the comparators of a settings row the census seed made first, and is idempotent", async () => {
    await seedPeopleFixture(t.app, t.tenantId);
    await run((db) =>
      db.insertInto("workforce_settings").values({ lea_number: "999", updated_by: "system:demo" }).execute(),
    );
    await seedDemoBenchmarking(t.app);
    await seedDemoBenchmarking(t.app);
    const rows = await run((db) => db.selectFrom("workforce_settings").selectAll().execute());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      la_code: null,
      lea_number: "999",
      region_code: "E12000006",
      comparator_codes: DEMO_COMPARATORS,
    });
    // The small file loaded before stays: indicators are only loaded for a council without any.
    const runs = await run((db) => db.selectFrom("workforce_feed_runs").select("filename").execute());
    expect(runs.map((r) => r.filename)).not.toContain("csww_indicators_2017_to_2025.csv");
  });

  it("makes the demo council's settings when it has none", async () => {
    await seedDemoBenchmarking(t.app);
    expect(await run(benchmarkSettings)).toEqual({
      laCode: null,
      leaNumber: "999",
      regionCode: "E12000006",
      comparatorCodes: DEMO_COMPARATORS,
      workingDaysPerYear: 253,
      saved: true,
    });
  });
});
