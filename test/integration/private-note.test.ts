import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/app.js";
import { formPost } from "../support/forms.js";
import { createNotesTable, notesRoutes } from "../support/notes-fixture.js";

const SECRET_TEXT = "Worried about my own mental health since the review";

describe("a private-note field", () => {
  let t: TestApp;
  const logs: string[] = [];

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    t = await buildTestApp({
      env: { LOG_LEVEL: "trace" },
      logStream,
      beforeReady: async (app) => {
        await createNotesTable(app.platform.database.db);
        await app.register(notesRoutes);
      },
    });
    const cookie = await t.signIn();
    const saved = await formPost(t.app, "/test-notes/new", cookie, {
      title: "Supervision 4 November",
      note: SECRET_TEXT,
    });
    expect(saved.statusCode).toBe(302);
    // And once through a failing submission, which puts the text back in the form.
    const failed = await formPost(t.app, "/test-notes/new", cookie, { title: "", note: SECRET_TEXT });
    expect(failed.statusCode).toBe(400);
  });
  afterAll(() => t.close());

  it("is saved", async () => {
    const rows = await t.database.db
      .selectFrom("test_notes" as never)
      .select(["note" as never])
      .execute();
    expect(rows).toEqual([{ note: SECRET_TEXT }]);
  });

  it("is recorded in the audit trail only as changed, never its text", async () => {
    const events = await t.database.db
      .selectFrom("audit_events")
      .selectAll()
      .where("table_name", "=", "test_notes")
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.changed).toContain("note");
    expect(events[0]?.after).not.toHaveProperty("note");
    expect(JSON.stringify(events)).not.toContain("mental health");
  });

  it("never reaches the logs", () => {
    const all = logs.join("");
    expect(all).toContain("/test-notes/new"); // the requests were logged
    expect(all).not.toContain("mental health");
  });

  it("is left out of CSV and XLSX exports", async () => {
    const cookie = await t.signIn();
    const csv = await t.app.inject({ url: "/test-notes/export?format=csv", headers: { cookie } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-disposition"]).toBe('attachment; filename="notes.csv"');
    expect(
      csv.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\n"),
    ).toEqual(["title", "Supervision 4 November"]);

    const xlsx = await t.app.inject({ url: "/test-notes/export?format=xlsx", headers: { cookie } });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const values = sheet
      ?.getSheetValues()
      .filter(Boolean)
      .map((row) => (row as unknown[]).filter(Boolean));
    expect(values).toEqual([["title"], ["Supervision 4 November"]]);
    expect(xlsx.rawPayload.toString("latin1")).not.toContain("mental health");
  });
});
