import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { csvUpload, formPost } from "../../../test/support/forms.js";
import { html } from "../../../test/support/html.js";
import type { TenantDb } from "../../platform/tenancy/data-access.js";
import { type CaseloadFixture, hrRoles, seedCaseloadFixture } from "./test-fixture.js";

let t: TestApp;
let f: CaseloadFixture;
const id = (key: string) => f.id[key] as string;
const run = <T>(work: (db: TenantDb) => Promise<T>) => t.app.platform.data.run(f.ctx, work);

beforeEach(async () => {
  t = await buildTestApp();
  f = await seedCaseloadFixture(t);
});
afterEach(async () => {
  await t.close();
});

const fileFor = (rows: string[]) => ["worker_id,as_at,children,child_protection", ...rows].join("\n");

describe("teamTarget", () => {
  it("takes the team's own target, else the nearest ancestor's, else the council's", async () => {
    await run(async (db) => {
      // The fixture's council-wide 16 applies everywhere at first.
      expect(await t.app.caseloads.teamTarget(db, id("T1"), "2026-11-01")).toBe(16);
      await db
        .insertInto("caseload_targets")
        .values([
          {
            kind: "team_average",
            org_unit_id: id("S1"),
            children: 18,
            valid_from: "2026-01-01",
            created_by: "t",
          },
          {
            kind: "team_average",
            org_unit_id: id("T2"),
            children: 12,
            valid_from: "2026-01-01",
            created_by: "t",
          },
        ])
        .execute();
      expect(await t.app.caseloads.teamTarget(db, id("T1"), "2026-11-01")).toBe(18); // Safeguarding's
      expect(await t.app.caseloads.teamTarget(db, id("T2"), "2026-11-01")).toBe(12); // its own
      expect(await t.app.caseloads.teamTarget(db, id("S2"), "2026-11-01")).toBe(16); // council-wide
      expect(await t.app.caseloads.teamTarget(db, id("T1"), "2025-06-01")).toBe(16); // before 2026
      await db.deleteFrom("caseload_targets").execute();
      expect(await t.app.caseloads.teamTarget(db, id("T1"), "2026-11-01")).toBeNull();
    });
  });
});

