import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { csrfTokenFrom } from "../../../test/support/forms.js";
import { createNotesTable, notesRoutes } from "../../../test/support/notes-fixture.js";
import { uploadedFile } from "./uploads.js";

const MAX = 1024;
const schema = z.object({ file: uploadedFile({ extensions: ["csv"], typeName: "CSV", maxBytes: MAX }) });

async function multipart(fields: Record<string, string>, file?: { name: string; content: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new Blob([file.content], { type: "text/csv" }), file.name);
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get("content-type") ?? "",
  };
}

describe("uploads", () => {
  let t: TestApp;
  let cookie: string;
  let token: string;

  beforeAll(async () => {
    t = await buildTestApp({
      env: { UPLOAD_MAX_BYTES: String(MAX) },
      beforeReady: async (app) => {
        await createNotesTable(app.platform.database.db);
        await app.register(notesRoutes);
        app.post("/test-upload", { config: { permission: "signed-in", form: schema } }, async (request) => {
          const result = request.formResult;
          if (!result?.ok) return { errors: result?.errors };
          const { file } = result.data as z.output<typeof schema>;
          return { filename: file.filename, lines: file.data.toString("utf8").trim().split("\n").length };
        });
      },
    });
    cookie = await t.signIn();
    token = await csrfTokenFrom(t.app, "/test-notes/new", cookie);
  });
  afterAll(() => t.close());

  const post = async (file?: { name: string; content: string }, fields: Record<string, string> = {}) => {
    const body = await multipart({ _csrf: token, ...fields }, file);
    const res = await t.app.inject({
      method: "POST",
      url: "/test-upload",
      headers: { cookie, "content-type": body.contentType },
      payload: body.payload,
    });
    return { status: res.statusCode, json: res.statusCode === 200 ? res.json() : null };
  };

  it("reads a file within the limits, CSRF-checked like any form", async () => {
    expect(await post({ name: "people.csv", content: "id,name\n1,Alex\n2,Sam\n" })).toEqual({
      status: 200,
      json: { filename: "people.csv", lines: 3 },
    });
  });

  it("gives GOV.UK error messages for a missing, wrong-type or too-large file", async () => {
    expect((await post())?.json).toEqual({ errors: { file: "Select a CSV file" } });
    expect((await post({ name: "people.xlsx", content: "x" }))?.json).toEqual({
      errors: { file: "The selected file must be a CSV" },
    });
    expect((await post({ name: "big.csv", content: "x".repeat(MAX + 10) }))?.json).toEqual({
      errors: { file: "The selected file must be smaller than 1KB" },
    });
  });

  it("refuses an upload without the CSRF token", async () => {
    const body = await multipart({}, { name: "people.csv", content: "id\n1\n" });
    const res = await t.app.inject({
      method: "POST",
      url: "/test-upload",
      headers: { cookie, "content-type": body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(403);
  });
});
