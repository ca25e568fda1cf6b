import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html } from "../../../../test/support/html.js";
import { seedDemoCaseloads } from "../../caseloads/demo.js";
import { seedDemoIfEmpty } from "../../people/demo/seed-demo.js";
import { type DemoCensusResult, seedDemoCensus } from "./demo.js";
import { SPECS_DIR } from "./specifications.js";
import { xmllint } from "./xmllint.js";

/** The demo council (a generated authority of 200 staff, today 23 November 2026) and its census. */
describe("seedDemoCensus", () => {
  let t: TestApp;
  let hr: string;
  let seeded: DemoCensusResult[];
  let again: DemoCensusResult[];

  beforeAll(async () => {
    t = await buildTestApp();
    await seedDemoIfEmpty(t.app, { staff: 200 });
    await seedDemoCaseloads(t.app);
    seeded = await seedDemoCensus(t.app);
    again = await seedDemoCensus(t.app);
    hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
  }, 300_000);
  afterAll(() => t.close());

  it("adds settings and varied census details once, and blanks one social worker's SWE number", async () => {
    expect(again).toEqual([]);
    const [result] = seeded;
    expect(result?.details).toBeGreaterThan(20);
    expect(result?.blankedSwe).not.toBeNull();
    const settings = await t.database.db
      .selectFrom("workforce_settings")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(settings).toMatchObject({ lea_number: "999", la_code: null, region_code: "E12000006" });
    const details = await t.database.db.selectFrom("census_person_details").selectAll().execute();
    expect(new Set(details.map((d) => d.qualification_institution)).size).toBeGreaterThan(5);
    expect(new Set(details.map((d) => d.qualification_level)).size).toBe(3);
  });

  it("reports the missing SWE number and makes a return whose XML validates", async () => {
    const missing = seeded[0]?.blankedSwe;
    if (!missing) throw new Error("nothing blanked");
    const report = html(
      (await t.app.inject({ url: "/workforce/census/2026", headers: { cookie: hr } })).body,
    );
    const row = report.querySelector(`tr[data-person="${missing.personId}"][data-field="SWENo"]`);
    expect(row?.textContent).toContain(missing.name);
    expect(row?.textContent).toContain("The Social Work England registration number is missing");
    const made = await formPost(
      t.app,
      "/workforce/census/2026/returns",
      hr,
      {},
      { pageUrl: "/workforce/census/2026" },
    );
    expect(made.statusCode).toBe(303);
    const xml = (await t.app.inject({ url: made.headers.location as string, headers: { cookie: hr } })).body;
    const xsd = readFileSync(path.join(SPECS_DIR, "2022/social_work_workforce_2022.xsd"), "utf8");
    const check = await xmllint(xsd, xml);
    expect(check.messages).toEqual([]);
    expect(check.valid).toBe(true);
    expect((xml.match(/<CSWWWorker>/g) ?? []).length).toBeGreaterThan(20);
    expect(xml).toContain("<LEA>999</LEA>");
  });
});