describe("upload", () => {
  it("keeps the good rows, reports the bad ones, and is idempotent", async () => {
    const hr = await t.signIn({ roles: hrRoles });
    const csv = fileFor([
      "E001,2026-10-31,12,3", // Alice by employee number
      "alice.adams@example.org,2026-10-31,13,", // Alice again by email: refused (same worker)
      "HR-0005,31/10/2026,8,", // Eve by her HR system id
      "E404,2026-10-31,5,", // unknown worker
      "E900,2026-10-31,lots,", // not a number
    ]);
    const res = await csvUpload(t.app, "/caseloads/upload", hr, csv, { filename: "oct.csv" });
    expect(res.statusCode).toBe(303);
    const report = await t.app.inject({ url: res.headers.location as string, headers: { cookie: hr } });
    const doc = html(report.body);
    expect(doc.querySelector("#report")?.textContent).toMatch(/Workers recorded\s*2/);
    const refused = [...doc.querySelectorAll("#refused tbody tr")].map((r) =>
      r.textContent?.replace(/\s+/g, " ").trim(),
    );
    expect(refused).toEqual([
      "3 The same worker is on row 2",
      "5 No worker with the id E404",
      "6 Children must be a whole number from 0 to 500",
    ]);
    const entries = await run((db) =>
      db
        .selectFrom("caseload_entries")
        .select(["person_id", "children", "categories"])
        .orderBy("children")
        .execute(),
    );
    expect(entries).toEqual([
      { person_id: id("eve"), children: 8, categories: null },
      { person_id: id("alice"), children: 12, categories: { child_protection: 3 } },
    ]);

    // The same file again: nothing changes.
    const again = await csvUpload(t.app, "/caseloads/upload", hr, csv, { filename: "oct-again.csv" });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(res.headers.location);
    expect(await run((db) => db.selectFrom("caseload_snapshots").selectAll().execute())).toHaveLength(1);

    // A new file for the same date replaces the snapshot's entries.
    await csvUpload(t.app, "/caseloads/upload", hr, fileFor(["E001,2026-10-31,10,"]), {
      filename: "fixed.csv",
    });
    const after = await run((db) =>
      db.selectFrom("caseload_entries").select(["person_id", "children"]).execute(),
    );
    expect(after).toEqual([{ person_id: id("alice"), children: 10 }]);
  });

  it("shows the GOV.UK error summary for a file it cannot read, and writes nothing", async () => {
    const hr = await t.signIn({ roles: hrRoles });
    const res = await csvUpload(t.app, "/caseloads/upload", hr, "name,number\nAlice,3\n");
    expect(res.statusCode).toBe(400);
    expect(html(res.body).querySelector(".govuk-error-summary")?.textContent).toContain(
      "The selected file must have the columns worker_id and children",
    );
    const noDate = await csvUpload(t.app, "/caseloads/upload", hr, "worker_id,children\nE001,3\n");
    expect(noDate.statusCode).toBe(400);
    expect(html(noDate.body).querySelector(".govuk-error-summary")?.textContent).toContain("Enter the date");
    expect(await run((db) => db.selectFrom("caseload_snapshots").selectAll().execute())).toHaveLength(0);
  });

  it("takes one date for the file when it has no as_at column", async () => {
    const hr = await t.signIn({ roles: hrRoles });
    const res = await csvUpload(t.app, "/caseloads/upload", hr, "worker_id,children\nE001,3\n", {
      fields: { "as_at-day": "30", "as_at-month": "9", "as_at-year": "2026" },
    });
    expect(res.statusCode).toBe(303);
    const rows = await run((db) => db.selectFrom("caseload_entries").select(["as_at", "children"]).execute());
    expect(rows).toEqual([{ as_at: "2026-09-30", children: 3 }]);
  });

  it("through the feed method, weights the categories in force", async () => {
    await run((db) =>
      db
        .insertInto("caseload_weights")
        .values({
          category: "child_protection",
          name: "Child protection",
          weight: 1.5,
          valid_from: "2024-01-01",
          created_by: "t",
        })
        .execute(),
    );
    await t.app.caseloads.importCsv(f.ctx, {
      filename: "feed.csv",
      content: fileFor(["E001,2026-10-31,10,4"]),
      trigger: "feed",
    });
    // 4 child protection x 1.5 = 6, plus 6 others = 12
    const row = await run((db) =>
      db.selectFrom("caseload_entries").select(["weighted"]).executeTakeFirstOrThrow(),
    );
    expect(Number(row.weighted)).toBe(12);
  });
});

describe("alerts", () => {
  it("emails the line manager once per snapshot when someone is over their cap", async () => {
    // Alice is an NQSW: 90% of the council's 16 = 14.4 -> cap 14. 15 is over; Dan's 18 has no cap.
    const file = fileFor(["E001,2026-10-31,15,", "SW-DAN,2026-10-31,18,"]);
    await t.app.caseloads.importCsv(f.ctx, { filename: "a.csv", content: file, trigger: "upload" });
    const alerts = await run((db) => db.selectFrom("caseload_alerts").selectAll().execute());
    expect(alerts.map((a) => [a.person_id, a.children, Number(a.cap), a.manager_person_id])).toEqual([
      [id("alice"), 15, 14, id("mo")],
    ]);
    const mail = await run((db) => db.selectFrom("outbox_messages").selectAll().execute());
    expect(mail).toHaveLength(1);
    expect(mail[0]?.to_address).toBe("mo.manager@example.org");
    expect(mail[0]?.subject).toBe("Caseloads over their cap as at 31 October 2026");
    expect(mail[0]?.body).toContain("Alice Adams: 15 children (cap 14)");

    // A corrected file for the same date: the alert is rewritten, the manager not emailed again.
    await t.app.caseloads.importCsv(f.ctx, {
      filename: "b.csv",
      content: fileFor(["E001,2026-10-31,16,"]),
      trigger: "upload",
    });
    expect(
      (await run((db) => db.selectFrom("caseload_alerts").select("children").execute())).map(
        (a) => a.children,
      ),
    ).toEqual([16]);
    expect(await run((db) => db.selectFrom("outbox_messages").selectAll().execute())).toHaveLength(1);

    // At the cap: no alert.
    await t.app.caseloads.importCsv(f.ctx, {
      filename: "c.csv",
      content: fileFor(["E001,2026-11-20,14,"]),
      trigger: "upload",
    });
    expect(await run((db) => db.selectFrom("caseload_alerts").selectAll().execute())).toHaveLength(1);

    const mo = await t.signIn({ roles: [{ role: "line_manager", unitId: null }], personId: id("mo") });
    const page = await t.app.inject({ url: "/caseloads/alerts", headers: { cookie: mo } });
    expect(page.statusCode).toBe(200);
    expect(html(page.body).querySelector("#alerts tbody")?.textContent).toContain("Alice Adams");
  });
});

