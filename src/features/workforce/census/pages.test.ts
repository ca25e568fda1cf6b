import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessFixture, seedAccessFixture } from "../../../../test/support/access-fixture.js";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csvUpload, formPost } from "../../../../test/support/forms.js";
import { html } from "../../../../test/support/html.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { SPECS_DIR } from "./specifications.js";
import { xmllint } from "./xmllint.js";

const xsd2022 = readFileSync(path.join(SPECS_DIR, "2022/social_work_workforce_2022.xsd"), "utf8");
const rules2022 = readFileSync(path.join(SPECS_DIR, "2022/rules.json"), "utf8");

/** The census pages on the access fixture's two councils (today 23 November 2026: census year 2026). */
describe("census pages", () => {
  let t: TestApp;
  let f: AccessFixture;
  let hr: string;
  let ctx: TenantContext;
  let otherReturn: string;
  const person = (key: "alice" | "pat") =>
    t.database.db
      .selectFrom("people")
      .select("id")
      .where("given_name", "=", key === "alice" ? "Alice" : "Pat")
      .where("tenant_id", "=", t.tenantId)
      .executeTakeFirstOrThrow()
      .then((r) => r.id);

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedAccessFixture(t);
    const other = await t.database.db
      .selectFrom("people")
      .select("tenant_id")
      .where("id", "=", f.other.person)
      .executeTakeFirstOrThrow();
    otherReturn = await t.app.platform.data.run(
      { tenantId: other.tenant_id, actor: { id: "system:test" } },
      (db) =>
        db
          .insertInto("census_returns")
          .values({
            collection_year: 2026,
            specification_year: 2022,
            reference_date: "2026-09-30",
            workers: 0,
            problems: 0,
            xml: "<Message/>",
            generated_by: "system:test",
          })
          .returning("id")
          .executeTakeFirstOrThrow()
          .then((r) => r.id),
    );
    ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
    hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
    // Every social work role maps to a DfE case holder role.
    await t.app.platform.data.run(ctx, (db) =>
      db
        .updateTable("job_roles")
        .set({ dfe_org_role: 5 })
        .where("social_work_qualified", "=", true)
        .execute(),
    );
  }, 240_000);
  afterAll(() => t.close());

  const get = (url: string, cookie = hr) => t.app.inject({ url, headers: { cookie } });

  it("lets only council-wide HR open the census pages", async () => {
    const practitioner = await t.signIn({ roles: f.roles.practitioner?.grants ?? [] });
    const unitHr = await t.signIn({
      roles: [{ role: "hr_workforce_analyst", unitId: f.roles.service_manager?.unit["in scope"] ?? null }],
    });
    for (const url of [
      "/workforce/census",
      "/workforce/census/2026",
      "/workforce/census/specifications/new",
    ]) {
      expect((await get(url, practitioner)).statusCode, url).toBe(403);
      expect((await get(url, unitHr)).statusCode, url).toBe(403);
    }
    expect((await get("/workforce/census")).statusCode).toBe(200);
    expect((await t.app.inject({ url: "/workforce/census" })).statusCode).toBe(302);
  });

  it("lists the collection years with the specification each uses", async () => {
    const page = html((await get("/workforce/census")).body);
    const row = page.querySelector('tr[data-year="2026"]');
    expect(row?.textContent).toContain("Current");
    expect(row?.textContent).toContain("Uses the 2022 specification (none of its own)");
    expect(page.querySelector("#specifications")?.textContent).toContain("2022");
    expect((await get("/workforce/census/1999")).statusCode).toBe(404);
    expect((await get("/workforce/census/20x6")).statusCode).toBe(404);
  });

  it("reports records that would fail, with a link to the person, and the measures", async () => {
    const res = await get("/workforce/census/2026");
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(page.querySelector("#specification")?.textContent).toContain(
      "2026 has no specification of its own: the 2022 specification",
    );
    const pat = await person("pat");
    const patSwe = page.querySelector(`tr[data-person="${pat}"][data-field="SWENo"]`);
    expect(patSwe?.textContent).toContain("The Social Work England registration number is missing");
    expect(patSwe?.querySelector(`a[href="/people/${pat}"]`)?.textContent).toContain("Pat");
    expect(page.querySelector('tr[data-measure="turnover_rate_fte"]')?.textContent).toContain(
      "Leavers in the year (FTE)",
    );
    expect(page.textContent).toContain("LEA number is not set");
    const csv = await get("/workforce/census/2026?format=csv");
    expect(csv.body).toContain("The Social Work England registration number is missing");
  });

  it("refuses to make a return without the LEA number", async () => {
    const res = await formPost(
      t.app,
      "/workforce/census/2026/returns",
      hr,
      {},
      { pageUrl: "/workforce/census/2026" },
    );
    expect(res.statusCode).toBe(400);
    expect(html(res.body).querySelector(".govuk-error-summary")?.textContent).toContain("LEA number");
  });

  it("keeps a person's census details with the schema's code lists, with GOV.UK errors", async () => {
    const alice = await person("alice");
    const url = `/workforce/census/people/${alice}`;
    const page = html((await get(url)).body);
    expect(
      page.querySelector('input[name="qualification_level"][value="2"]')?.parentNode?.textContent,
    ).toContain("Post-graduate");
    expect(page.querySelector('#start_origin option[value="2"]')?.textContent).toContain(
      "Social Worker Role in a Different Local Authority in England",
    );
    const empty = await formPost(t.app, url, hr, {});
    expect(empty.statusCode).toBe(400);
    expect(html(empty.body).querySelector(".govuk-error-summary")?.textContent).toContain(
      "Enter the qualification institution",
    );
    const badCode = await formPost(t.app, url, hr, { qualification_institution: "X", start_origin: "42" });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.body).toContain("Select where they came from");
    const ok = await formPost(t.app, url, hr, {
      qualification_institution: "University of Sussex",
      qualification_level: "2",
      step_up_grad: "0",
      frontline_grad: "1",
      start_origin: "2",
      cfkss_status: "",
    });
    expect(ok.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom("census_person_details")
      .selectAll()
      .where("person_id", "=", alice)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      qualification_institution: "University of Sussex",
      qualification_level: 2,
      step_up_grad: false,
      frontline_grad: true,
      start_origin: 2,
      cfkss_status: null,
    });
    expect((await get(`/workforce/census/people/${f.other.person}`)).statusCode).toBe(404);
    expect((await get("/workforce/census/people/not-a-uuid")).statusCode).toBe(404);
    const practitioner = await t.signIn({ roles: f.roles.practitioner?.grants ?? [] });
    expect((await get(url, practitioner)).statusCode).toBe(403);
  });

  it("makes the return, stores it and downloads XML that validates; another council's is 404", async () => {
    await t.app.platform.data.run(ctx, (db) =>
      db.insertInto("workforce_settings").values({ lea_number: "999", updated_by: "test" }).execute(),
    );
    const res = await formPost(
      t.app,
      "/workforce/census/2026/returns",
      hr,
      {},
      { pageUrl: "/workforce/census/2026" },
    );
    expect(res.statusCode).toBe(303);
    const download = await get(res.headers.location as string);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-disposition"]).toMatch(/^attachment; filename="csww-2026-/);
    expect(download.body).toContain("<SWENo>SW1001</SWENo>");
    expect(download.body).toContain("<QualInst>University of Sussex</QualInst>");
    expect((await xmllint(xsd2022, download.body)).messages).toEqual([]);
    const stored = await t.database.db
      .selectFrom("census_returns")
      .select(["workers", "problems", "measures", "specification_year", "generated_by"])
      .where("tenant_id", "=", t.tenantId)
      .where("generated_by", "like", "user:%")
      .executeTakeFirstOrThrow();
    expect(stored.workers).toBe(1);
    expect(stored.problems).toBeGreaterThan(0);
    expect(stored.specification_year).toBe(2022);
    expect(JSON.stringify(stored.measures)).toContain("turnover_rate_fte");
    const list = html((await get("/workforce/census")).body);
    expect(list.querySelector("#returns")?.textContent).toContain("2026 (2022 specification)");
    expect(list.querySelector("#returns")?.textContent).toContain("23 November 2026");
    expect((await get(`/workforce/census/returns/${otherReturn}`)).statusCode).toBe(404);
    expect((await get("/workforce/census/returns/nope")).statusCode).toBe(404);
  });

  it("refuses a file that is not a valid schema, and rules that do not parse", async () => {
    const url = "/workforce/census/specifications/new";
    const send = (content: string, fields: Record<string, string>, filename = "census.xsd") =>
      csvUpload(t.app, url, hr, content, { fields, filename });
    const cases: [string, Record<string, string>, string, string, string][] = [
      ["", {}, "census.xsd", "#year", "Enter the collection year"],
      [xsd2022, { year: "2027" }, "census.csv", "#file", "The selected file must be a schema (XSD)"],
      ["hello", { year: "2027" }, "census.xsd", "#file", "The selected file must be an XML schema (XSD)"],
      [
        xsd2022.replace('type="swetype"', 'type="nosuchtype"'),
        { year: "2027" },
        "census.xsd",
        "#file",
        "The selected file is not a valid XML schema",
      ],
      [
        xsd2022,
        { year: "2027", rules: "{ not json" },
        "census.xsd",
        "#rules",
        "The validation rules must be JSON",
      ],
    ];
    for (const [content, fields, filename, href, message] of cases) {
      const res = await send(content, fields, filename);
      expect(res.statusCode, message).toBe(400);
      const summary = html(res.body).querySelector(`.govuk-error-summary a[href="${href}"]`);
      expect(summary?.textContent, message).toContain(message);
    }
    const count = await t.database.db
      .selectFrom("census_specifications")
      .select("collection_year")
      .where("tenant_id", "=", t.tenantId)
      .execute();
    expect(count.map((c) => c.collection_year)).toEqual([2022]);
  });

  it("says on the report page when a later year's schema asks for what the return does not hold", async () => {
    // 2027's schema requires a new header element this service does not write.
    const xsd2027 = xsd2022.replace(
      '<xs:element name="DateTime" type="xs:dateTime" minOccurs="0" maxOccurs="1"/>',
      '<xs:element name="DateTime" type="xs:dateTime" minOccurs="0" maxOccurs="1"/>\n      <xs:element name="ReturnContact" type="xs:string" minOccurs="1" maxOccurs="1"/>',
    );
    expect(xsd2027).not.toBe(xsd2022);
    const upload = await csvUpload(t.app, "/workforce/census/specifications/new", hr, xsd2027, {
      fields: { year: "2027", rules: "" },
      filename: "census-2027.xsd",
    });
    expect(upload.statusCode).toBe(303);
    const before = await t.app.platform.data.system.selectFrom("census_returns").select("id").execute();
    const res = await formPost(
      t.app,
      "/workforce/census/2027/returns",
      hr,
      {},
      { pageUrl: "/workforce/census/2027" },
    );
    expect(res.statusCode).toBe(400);
    const page = html(res.body);
    expect(page.querySelector(".govuk-error-summary")?.textContent).toContain(
      "The return does not meet the 2027 specification",
    );
    expect(page.querySelector(".govuk-error-summary")?.textContent).toContain("ReturnContact");
    const after = await t.app.platform.data.system.selectFrom("census_returns").select("id").execute();
    expect(after).toHaveLength(before.length);
  });

  it("uses a new year's uploaded specification for that year: its code lists and rules", async () => {
    const xsd2026 = xsd2022.replace(
      '<xs:enumeration value="4"><xs:annotation><xs:documentation>Practice Leader',
      '<xs:enumeration value="5"><xs:annotation><xs:documentation>Practice Educator</xs:documentation></xs:annotation></xs:enumeration>\n      <xs:enumeration value="4"><xs:annotation><xs:documentation>Practice Leader',
    );
    const rules = rules2022.replace(
      "The Social Work England registration number is missing",
      "No SWE number (2026 rules)",
    );
    const res = await csvUpload(t.app, "/workforce/census/specifications/new", hr, xsd2026, {
      fields: { year: "2026", rules },
      filename: "social_work_workforce_2026.xsd",
    });
    expect(res.statusCode).toBe(303);
    const report = html((await get("/workforce/census/2026")).body);
    expect(report.querySelector("#specification")?.textContent).toContain("Specification: 2026");
    expect(report.textContent).toContain("No SWE number (2026 rules)");
    const earlier = html((await get("/workforce/census/2025")).body);
    expect(earlier.querySelector("#specification")?.textContent).toContain("the 2022 specification");
    const alice = await person("alice");
    const details = html((await get(`/workforce/census/people/${alice}`)).body);
    expect(details.querySelector('#cfkss_status option[value="5"]')?.textContent).toContain(
      "Practice Educator",
    );
    // Blank rules carry forward the latest earlier year's.
    const carried = await csvUpload(t.app, "/workforce/census/specifications/new", hr, xsd2022, {
      fields: { year: "2028", rules: "" },
      filename: "census-2028.xsd",
    });
    expect(carried.statusCode).toBe(303);
    const overview = html((await get("/workforce/census")).body);
    expect(overview.querySelector("#specifications")?.textContent).toContain("2028");
  });
});
