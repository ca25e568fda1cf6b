import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csrfTokenFrom, formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { NOTE_TEXT, type RecordsFixture, seedRecordsFixture } from "./test-fixture.js";

/**
 * A person's supervision page, recording, changing and confirming supervisions, with the access
 * fixture: Lina (line manager) supervises Pat (practitioner, her indirect report); Sam (service
 * manager) reaches Pat through his service; Olive is in another directorate. Today is
 * 23 November 2026; the default rule is every 4 weeks.
 */
describe("supervision records pages", () => {
  let t: TestApp;
  let x: RecordsFixture;
  let lina: string;
  let pat: string;
  let sam: string;

  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const errors = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => text(a));
  const recordsOf = (personId: string) =>
    t.database.db
      .selectFrom("supervisions")
      .selectAll()
      .where("person_id", "=", personId)
      .orderBy("created_at")
      .execute();
  const held = (day: string, extra: Record<string, string> = {}) => ({
    "held_on-day": day,
    "held_on-month": "11",
    "held_on-year": "2026",
    supervisor_person_id: x.lina,
    kind: "individual",
    status: "held",
    duration: "90",
    actions: "Update the chronology",
    ...extra,
  });

  beforeAll(async () => {
    t = await buildTestApp();
    x = await seedRecordsFixture(t);
    lina = await x.as("line_manager");
    pat = await x.as("practitioner");
    sam = await x.as("service_manager");
  }, 180_000);
  afterAll(() => t.close());

  describe("a person's supervision page", () => {
    it("shows the status, the rule in words, the agreement and the records, never the note", async () => {
      const res = await get(`/supervision/people/${x.pat}`, lina);
      expect(res.statusCode).toBe(200);
      const doc = html(res.body);
      expect(text(doc.querySelector("#status"))).toContain("Every 4 weeks (the default rule)");
      // Last held 2 November 2026, due 4 weeks later: 30 November, within the 7 "due soon" days.
      expect(text(doc.querySelector("#status"))).toContain("2 November 2026");
      expect(text(doc.querySelector("#status"))).toMatch(/Due next due 30 November 2026/);
      expect(text(doc.querySelector("#agreement"))).toContain("5 January 2026");
      expect(doc.querySelector(`a[href="/supervision/people/${x.pat}/agreement"]`)).not.toBeNull();
      const rows = doc.querySelectorAll("#records tbody tr").map((r) => text(r));
      expect(rows).toEqual(["2 November 2026 Individual Lina Line Held 90 minutes Recorded Not yet"]);
      expect(res.body).not.toContain(NOTE_TEXT);
      expect(doc.querySelector(`a[href="/supervision/people/${x.pat}/record"]`)).not.toBeNull();
    });

    it("is the practitioner's own, without the record button", async () => {
      const res = await get(`/supervision/people/${x.pat}`, pat);
      expect(res.statusCode).toBe(200);
      expect(text(html(res.body).querySelector("h1"))).toBe("Your supervision");
      expect(html(res.body).querySelector(`a[href="/supervision/people/${x.pat}/record"]`)).toBeNull();
      expect(res.body).not.toContain(NOTE_TEXT);
    });

    it("answers 404 for someone out of scope, in another council or not a UUID", async () => {
      expect((await get(`/supervision/people/${x.olive}`, lina)).statusCode).toBe(404);
      expect((await get(`/supervision/people/${x.olive}`, sam)).statusCode).toBe(404);
      expect((await get(`/supervision/people/${x.lina}`, pat)).statusCode).toBe(404);
      expect((await get(`/supervision/people/${x.f.other.person}`, lina)).statusCode).toBe(404);
      expect((await get("/supervision/people/not-a-person", lina)).statusCode).toBe(404);
      expect(
        (await get(`/supervision/people/${x.olive}`, await x.as("quality_assurance_lead"))).statusCode,
      ).toBe(200);
    });

    it("exports the records as CSV and Excel without the note", async () => {
      const csv = await get(`/supervision/people/${x.pat}?format=csv`, lina);
      expect(csv.statusCode).toBe(200);
      const lines = csv.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\n");
      expect(lines[0]).toBe(
        "Date,Kind,Supervisor,Held or cancelled,Rearranged for,Duration (minutes),Source,Confirmed on",
      );
      expect(lines[1]).toBe("2026-11-02,Individual,Lina Line,Held,,90,Recorded,");
      expect(csv.body).not.toContain(NOTE_TEXT);
      const xlsx = await get(`/supervision/people/${x.pat}?format=xlsx`, lina);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.toString("latin1")).not.toContain("last visit");
    });
  });

  describe("recording a supervision", () => {
    it("reports every problem at once and writes nothing", async () => {
      const before = (await recordsOf(x.pat)).length;
      const res = await formPost(t.app, `/supervision/people/${x.pat}/record`, lina, {
        "held_on-day": "31",
        "held_on-month": "2",
        "held_on-year": "2026",
        supervisor_person_id: "",
        kind: "",
        status: "cancelled",
        cancelled_reason: "",
        duration: "",
      });
      expect(res.statusCode).toBe(400);
      expect(errors(res.body)).toEqual([
        "Date of the supervision must be a real date",
        "Select the supervisor",
        "Select the kind of supervision",
        "Enter why the supervision was cancelled",
      ]);
      expect((await recordsOf(x.pat)).length).toBe(before);
    });

    it("refuses a held supervision in the future and a bad duration", async () => {
      const future = await formPost(t.app, `/supervision/people/${x.pat}/record`, lina, held("30"));
      expect(future.statusCode).toBe(400);
      expect(errors(future.body)).toEqual([
        "The date of a supervision that was held must be today or in the past",
      ]);
      const long = await formPost(
        t.app,
        `/supervision/people/${x.pat}/record`,
        lina,
        held("20", { duration: "ninety" }),
      );
      expect(errors(long.body)).toEqual([
        "Duration must be a whole number of minutes from 1 to 600, like 90",
      ]);
    });

    it("records a held supervision, with the note, and asks the supervisee to confirm by email", async () => {
      const form = await get(`/supervision/people/${x.pat}/record`, lina);
      expect(form.statusCode).toBe(200);
      const selected = html(form.body).querySelector("#supervisor_person_id option[selected]");
      expect(selected?.getAttribute("value")).toBe(x.lina);
      const res = await formPost(
        t.app,
        `/supervision/people/${x.pat}/record`,
        lina,
        held("20", { note: "Pat spoke about a hard week" }),
      );
      expect(res.statusCode).toBe(303);
      const rows = await recordsOf(x.pat);
      const made = rows[rows.length - 1];
      expect(made).toMatchObject({
        held_on: "2026-11-20",
        kind: "individual",
        status: "held",
        duration_minutes: 90,
        supervisor_person_id: x.lina,
        source: "recorded",
        confirmed_on: null,
      });
      expect(res.headers.location).toBe(`/supervision/records/${made?.id}`);
      const emails = await t.database.db.selectFrom("outbox_messages").selectAll().execute();
      const email = emails.find((e) => e.to_address === "pat@council.example");
      expect(email?.subject).toBe("Please confirm your supervision record");
      expect(email?.body).toContain(`/supervision/records/${made?.id}`);
      expect(JSON.stringify(emails)).not.toContain("hard week");
      // The status moves on: last held 20 November, due 18 December.
      const page = await get(`/supervision/people/${x.pat}`, lina);
      expect(text(html(page.body).querySelector("#status"))).toContain("In date next due 18 December 2026");
    });

    it("records a cancelled supervision with its reason and rearranged date", async () => {
      const res = await formPost(t.app, `/supervision/people/${x.pat}/record`, lina, {
        ...held("23"),
        "held_on-day": "1",
        "held_on-month": "12",
        status: "cancelled",
        cancelled_reason: "Court hearing",
        "rearranged_on-day": "4",
        "rearranged_on-month": "12",
        "rearranged_on-year": "2026",
      });
      expect(res.statusCode).toBe(303);
      const made = (await recordsOf(x.pat)).find((r) => r.status === "cancelled");
      expect(made).toMatchObject({
        held_on: "2026-12-01",
        cancelled_reason: "Court hearing",
        rearranged_on: "2026-12-04",
        duration_minutes: null,
      });
    });

    it("refuses a note from someone who is not the supervisor", async () => {
      const res = await formPost(
        t.app,
        `/supervision/people/${x.pat}/record`,
        sam,
        held("19", { note: "Written by someone else" }),
      );
      expect(res.statusCode).toBe(400);
      expect(errors(res.body)[0]).toContain("Only the supervisor can write the reflective note");
    });

    it("is not for oneself, for those out of scope, or for practitioners", async () => {
      expect((await get(`/supervision/people/${x.lina}/record`, lina)).statusCode).toBe(404);
      expect((await get(`/supervision/people/${x.olive}/record`, lina)).statusCode).toBe(404);
      expect((await get(`/supervision/people/${x.pat}/record`, pat)).statusCode).toBe(403);
      const token = await csrfTokenFrom(t.app, `/supervision/people/${x.pat}/record`, lina);
      const own = await t.app.inject({
        method: "POST",
        url: `/supervision/people/${x.lina}/record`,
        headers: { cookie: lina, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ ...held("20"), supervisor_person_id: x.sam, _csrf: token }).toString(),
      });
      expect(own.statusCode).toBe(404);
    });
  });

  describe("a record, its confirmation and changes", () => {
    it("the supervisee confirms; nobody else can", async () => {
      const url = `/supervision/records/${x.patSupervision}`;
      const page = await get(url, pat);
      expect(page.statusCode).toBe(200);
      expect(html(page.body).querySelector(`form[action="${url}/confirm"]`)).not.toBeNull();
      const post = async (cookie: string) =>
        t.app.inject({
          method: "POST",
          url: `${url}/confirm`,
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams({ _csrf: await csrfTokenFrom(t.app, url, cookie) }).toString(),
        });
      expect((await post(lina)).statusCode).toBe(404);
      const confirmed = await post(pat);
      expect(confirmed.statusCode).toBe(303);
      const row = await t.database.db
        .selectFrom("supervisions")
        .select("confirmed_on")
        .where("id", "=", x.patSupervision)
        .executeTakeFirstOrThrow();
      expect(row.confirmed_on).toBe("2026-11-23");
    });

    it("the supervisor changes it, and it needs confirming again", async () => {
      const url = `/supervision/records/${x.patSupervision}/edit`;
      expect((await get(url, pat)).statusCode).toBe(403);
      expect((await get(url, sam)).statusCode).toBe(404); // neither recorder nor supervisor
      const form = await get(url, lina);
      expect(form.statusCode).toBe(200);
      expect(html(form.body).querySelector("#held_on-day")?.getAttribute("value")).toBe("2");
      const bad = await formPost(t.app, url, lina, { ...held("2"), status: "" });
      expect(errors(bad.body)).toEqual(["Select whether the supervision was held or cancelled"]);
      const res = await formPost(t.app, url, lina, held("2", { duration: "75" }));
      expect(res.statusCode).toBe(303);
      const row = await t.database.db
        .selectFrom("supervisions")
        .select(["confirmed_on", "duration_minutes"])
        .where("id", "=", x.patSupervision)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ confirmed_on: null, duration_minutes: 75 });
    });

    it("shows the record to those in scope, the note only to the supervisee and the supervisor", async () => {
      const url = `/supervision/records/${x.patSupervision}`;
      for (const cookie of [pat, lina]) {
        const res = await get(url, cookie);
        expect(res.statusCode).toBe(200);
        expect(text(html(res.body).querySelector("#note"))).toBe(NOTE_TEXT);
      }
      for (const role of [
        "service_manager",
        "hr_workforce_analyst",
        "quality_assurance_lead",
        "senior_leader",
      ]) {
        const res = await get(url, await x.as(role));
        expect(res.statusCode, role).toBe(200);
        expect(res.body, role).not.toContain(NOTE_TEXT);
        expect(res.body, role).not.toContain("Reflective note");
      }
      expect((await get(`/supervision/records/${x.oliveSupervision}`, lina)).statusCode).toBe(404);
      expect((await get(`/supervision/records/${x.otherSupervision}`, lina)).statusCode).toBe(404);
      expect((await get("/supervision/records/nope", lina)).statusCode).toBe(404);
    });
  });
});
