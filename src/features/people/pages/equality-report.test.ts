import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { html, text } from "../../../../test/support/html.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";

/**
 * The fixture (see test/support/people-fixture.ts) with 12 fillers in Early Help and 8 more staff
 * in Safeguarding's Assessment team, all from 1 January 2023. On 23 November 2026 (the test clock)
 * Safeguarding has Alice, Bob, Dan, Eve and the 8 (12 people); on 1 February 2023 it has Alice,
 * Bob, Cara and the 8 (11 people). Disability recorded:
 *
 *                  Disabled          Not disabled             Prefers not to say
 *   Safeguarding   Alice, Bob, Cara  Dan, Eve, extra 1 to 3   extra 4 to 8
 *   Early Help     fillers 1 to 3    fillers 4 to 7           fillers 8 to 12
 */
describe("equality profile", () => {
  let t: TestApp;
  let id: Record<string, string>;
  let analyst: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const fixture = await seedPeopleFixture(t.app, t.tenantId, { fillers: 12 });
    id = fixture.id;
    const { ctx } = fixture;
    const people = t.app.people;
    for (let n = 1; n <= 8; n += 1) {
      const personId = await people.createPerson(ctx, { given_name: `Extra${n}`, family_name: "Staff" });
      id[`extra${n}`] = personId;
      await t.app.platform.data.run(ctx, (db) =>
        people.addAssignment(db, personId, {
          org_unit_id: id.T1 as string,
          job_role_id: id.SW as string,
          contract_type: "permanent",
          fte: 1,
          valid_from: "2023-01-01",
        }),
      );
    }
    const disability: [string, "yes" | "no" | "not_declared"][] = [
      ["alice", "yes"],
      ["bob", "yes"],
      ["cara", "yes"],
      ["dan", "no"],
      ...[1, 2, 3].map((n): [string, "no"] => [`extra${n}`, "no"]),
      ...[4, 5, 6, 7, 8].map((n): [string, "not_declared"] => [`extra${n}`, "not_declared"]),
      ...[1, 2, 3].map((n): [string, "yes"] => [`filler${n}`, "yes"]),
      ...[4, 5, 6, 7].map((n): [string, "no"] => [`filler${n}`, "no"]),
      ...[8, 9, 10, 11, 12].map((n): [string, "not_declared"] => [`filler${n}`, "not_declared"]),
    ];
    await t.app.platform.data.run(ctx, async (db) => {
      // Eve already has equality data (not disabled) from the fixture.
      await db
        .insertInto("person_equality")
        .values(disability.map(([key, value]) => ({ person_id: id[key] as string, disability: value })))
        .execute();
    });
    analyst = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
  });
  afterAll(() => t.close());

  const get = (url: string, cookie = analyst) => t.app.inject({ url, headers: { cookie } });

  /** The table's rows (body and total) as lists of cell text. */
  async function table(url: string, cookie = analyst) {
    const res = await get(url, cookie);
    expect(res.statusCode).toBe(200);
    const doc = html(res.body);
    return {
      doc,
      headers: doc.querySelectorAll("table thead th").map((th) => text(th)),
      rows: doc
        .querySelectorAll("table tbody tr")
        .map((tr) => tr.querySelectorAll("th, td").map((c) => text(c))),
    };
  }

  it("counts staff by service and characteristic, showing 1 to 4 as 'fewer than 5'", async () => {
    const { doc, headers, rows } = await table("/people/equality?characteristic=disability");
    expect(text(doc.querySelector("h1"))).toBe("Equality profile");
    expect(text(doc.querySelector("table caption"))).toBe(
      "Staff by service and disability, 23 November 2026",
    );
    expect(headers).toEqual([
      "Service",
      "Disabled",
      "Not disabled",
      "Prefers not to say",
      "Not known or not recorded",
      "Total",
    ]);
    expect(rows).toEqual([
      ["Early Help", "fewer than 5", "fewer than 5", "5", "0", "12"],
      // Safeguarding's 2 disabled people are small; 5 not disabled is hidden too (same row).
      ["Safeguarding", "fewer than 5", "hidden", "5", "0", "12"],
      ["Total", "5", "9", "10", "0", "24"],
    ]);
    expect(doc.querySelectorAll("table td").map((td) => text(td))).not.toContain("2");
    const note = text(doc.querySelector(".govuk-inset-text"));
    expect(note).toContain("'Fewer than 5' means there are between 1 and 4 people.");
    expect(note).toContain("'Hidden' means we have hidden this number as well");
    expect(doc.querySelector("input[name=characteristic][value=disability]")?.hasAttribute("checked")).toBe(
      true,
    );
  });

  it("exports the same suppressed table, never the hidden numbers", async () => {
    const res = await get("/people/equality?characteristic=disability&format=csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toContain("equality-profile-disability-2026-11-23.csv");
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines).toEqual([
      "Service,Disabled,Not disabled,Prefers not to say,Not known or not recorded,Total",
      "Early Help,fewer than 5,fewer than 5,5,0,12",
      "Safeguarding,fewer than 5,hidden,5,0,12",
      "Total,5,9,10,0,24",
    ]);
    const xlsx = await get("/people/equality?characteristic=disability&format=xlsx");
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
  });

  it("counts the people with a role on the date asked for", async () => {
    const { rows } = await table("/people/equality?characteristic=disability&asAt=2023-02-01");
    // Cara (disabled) was still there; Dan and Eve had not started.
    expect(rows).toEqual([
      ["Early Help", "fewer than 5", "fewer than 5", "5", "0", "12"],
      ["Safeguarding", "fewer than 5", "fewer than 5", "5", "0", "11"],
      ["Total", "6", "7", "10", "0", "23"],
    ]);
    const res = await get(
      "/people/equality?characteristic=disability&asAt-day=1&asAt-month=2&asAt-year=2023",
    );
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/people/equality?asAt=2023-02-01&characteristic=disability");
  });

  it("counts people with nothing recorded as not known", async () => {
    const { headers, rows } = await table("/people/equality?characteristic=gender");
    expect(headers).toEqual([
      "Service",
      "Female",
      "Male",
      "Not specified",
      "Not known or not recorded",
      "Total",
    ]);
    // Eve is the only one with a gender recorded; the others are not known.
    expect(rows[1]?.slice(0, 2)).toEqual(["Safeguarding", "fewer than 5"]);
  });

  it("counts only the people in a senior leader's service", async () => {
    const leader = await t.signIn({ roles: [{ role: "senior_leader", unitId: id.S2 as string }] });
    const { rows } = await table("/people/equality?characteristic=disability", leader);
    expect(rows).toEqual([
      ["Early Help", "fewer than 5", "fewer than 5", "5", "0", "12"],
      ["Total", "fewer than 5", "fewer than 5", "5", "0", "12"],
    ]);
    const csv = (await get("/people/equality?characteristic=disability&format=csv", leader)).body;
    expect(csv).not.toContain("Safeguarding");
  });

  it("is refused to roles without the equality report permission", async () => {
    const practitioner = await t.signIn({
      roles: [{ role: "practitioner", unitId: null }],
      personId: id.alice,
    });
    expect((await get("/people/equality", practitioner)).statusCode).toBe(403);
    expect((await get("/people/equality?format=csv", practitioner)).statusCode).toBe(403);
  });
});
