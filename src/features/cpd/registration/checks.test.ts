import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../../test/support/app.js";
import { csrfTokenFrom, csvUpload, formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import type { PeopleFixture } from "../../../../test/support/people-fixture.js";
import { seedRegisteredApp } from "./test-fixture.js";

/** Register checks by hand and by feed, and the register check list after 30 November. */
describe("register checks", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let hr: string;
  const id = (key: string) => f.id[key] as string;

  beforeAll(async () => {
    ({ t, f } = await seedRegisteredApp());
    hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: id("S1") }] });
  });
  afterAll(() => t.close());

  const db = () => t.database.db;
  const checks = () => db().selectFrom("cpd_register_checks").selectAll().orderBy("created_at").execute();
  const person = (key: string) =>
    db()
      .selectFrom("people")
      .select(["swe_number", "swe_status", "swe_last_checked_on"])
      .where("id", "=", id(key))
      .executeTakeFirstOrThrow();
  const summary = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary li")
      .map((li) => text(li));

  describe("by hand", () => {
    const url = () => `/cpd/registration/people/${id("dan")}/check`;

    it("refuses an empty or wrong form with an error summary, and writes nothing", async () => {
      const empty = await formPost(t.app, url(), hr, { swe_number: "" });
      expect(empty.statusCode).toBe(400);
      expect(text(html(empty.body).querySelector("title"))).toMatch(/^Error: /);
      expect(summary(empty.body)).toEqual([
        "Enter the registration number",
        "Select the status on the register",
        "Enter the date you checked the register",
      ]);
      const wrong = await formPost(t.app, url(), hr, {
        swe_number: "SW0123",
        status: "lapsed",
        "checked_on-day": "31",
        "checked_on-month": "2",
        "checked_on-year": "2026",
      });
      expect(wrong.statusCode).toBe(400);
      expect(summary(wrong.body)).toEqual([
        "Enter a registration number like SW123456",
        "Select the status on the register",
        "Date checked must be a real date",
      ]);
      const future = await formPost(t.app, url(), hr, {
        swe_number: "SW1004",
        status: "registered",
        "checked_on-day": "1",
        "checked_on-month": "1",
        "checked_on-year": "2027",
      });
      expect(summary(future.body)).toEqual(["Date checked must be today or in the past"]);
      const taken = await formPost(t.app, url(), hr, {
        swe_number: "SW1001",
        status: "registered",
        "checked_on-day": "20",
        "checked_on-month": "11",
        "checked_on-year": "2026",
      });
      expect(summary(taken.body)).toEqual(["Another person has this registration number"]);
      expect(await checks()).toEqual([]);
      expect(await person("dan")).toEqual({
        swe_number: "SW1004",
        swe_status: "registered",
        swe_last_checked_on: null,
      });
    });

    it("records the check and updates the person's status in the same step", async () => {
      const res = await formPost(t.app, url(), hr, {
        swe_number: "sw1004",
        status: "registered_with_conditions",
        "checked_on-day": "20",
        "checked_on-month": "11",
        "checked_on-year": "2026",
        note: "Conditions of practice order",
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/cpd/registration/people");
      expect(await person("dan")).toEqual({
        swe_number: "SW1004",
        swe_status: "registered_with_conditions",
        swe_last_checked_on: "2026-11-20",
      });
      expect(await checks()).toMatchObject([
        { status: "registered_with_conditions", source: "manual", note: "Conditions of practice order" },
      ]);
      const list = await t.app.inject({ url: "/cpd/registration/people", headers: { cookie: hr } });
      expect(text(html(list.body).querySelector(".govuk-notification-banner"))).toContain(
        "Register check recorded: registered with conditions on 20 November 2026",
      );
    });

    it("is only for HR, and a person out of scope answers 404", async () => {
      const manager = await t.signIn({ roles: [{ role: "service_manager", unitId: id("S1") }] });
      expect((await t.app.inject({ url: url(), headers: { cookie: manager } })).statusCode).toBe(403);
      const elsewhere = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: id("S2") }] });
      expect((await t.app.inject({ url: url(), headers: { cookie: elsewhere } })).statusCode).toBe(404);
      const token = await csrfTokenFrom(t.app, "/cpd/registration/checks/upload", elsewhere);
      const post = await t.app.inject({
        method: "POST",
        url: url(),
        headers: { cookie: elsewhere, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: token, swe_number: "SW1004", status: "removed" }).toString(),
      });
      expect(post.statusCode).toBe(404);
      expect(
        (await t.app.inject({ url: "/cpd/registration/people/not-a-uuid/check", headers: { cookie: hr } }))
          .statusCode,
      ).toBe(404);
    });
  });

  describe("from a feed", () => {
    const upload = (csv: string, cookie = hr) =>
      csvUpload(t.app, "/cpd/registration/checks/upload", cookie, csv, { filename: "register.csv" });
    const report = (body: string) =>
      html(body)
        .querySelectorAll("#report .govuk-summary-list__row")
        .map((r) => text(r));
    const refused = (body: string) =>
      html(body)
        .querySelectorAll("#refused tbody tr")
        .map((r) => text(r));

    const file = [
      "employee_number,swe_number,status,checked_on",
      "E001,,registered,21/11/2026",
      ",SW1002,Suspended,2026-11-21",
      "E999,,registered,2026-11-21",
      ",SW1001,lapsed,2026-11-21",
      ",SW1004,registered,2026-02-30",
      ",,registered,2026-11-21",
    ].join("\n");

    it("applies each row it can and reports the rows it refuses", async () => {
      const before = (await checks()).length;
      const res = await upload(file);
      expect(res.statusCode).toBe(200);
      expect(report(res.body)).toEqual([
        "Rows in the file 6",
        "Checks recorded 2",
        "Already recorded (no change) 0",
        "Rows refused 4",
      ]);
      expect(refused(res.body)).toEqual([
        "4 No person with employee number E999",
        '5 Unknown status "lapsed"',
        '6 The date checked "2026-02-30" is not a real date',
        "7 No employee number or registration number",
      ]);
      expect((await checks()).length).toBe(before + 2);
      expect(await person("alice")).toMatchObject({
        swe_status: "registered",
        swe_last_checked_on: "2026-11-21",
      });
      expect(await person("bob")).toMatchObject({
        swe_status: "suspended",
        swe_last_checked_on: "2026-11-21",
      });
    });

    it("changes nothing when the same file comes again", async () => {
      const before = await checks();
      const res = await upload(file);
      expect(report(res.body)).toEqual([
        "Rows in the file 6",
        "Checks recorded 0",
        "Already recorded (no change) 2",
        "Rows refused 4",
      ]);
      expect(await checks()).toEqual(before);
    });

    it("refuses a file without the columns it needs, with an error summary", async () => {
      const res = await upload("name,when\nAlice,today\n");
      expect(res.statusCode).toBe(400);
      expect(summary(res.body)).toEqual(["The selected file must have the columns status and checked_on"]);
      const none = await upload("");
      expect(none.statusCode).toBe(400);
      expect(summary(none.body)).toEqual(["Select a CSV file"]);
    });

    it("refuses a person without a registration number, and people outside the uploader's scope", async () => {
      const res = await upload("employee_number,status,checked_on\nE005,registered,2026-11-21\n");
      expect(refused(res.body)).toEqual(["2 No registration number for this person"]);
      // HR for Family Support only: Alice (Assessment) is out of reach, as if unknown.
      const familySupport = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: id("T2") }] });
      const before = await checks();
      const out = await upload("employee_number,status,checked_on\nE001,removed,2026-11-22\n", familySupport);
      expect(refused(out.body)).toEqual(["2 No person with employee number E001"]);
      expect(await checks()).toEqual(before);
    });
  });

  describe("the register check after 30 November", () => {
    it("lists those suspended, changed since the deadline or not checked since", async () => {
      t.clock.set("2026-12-05T09:00:00Z");
      try {
        // Alice is checked after the deadline, unchanged; Dan's status changes after it.
        await t.app.cpdRegistration.recordCheck(f.ctx, id("alice"), {
          status: "registered",
          checkedOn: "2026-12-02",
          sweNumber: "SW1001",
          note: null,
        });
        await t.app.cpdRegistration.recordCheck(f.ctx, id("dan"), {
          status: "registered",
          checkedOn: "2026-12-03",
          sweNumber: "SW1004",
          note: null,
        });
        const manager = await t.signIn({ roles: [{ role: "service_manager", unitId: id("S1") }] });
        const res = await t.app.inject({
          url: "/cpd/registration/register-check",
          headers: { cookie: manager },
        });
        expect(res.statusCode).toBe(200);
        const page = html(res.body);
        expect(text(page.querySelector("h1"))).toBe("Register check after 30 November 2026");
        expect(page.querySelectorAll("#people tbody tr").map((r) => text(r))).toEqual([
          "Bob Brown Assessment SW1002 Suspended Registration suspended 21 November 2026",
          "Dan Davis Assessment SW1004 Registered Changed from registered with conditions to registered on 3 December 2026 3 December 2026",
        ]);
        const csv = await t.app.inject({
          url: "/cpd/registration/register-check?format=csv",
          headers: { cookie: manager },
        });
        expect(csv.body).toContain("Bob Brown,Assessment,SW1002,Suspended,Registration suspended,2026-11-21");
        const outside = await t.signIn({ roles: [{ role: "service_manager", unitId: id("S2") }] });
        const none = await t.app.inject({
          url: "/cpd/registration/register-check",
          headers: { cookie: outside },
        });
        expect(html(none.body).querySelectorAll("#people tbody tr")).toHaveLength(0);
        const team = await t.app.inject({
          url: `/cpd/registration/register-check?unit=${id("T1")}`,
          headers: { cookie: outside },
        });
        expect(team.statusCode).toBe(404);
      } finally {
        t.clock.set("2026-11-23T09:00:00Z");
      }
    });
  });
});