describe("averages", () => {
  it("splits a worker with two assignments by FTE and counts them once in the authority", async () => {
    // Alice 15 (T1 SW 1.0); Bob 10 (T1 SW 0.5 + T2 FSW 0.5); Dan 16 (T1 SW agency 1.0); Eve 8 (T2 FSW 0.8)
    await run((db) =>
      db
        .insertInto("person_source_ids")
        .values({ person_id: id("dan"), source: "cms", external_id: "SW-DAN" })
        .execute(),
    );
    await run((db) =>
      db.updateTable("people").set({ employee_number: "E002" }).where("id", "=", id("bob")).execute(),
    );
    await t.app.caseloads.importCsv(f.ctx, {
      filename: "oct.csv",
      content: fileFor([
        "E001,2026-10-31,15,",
        "E002,2026-10-31,10,",
        "SW-DAN,2026-10-31,16,",
        "E005,2026-10-31,8,",
      ]),
      trigger: "upload",
    });
    const { rows } = await t.app.caseloads.unitFigures(f.ctx);
    const unit = (u: string) => rows.find((r) => r.orgUnitId === id(u));
    // T1: 15 + 10 x 0.5 / 1.0 + 16 = 36 children; FTE 1 + 0.5 + 1 = 2.5; 36 / 2.5 = 14.4
    expect(unit("T1")?.children).toBeCloseTo(36, 6);
    expect(unit("T1")?.fte).toBeCloseTo(2.5, 6);
    // T2: 10 x 0.5 / 1.0 + 8 = 13; FTE 0.5 + 0.8 = 1.3; 13 / 1.3 = 10.0
    expect(unit("T2")?.children).toBeCloseTo(13, 6);
    expect(unit("T2")?.fte).toBeCloseTo(1.3, 6);

    const hr = await t.signIn({ roles: hrRoles });
    const page = html((await t.app.inject({ url: "/caseloads", headers: { cookie: hr } })).body);
    // Authority: 49 children / 3.8 FTE = 12.89 -> 12.9, once each
    expect(page.querySelector("#average-now")?.textContent).toContain("12.9");
    // DfE: registered social workers holding cases: Alice 15 (SW1001), Bob 10 (a social worker
    // role; his total FTE 1.0), Dan 16 (agency): 41 / 3.0 = 13.67 -> 13.7; Eve (not registered) left out
    expect(page.querySelector("#dfe-average")?.textContent).toContain("13.7");
    expect(page.querySelector("#dfe-inputs")?.textContent).toMatch(/Cases\s*41\.0/);
    expect(page.querySelector("#workers")?.textContent).toContain("Alice Adams");
    expect(page.querySelector("#workers [data-over-cap]")).not.toBeNull(); // Alice 15 over 14

    const team = html(
      (await t.app.inject({ url: `/caseloads?unit=${id("T2")}`, headers: { cookie: hr } })).body,
    );
    expect(team.querySelector("#average-now")?.textContent).toContain("10.0");
    const csv = await t.app.inject({
      url: `/caseloads?unit=${id("T1")}&format=csv`,
      headers: { cookie: hr },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("Alice Adams");
  });
});

describe("typed snapshot", () => {
  it("records a line manager's team, with an error on the row with a bad number", async () => {
    const mo = await t.signIn({ roles: [{ role: "line_manager", unitId: null }], personId: id("mo") });
    const form = await t.app.inject({ url: "/caseloads/record", headers: { cookie: mo } });
    expect(form.statusCode).toBe(200);
    const bad = await formPost(t.app, "/caseloads/record", mo, {
      "as_at-day": "20",
      "as_at-month": "11",
      "as_at-year": "2026",
      [`children-${id("alice")}`]: "twelve",
      [`children-${id("dan")}`]: "9",
    });
    expect(bad.statusCode).toBe(400);
    const doc = html(bad.body);
    expect(doc.querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe(
      `#children-${id("alice")}`,
    );
    expect(doc.querySelector(`#children-${id("dan")}`)?.getAttribute("value")).toBe("9");
    expect(await run((db) => db.selectFrom("caseload_entries").selectAll().execute())).toHaveLength(0);

    const ok = await formPost(t.app, "/caseloads/record", mo, {
      "as_at-day": "20",
      "as_at-month": "11",
      "as_at-year": "2026",
      [`children-${id("alice")}`]: "12",
      [`children-${id("dan")}`]: "9",
    });
    expect(ok.statusCode).toBe(303);
    const rows = await run((db) =>
      db.selectFrom("caseload_entries").select(["person_id", "children"]).orderBy("children").execute(),
    );
    expect(rows).toEqual([
      { person_id: id("dan"), children: 9 },
      { person_id: id("alice"), children: 12 },
    ]);
    // Someone outside the manager's reports is refused.
    const outside = await formPost(t.app, "/caseloads/record", mo, {
      "as_at-day": "20",
      "as_at-month": "11",
      "as_at-year": "2026",
      [`children-${id("eve")}`]: "3",
    });
    expect(outside.statusCode).toBe(400);
  });
});

describe("access", () => {
  it("answers 404 for a person out of scope, and sends a practitioner to their own page", async () => {
    await t.app.caseloads.importCsv(f.ctx, {
      filename: "a.csv",
      content: fileFor(["E005,2026-10-31,8,"]),
      trigger: "upload",
    });
    const mo = await t.signIn({ roles: [{ role: "line_manager", unitId: null }], personId: id("mo") });
    expect(
      (await t.app.inject({ url: `/caseloads/people/${id("eve")}`, headers: { cookie: mo } })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: `/caseloads/people/${id("alice")}`, headers: { cookie: mo } })).statusCode,
    ).toBe(200);
    const eve = await t.signIn({ roles: [{ role: "practitioner", unitId: null }], personId: id("eve") });
    const home = await t.app.inject({ url: "/caseloads", headers: { cookie: eve } });
    expect(home.statusCode).toBe(302);
    expect(home.headers.location).toBe(`/caseloads/people/${id("eve")}`);
    const own = await t.app.inject({ url: home.headers.location as string, headers: { cookie: eve } });
    expect(html(own.body).querySelector("#history")?.textContent).toContain("8");
    expect(
      (await t.app.inject({ url: `/caseloads/people/${id("alice")}`, headers: { cookie: eve } })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: "/caseloads/upload", headers: { cookie: mo } })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ url: `/caseloads?unit=${id("S2")}`, headers: { cookie: mo } })).statusCode,
    ).toBe(404);
  });
});

