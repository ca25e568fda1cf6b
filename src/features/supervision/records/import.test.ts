import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csvUpload, formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { FEED_JOB } from "./feed.js";
import { type RecordsFixture, seedRecordsFixture } from "./test-fixture.js";

/**
 * Case supervision imported from the case management system's CSV (upload, the service method
 * and the daily folder feed): matched by employee number, email or an id in another system; row
 * by row with a report; the same rows again add nothing; the same file is recognised.
 * Today is 23 November 2026.
 */
describe("case supervision import", () => {
  let t: TestApp;
  let x: RecordsFixture;
  let hr: string;
  let root: string;

  const csv = [
    "Worker ID,Supervision Date,Type,Supervisor ID,Duration",
    "E-PAT,05/11/2026,,E-LINA,45", // 2: added (employee number)
    "lina@council.example,2026-11-06,case,,", // 3: added (email)
    "CMS-77,07/11/2026,,,", // 4: added (id in the case management system)
    "E-NOBODY,05/11/2026,,,", // 5: unknown worker
    "E-PAT,31/02/2026,,,", // 6: bad date
    "E-PAT,01/12/2026,,,", // 7: future date
    "E-PAT,05/11/2026,,,", // 8: the same as row 2
    "E-PAT,08/11/2026,coffee,,", // 9: unknown kind
  ].join("\n");
  const imported = () =>
    t.database.db
      .selectFrom("supervisions")
      .select(["person_id", "held_on", "kind", "supervisor_person_id", "duration_minutes", "import_id"])
      .where("source", "=", "imported")
      .orderBy("held_on")
      .execute();

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "wa-case-supervision-"));
    t = await buildTestApp({ env: { FEEDS_DIR: root } });
    x = await seedRecordsFixture(t);
    hr = await x.as("hr_workforce_analyst");
    await t.app.platform.data.run(x.ctx, (db) =>
      db
        .insertInto("person_source_ids")
        .values({ person_id: x.olive, source: "case_management", external_id: "CMS-77" })
        .execute(),
    );
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await rm(root, { recursive: true, force: true });
  });

  it("refuses a missing or wrong file with the GOV.UK message", async () => {
    const res = await csvUpload(t.app, "/supervision/import", hr, "a,b\n", { filename: "notes.txt" });
    expect(res.statusCode).toBe(400);
    expect(text(html(res.body).querySelector(".govuk-error-summary__list"))).toBe(
      "The selected file must be a CSV",
    );
    const empty = await formPost(t.app, "/supervision/import", hr, {}, { pageUrl: "/supervision/import" });
    expect(empty.statusCode).toBe(400);
    expect((await imported()).length).toBe(0);
  });

  it("imports row by row and reports each row", async () => {
    const res = await csvUpload(t.app, "/supervision/import", hr, csv, { filename: "cms-november.csv" });
    expect(res.statusCode).toBe(303);
    const report = await t.app.inject({ url: String(res.headers.location), headers: { cookie: hr } });
    expect(report.statusCode).toBe(200);
    const doc = html(report.body);
    expect(text(doc.querySelector("#summary"))).toContain("Rows in the file 8");
    expect(text(doc.querySelector("#summary"))).toMatch(
      /Added 3 Unchanged \(already imported\) 1 Rejected 4/,
    );
    expect(doc.querySelectorAll("#rejected tbody tr").map((r) => text(r))).toEqual([
      "5 Unknown worker: E-NOBODY",
      "6 Bad date: 31/02/2026 (use dd/mm/yyyy or yyyy-mm-dd)",
      "7 Future date: 1 December 2026",
      "9 Unknown kind of supervision: coffee",
    ]);
    expect(doc.querySelectorAll("#unchanged tbody tr").map((r) => text(r))).toEqual([
      "8 The same supervision is on an earlier row",
    ]);
    const rows = await imported();
    expect(
      rows.map((r) => [r.person_id, r.held_on, r.kind, r.supervisor_person_id, r.duration_minutes]),
    ).toEqual([
      [x.pat, "2026-11-05", "case", x.lina, 45],
      [x.lina, "2026-11-06", "case", null, null],
      [x.olive, "2026-11-07", "case", null, null],
    ]);
    const exported = await t.app.inject({
      url: `${String(res.headers.location)}?format=csv`,
      headers: { cookie: hr },
    });
    expect(exported.body).toContain("5,Rejected,Unknown worker: E-NOBODY");
  });

  it("recognises the same file, and adds nothing for the same rows in another file", async () => {
    const again = await csvUpload(t.app, "/supervision/import", hr, csv, { filename: "cms-november.csv" });
    expect(again.statusCode).toBe(303);
    const page = await t.app.inject({ url: String(again.headers.location), headers: { cookie: hr } });
    expect(page.body).toContain("This file was imported before: nothing was added again");
    const ours = await t.database.db
      .selectFrom("supervision_imports")
      .select("id")
      .where("tenant_id", "=", t.tenantId)
      .execute();
    expect(ours.length).toBe(2); // and the fixture's
    const outcome = await t.app.supervisionRecords.importCsv(x.ctx, {
      filename: "cms-november-again.csv",
      content: `${csv}\nE-LINA,10/11/2026,group,,60\n`,
      trigger: "feed",
    });
    expect(outcome).toMatchObject({
      alreadyImported: false,
      status: "applied",
      counts: { total: 9, added: 1, unchanged: 4, rejected: 4 },
    });
    expect((await imported()).length).toBe(4);
  });

  it("refuses a file without a worker or date column, as not read", async () => {
    const outcome = await t.app.supervisionRecords.importCsv(x.ctx, {
      filename: "wrong.csv",
      content: "Name,When\nPat,05/11/2026\n",
      trigger: "upload",
    });
    expect(outcome.status).toBe("rejected");
    const page = await t.app.inject({
      url: `/supervision/import/${outcome.importId}`,
      headers: { cookie: hr },
    });
    expect(page.body).toContain("The file needs a column for the worker");
  });

  it("reads files dropped in the feed folder every day", async () => {
    const folder = path.join(root, t.app.platform.tenants.forHost("localhost").slug, "case-supervision");
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "cms-2026-11-23.csv"), "Employee number,Date\nE-OLIVE,20/11/2026\n");
    await writeFile(path.join(folder, "half-written.csv.part"), "Employee number,Date\n");
    await t.app.platform.jobs.enqueue(FEED_JOB);
    await t.app.platform.jobs.tick();
    const rows = await imported();
    expect(rows.some((r) => r.person_id === x.olive && r.held_on === "2026-11-20")).toBe(true);
    expect((await readdir(folder)).sort()).toEqual(["half-written.csv.part", "processed", "processing"]);
    expect((await readdir(path.join(folder, "processed"))).length).toBe(1);
    const list = await t.app.inject({ url: "/supervision/import", headers: { cookie: hr } });
    expect(text(html(list.body).querySelector("#imports tbody tr"))).toContain("cms-2026-11-23.csv");
  });

  it("is for HR and the PSW only; a report of another council answers 404", async () => {
    expect(
      (await t.app.inject({ url: "/supervision/import", headers: { cookie: await x.as("line_manager") } }))
        .statusCode,
    ).toBe(403);
    const qa = await x.as("quality_assurance_lead");
    expect((await t.app.inject({ url: "/supervision/import", headers: { cookie: qa } })).statusCode).toBe(
      200,
    );
    const theirs = await t.app.platform.data.system
      .selectFrom("supervision_imports")
      .select("id")
      .where("tenant_id", "<>", t.tenantId)
      .executeTakeFirstOrThrow();
    expect(
      (await t.app.inject({ url: `/supervision/import/${theirs.id}`, headers: { cookie: hr } })).statusCode,
    ).toBe(404);
  });
});
