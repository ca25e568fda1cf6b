import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csrfTokenFrom, formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { NOTE_TEXT, type RecordsFixture, seedRecordsFixture } from "./test-fixture.js";

const SECRET = "Worried about my own mental health since the review";

/**
 * The reflective note: only the supervisee (Pat) and the record's supervisor (Lina) read or write
 * it; every other role and person is answered 404. Its text never reaches the audit values, the
 * logs (at trace level, a failing submission included), exports or lists.
 */
describe("the reflective note of a supervision", () => {
  let t: TestApp;
  let x: RecordsFixture;
  let pat: string;
  let lina: string;
  const logs: string[] = [];
  const noteUrl = () => `/supervision/records/${x.patSupervision}/note`;
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    t = await buildTestApp({ env: { LOG_LEVEL: "trace" }, logStream });
    x = await seedRecordsFixture(t);
    pat = await x.as("practitioner");
    lina = await x.as("line_manager");
    // The supervisee writes the note; then a submission too long re-renders the form with it.
    const saved = await formPost(t.app, noteUrl(), pat, { note: SECRET });
    expect(saved.statusCode).toBe(303);
    const failed = await formPost(t.app, noteUrl(), pat, { note: `${SECRET} ${"x".repeat(20001)}` });
    expect(failed.statusCode).toBe(400);
    expect(failed.body).toContain("The reflective note must be 20000 characters or fewer");
    // And through the record form, a failing submission with the note in it.
    const bad = await formPost(t.app, `/supervision/people/${x.pat}/record`, lina, {
      "held_on-day": "",
      supervisor_person_id: x.lina,
      kind: "individual",
      status: "held",
      note: SECRET,
    });
    expect(bad.statusCode).toBe(400);
  }, 180_000);
  afterAll(() => t.close());

  it("is read and changed by the supervisee and the supervisor", async () => {
    for (const cookie of [pat, lina]) {
      const res = await get(noteUrl(), cookie);
      expect(res.statusCode).toBe(200);
      expect(text(html(res.body).querySelector("#note"))).toBe(SECRET);
    }
    const changed = await formPost(t.app, noteUrl(), lina, { note: `${SECRET}, and talked it through` });
    expect(changed.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom("supervision_notes")
      .select("note")
      .where("supervision_id", "=", x.patSupervision)
      .executeTakeFirstOrThrow();
    expect(row.note).toBe(`${SECRET}, and talked it through`);
  });

  it("answers 404 to every other role and person, HR and the QA lead included", async () => {
    const roles = Object.keys(x.f.roles).filter((r) => r !== "practitioner" && r !== "line_manager");
    for (const role of roles) {
      const cookie = await x.as(role);
      const token = await csrfTokenFrom(t.app, "/reference", cookie);
      expect((await get(noteUrl(), cookie)).statusCode, role).toBe(404);
      const post = await t.app.inject({
        method: "POST",
        url: noteUrl(),
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ note: "overwritten", _csrf: token }).toString(),
      });
      expect(post.statusCode, role).toBe(404);
    }
    // Lina is not Olive's supervisor: Olive's note is not hers, even for the QA lead who reaches Olive.
    expect((await get(`/supervision/records/${x.oliveSupervision}/note`, lina)).statusCode).toBe(404);
    expect(
      (await get(`/supervision/records/${x.oliveSupervision}/note`, await x.as("quality_assurance_lead")))
        .statusCode,
    ).toBe(404);
    expect((await get(`/supervision/records/${x.otherSupervision}/note`, pat)).statusCode).toBe(404);
    expect((await get("/supervision/records/not-a-record/note", pat)).statusCode).toBe(404);
  });

  it("is recorded in the audit trail only as changed, never its text", async () => {
    const events = await t.database.db
      .selectFrom("audit_events")
      .selectAll()
      .where("table_name", "=", "supervision_notes")
      .execute();
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.after ?? {}).not.toHaveProperty("note");
      expect(e.before ?? {}).not.toHaveProperty("note");
    }
    expect(events.some((e) => (e.changed ?? []).includes("note"))).toBe(true);
    const all = JSON.stringify(await t.database.db.selectFrom("audit_events").selectAll().execute());
    expect(all).not.toContain("mental health");
    expect(all).not.toContain(NOTE_TEXT);
  });

  it("never reaches the logs", () => {
    const all = logs.join("");
    expect(all).toContain(noteUrl()); // the requests were logged
    expect(all).not.toContain("mental health");
  });

  it("is left out of the records list, the export and the outbox", async () => {
    for (const url of [
      `/supervision/people/${x.pat}`,
      `/supervision/people/${x.pat}?format=csv`,
      `/supervision/people/${x.pat}?format=xlsx`,
    ]) {
      const res = await get(url, pat);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.toString("latin1")).not.toContain("mental health");
    }
    const emails = JSON.stringify(await t.database.db.selectFrom("outbox_messages").selectAll().execute());
    expect(emails).not.toContain("mental health");
  });

  it("goes, with the agreed actions, when the supervisee is anonymised", async () => {
    await t.app.platform.data.run(x.ctx, (db) => t.app.people.anonymise(db, x.pat));
    const notes = await t.database.db
      .selectFrom("supervision_notes")
      .select("note")
      .where("supervision_id", "=", x.patSupervision)
      .execute();
    expect(notes).toEqual([]);
    const record = await t.database.db
      .selectFrom("supervisions")
      .select(["actions", "held_on"])
      .where("id", "=", x.patSupervision)
      .executeTakeFirstOrThrow();
    expect(record).toEqual({ actions: null, held_on: "2026-11-02" });
  });
});