describe("targets and weights", () => {
  it("adds a target that ends the one before, and refuses a bad one", async () => {
    const hr = await t.signIn({ roles: hrRoles });
    const bad = await formPost(t.app, "/caseloads/targets/new", hr, {
      kind: "individual_cap",
      measure: "percent",
      percent_of_team: "",
    });
    expect(bad.statusCode).toBe(400);
    expect(html(bad.body).querySelector(".govuk-error-summary")?.textContent).toContain(
      "Enter the share of the team's target",
    );
    const ok = await formPost(t.app, "/caseloads/targets/new", hr, {
      kind: "team_average",
      org_unit_id: "",
      children: "15",
      "valid_from-day": "1",
      "valid_from-month": "11",
      "valid_from-year": "2026",
    });
    expect(ok.statusCode).toBe(303);
    await run(async (db) => {
      expect(await t.app.caseloads.teamTarget(db, id("T1"), "2026-10-31")).toBe(16);
      expect(await t.app.caseloads.teamTarget(db, id("T1"), "2026-11-01")).toBe(15);
    });
    const list = await t.app.inject({ url: "/caseloads/targets", headers: { cookie: hr } });
    expect(html(list.body).querySelector("#targets")?.textContent).toContain("31 October 2026");

    const weight = await formPost(t.app, "/caseloads/weights/new", hr, {
      name: "Child protection",
      category: "Child protection",
      weight: "1.5",
      "valid_from-day": "1",
      "valid_from-month": "1",
      "valid_from-year": "2026",
    });
    expect(weight.statusCode).toBe(303);
    const w = await run((db) => db.selectFrom("caseload_weights").selectAll().executeTakeFirstOrThrow());
    expect(w.category).toBe("child_protection");
    const end = await formPost(t.app, `/caseloads/weights/${w.id}/end`, hr, {
      "ends_on-day": "31",
      "ends_on-month": "12",
      "ends_on-year": "2025",
    });
    expect(end.statusCode).toBe(400);
    expect(html(end.body).querySelector(".govuk-error-summary")?.textContent).toContain("on or after");
  });
});
