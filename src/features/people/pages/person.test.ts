import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { seedPeopleFixture } from "../../../../test/support/people-fixture.js";

/** A person's profile, adding and changing people, recording a leaver and moving people. */
describe("a person's pages", () => {
  let t: TestApp;
  let id: Record<string, string>;
  let analyst: string;
  let manager: string;
  const ANALYST_ID = "00000000-0000-4000-8000-0000000000a1";

  beforeAll(async () => {
    t = await buildTestApp();
    ({ id } = await seedPeopleFixture(t.app, t.tenantId));
    analyst = await t.signIn({ userId: ANALYST_ID, roles: [{ role: "hr_workforce_analyst", unitId: null }] });
    manager = await t.signIn({ roles: [{ role: "senior_leader", unitId: null }] });
  });
  afterAll(() => t.close());

  const get = (url: string, cookie = analyst) => t.app.inject({ url, headers: { cookie } });
  const summary = (doc: ReturnType<typeof html>, heading: string) => {
    const h2 = doc.querySelectorAll("h2").find((h) => text(h) === heading);
    let el = h2?.nextElementSibling;
    while (el && el.tagName !== "DL") el = el.nextElementSibling;
    return Object.fromEntries(
      (el?.querySelectorAll(".govuk-summary-list__row") ?? []).map((row) => [
        text(row.querySelector(".govuk-summary-list__key")),
        {
          value: text(row.querySelector(".govuk-summary-list__value")),
          action: text(row.querySelector(".govuk-summary-list__actions")),
          href: row.querySelector(".govuk-summary-list__actions a")?.getAttribute("href") ?? null,
        },
      ]),
    );
  };
  const errorLinks = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary a")
      .map((a) => [text(a), a.getAttribute("href")]);

  describe("profile", () => {
    it("shows details with Change links, registration and the assignment timeline, newest first", async () => {
      const res = await get(`/people/${id.bob}`);
      expect(res.statusCode).toBe(200);
      const doc = html(res.body);
      expect(text(doc.querySelector("h1"))).toBe("Bob Brown");
      expect(summary(doc, "Details").Name).toEqual({
        value: "Bob Brown",
        action: "Change name",
        href: `/people/${id.bob}/edit#given_name`,
      });
      const timeline = doc
        .querySelectorAll("table tbody tr")
        .map((tr) => tr.querySelectorAll("td").map((td) => text(td)));
      expect(timeline).toEqual([
        ["1 June 2023 to now Current", "Family Support", "Family support worker", "Permanent", "0.5", ""],
        ["1 January 2023 to now Current", "Assessment", "Social worker", "Permanent", "0.5", ""],
      ]);
      expect(summary(doc, "Other systems")).toEqual({});
      expect(text(doc.querySelector("main"))).toContain("Not linked to a record in another system");
    });

    it("shows leaving details, and marks an ended assignment as not current", async () => {
      const doc = html((await get(`/people/${id.cara}`)).body);
      expect(text(doc.querySelector("main .govuk-tag"))).toBe("Left on 29 February 2024");
      const leaving = summary(doc, "Leaving");
      expect(leaving["Leaving date"]?.value).toBe("29 February 2024");
      expect(leaving.Reason?.value).toBe("Resignation");
      expect(leaving.Destination?.value).toBe("Social worker role in a different local authority in England");
      const row = doc.querySelector("table tbody tr");
      expect(text(row?.querySelector("td"))).toBe("1 January 2023 to 29 February 2024");
      expect(doc.querySelector(`a[href="/people/${id.cara}/leaver"]`)).toBeNull();
    });

    it("makes fields the HR feed owns read-only, and shows its identifier", async () => {
      const doc = html((await get(`/people/${id.eve}`)).body);
      const details = summary(doc, "Details");
      expect(details.Name).toEqual({ value: "Eve Evans", action: "From the HR system", href: null });
      expect(details.Email?.action).toBe("From the HR system");
      expect(details["Employee number"]?.action).toBe("From the HR system");
      expect(details["Start date"]).toEqual({
        value: "1 March 2023",
        action: "From the HR system",
        href: null,
      });
      expect(details.Phone?.href).toBe(`/people/${id.eve}/edit#phone`);
      expect(summary(doc, "Other systems")["HR system"]?.value).toBe("HR-0005");

      const edit = html((await get(`/people/${id.eve}/edit`)).body);
      expect(edit.querySelector("#given_name")).toBeNull();
      expect(edit.querySelector("#email")).toBeNull();
      expect(edit.querySelector("#started_on-day")).toBeNull();
      expect(edit.querySelector("#phone")).not.toBeNull();
      expect(text(edit.querySelector(".govuk-inset-text"))).toContain("These come from the HR system");
    });

    it("shows equality data only with people.equality.view", async () => {
      const withPermission = html((await get(`/people/${id.eve}`)).body);
      expect(summary(withPermission, "Equality information")).toMatchObject({
        "Date of birth": { value: "15 June 1985" },
        Gender: { value: "Female" },
        Ethnicity: { value: "White British" },
        Disability: { value: "No" },
      });
      const without = await get(`/people/${id.eve}`, manager);
      expect(without.statusCode).toBe(200);
      expect(without.body).not.toContain("Equality information");
      expect(without.body).not.toContain("1985");
      expect(without.body).not.toContain("White British");
      // and no Change links for someone who cannot change people
      expect(html(without.body).querySelector(".govuk-summary-list__actions a")).toBeNull();
    });

    it("exports the timeline as CSV", async () => {
      const res = await get(`/people/${id.bob}?format=csv`);
      expect(res.headers["content-type"]).toContain("text/csv");
      expect(res.body).toContain("2023-06-01,,Family Support,Family support worker,,Permanent,0.5,,");
    });

    it("answers 404 for a person who does not exist", async () => {
      for (const url of [
        "/people/00000000-0000-4000-8000-000000000999",
        "/people/00000000-0000-4000-8000-000000000999/edit",
        "/people/00000000-0000-4000-8000-000000000999/leaver",
        "/people/nobody",
      ]) {
        expect((await get(url)).statusCode, url).toBe(404);
      }
    });
  });

  describe("changing details", () => {
    it("reports every error at once, keeps what was typed and prefixes the title with Error:", async () => {
      const res = await formPost(t.app, `/people/${id.alice}/edit`, analyst, {
        given_name: "",
        family_name: "Adams",
        email: "not-an-email",
        phone: "",
        employee_number: "E001",
        "started_on-day": "30",
        "started_on-month": "2",
        "started_on-year": "2023",
        swe_number: "SW0123",
        swe_status: "registered",
      });
      expect(res.statusCode).toBe(400);
      const doc = html(res.body);
      expect(text(doc.querySelector("title"))).toMatch(/^Error: Change details for Alice Adams/);
      expect(errorLinks(res.body)).toEqual([
        ["Enter their first name", "#given_name"],
        ["Enter an email address in the correct format, like name@example.com", "#email"],
        ["Start date must be a real date", "#started_on-day"],
        ["Enter a Social Work England number in the correct format, like SW123456", "#swe_number"],
      ]);
      expect(doc.querySelector("#email")?.getAttribute("value")).toBe("not-an-email");
      expect(doc.querySelector("#swe_number")?.getAttribute("value")).toBe("SW0123");
      expect(doc.querySelector("#started_on-day")?.getAttribute("value")).toBe("30");
      expect(text(doc.querySelector("#email-error"))).toContain("Enter an email address");
      expect(doc.querySelector('input[name="swe_status"][value="registered"]')?.hasAttribute("checked")).toBe(
        true,
      );
    });

    it("saves a change as exactly one audit event and says so on the profile", async () => {
      const before = await countAudit(id.alice as string);
      const res = await formPost(t.app, `/people/${id.alice}/edit`, analyst, {
        given_name: "Alice",
        family_name: "Adams",
        preferred_name: "Ali",
        email: "alice.adams@example.org",
        phone: "01632 960 001",
        employee_number: "E001",
        "started_on-day": "1",
        "started_on-month": "1",
        "started_on-year": "2023",
        swe_number: "sw1001",
        swe_status: "registered_with_conditions",
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/people/${id.alice}`);
      const events = await auditEvents(id.alice as string);
      expect(events.length - before).toBe(1);
      const event = events.at(-1);
      expect(event?.actor).toBe(`user:${ANALYST_ID}`);
      expect(event?.action).toBe("update");
      expect(event?.changed).toEqual(expect.arrayContaining(["preferred_name", "phone", "swe_status"]));

      const doc = html((await get(`/people/${id.alice}`)).body);
      expect(text(doc.querySelector(".govuk-notification-banner"))).toContain("Details saved");
      expect(summary(doc, "Details")["Preferred name"]?.value).toBe("Ali");
      expect(summary(doc, "Social Work England registration").Status?.value).toBe(
        "Registered with conditions",
      );
    });

    it("changes what it may for someone the HR system knows, and never the HR system's fields", async () => {
      const res = await formPost(t.app, `/people/${id.eve}/edit`, analyst, {
        given_name: "Evelyn", // not on the form: ignored
        preferred_name: "Evie",
        phone: "",
        swe_number: "",
        swe_status: "none",
      });
      expect(res.statusCode).toBe(303);
      const profile = await t.app.people.profile(
        { tenantId: t.tenantId, actor: { id: "test" } },
        id.eve as string,
        {
          includeEquality: false,
        },
      );
      expect(profile?.person.given_name).toBe("Eve");
      expect(profile?.person.preferred_name).toBe("Evie");
    });

    it("shows a clash the service finds against the field", async () => {
      const res = await formPost(t.app, `/people/${id.bob}/edit`, analyst, {
        given_name: "Bob",
        family_name: "Brown",
        employee_number: "E005",
        swe_status: "none",
      });
      expect(res.statusCode).toBe(400);
      expect(errorLinks(res.body)).toEqual([
        ["Employee number E005 is already recorded for Eve Evans", "#employee_number"],
      ]);
      expect(html(res.body).querySelector("#employee_number")?.getAttribute("value")).toBe("E005");
    });

    it("is refused to those who may not change people", async () => {
      expect((await get(`/people/${id.bob}/edit`, manager)).statusCode).toBe(403);
    });
  });

  describe("adding a person", () => {
    it("reports every error at once", async () => {
      const res = await formPost(t.app, "/people/new", analyst, {
        given_name: "",
        family_name: "",
        swe_number: "SW1234567",
        org_unit_id: "",
        job_role_id: "",
        contract_type: "",
        fte: "2",
        "started_on-day": "",
        "started_on-month": "",
        "started_on-year": "",
      });
      expect(res.statusCode).toBe(400);
      expect(errorLinks(res.body)).toEqual([
        ["Enter their first name", "#given_name"],
        ["Enter their last name", "#family_name"],
        ["Enter a Social Work England number in the correct format, like SW123456", "#swe_number"],
        ["Select their team", "#org_unit_id"],
        ["Select their role", "#job_role_id"],
        ["Select their contract type", "#contract_type"],
        ["FTE must be more than 0 and no more than 1.5", "#fte"],
        ["Enter their start date", "#started_on-day"],
        ["Select their registration status", "#swe_status"],
      ]);
      const doc = html(res.body);
      for (const part of ["day", "month", "year"]) {
        expect(doc.querySelector(`#started_on-${part}`)?.classList.contains("govuk-input--error")).toBe(true);
      }
    });

    it("adds a person with their first assignment", async () => {
      const res = await formPost(t.app, "/people/new", analyst, {
        given_name: "Fay",
        family_name: "Foster",
        email: "fay.foster@example.org",
        employee_number: "E006",
        swe_number: "SW123456",
        swe_status: "registered",
        org_unit_id: id.T1 as string,
        job_role_id: id.SW as string,
        contract_type: "fixed_term",
        fte: "0.6",
        "started_on-day": "2",
        "started_on-month": "Sep",
        "started_on-year": "2024",
      });
      expect(res.statusCode).toBe(303);
      const doc = html((await get(res.headers.location as string)).body);
      expect(text(doc.querySelector("h1"))).toBe("Fay Foster");
      expect(text(doc.querySelector(".govuk-notification-banner"))).toContain("Fay Foster has been added");
      expect(text(doc.querySelector("table tbody tr"))).toContain("2 September 2024 to now");
      expect(text(doc.querySelector("table tbody tr"))).toContain("Fixed-term");
    });
  });

  describe("recording a leaver", () => {
    it("reports every error at once", async () => {
      const res = await formPost(t.app, `/people/${id.alice}/leaver`, analyst, {
        "left_on-day": "",
        "left_on-month": "5",
        "left_on-year": "",
        exit_notes: "x".repeat(2001),
      });
      expect(res.statusCode).toBe(400);
      expect(errorLinks(res.body)).toEqual([
        ["Leaving date must include a day and year", "#left_on-day"],
        ["Select why they left", "#reason_code"],
        ["Exit notes must be 2000 characters or fewer", "#exit_notes"],
      ]);
      const doc = html(res.body);
      expect(doc.querySelector("#left_on-month")?.getAttribute("value")).toBe("5");
      expect(doc.querySelector("#left_on-month")?.classList.contains("govuk-input--error")).toBe(false);
      expect(doc.querySelector("#left_on-year")?.classList.contains("govuk-input--error")).toBe(true);
    });

    it("refuses a leaving date before their latest assignment began", async () => {
      const res = await formPost(t.app, `/people/${id.bob}/leaver`, analyst, {
        "left_on-day": "1",
        "left_on-month": "3",
        "left_on-year": "2023",
        reason_code: "1",
      });
      expect(res.statusCode).toBe(400);
      expect(errorLinks(res.body)).toEqual([
        ["Leaving date must be on or after the start of their latest assignment", "#left_on-day"],
      ]);
    });

    it("records a leaver, ends their assignments and the team's FTE drops from the next day", async () => {
      const fteInPost = async (asAt: string) => {
        const doc = html((await get(`/organisation/units/${id.T1}?asAt=${asAt}`)).body);
        const row = doc
          .querySelectorAll(".govuk-summary-list__row")
          .find((r) => text(r.querySelector("dt")) === "FTE in post");
        return text(row?.querySelector("dd"));
      };
      expect(await fteInPost("2026-12-01")).toBe("2.1"); // Alice 1, Bob 0.5, Fay 0.6

      const res = await formPost(t.app, `/people/${id.alice}/leaver`, analyst, {
        "left_on-day": "30",
        "left_on-month": "11",
        "left_on-year": "2026",
        reason_code: "5",
        destination_code: "8",
        exit_themes: "workload",
        exit_notes: "Would come back part-time.",
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/people/${id.alice}`);
      const doc = html((await get(`/people/${id.alice}`)).body);
      expect(text(doc.querySelector(".govuk-notification-banner"))).toContain(
        "Leaving recorded: the last day is 30 November 2026",
      );
      const leaving = summary(doc, "Leaving");
      expect(leaving.Reason?.value).toBe("Retired");
      expect(leaving["Exit conversation themes"]?.value).toBe("Workload");
      expect(leaving["Exit notes (private)"]?.value).toBe("Would come back part-time.");
      expect(text(doc.querySelector("table tbody tr td"))).toBe("1 January 2023 to 30 November 2026 Current");

      expect(await fteInPost("2026-11-30")).toBe("2.1");
      expect(await fteInPost("2026-12-01")).toBe("1.1");

      // The private note is not shown to someone who cannot change people
      const asManager = await get(`/people/${id.alice}`, manager);
      expect(asManager.body).not.toContain("Would come back part-time.");
    });
  });

  describe("moving people", () => {
    it("lists the team's people to choose from, and reports every error at once", async () => {
      const page = html((await get(`/people/move?from=${id.T1}`)).body);
      expect(page.querySelectorAll('input[name="person_ids"]').map((i) => i.getAttribute("value"))).toEqual(
        expect.arrayContaining([id.bob, id.dan]),
      );
      const res = await formPost(
        t.app,
        "/people/move",
        analyst,
        { from: id.T1 as string, to_unit_id: "" },
        {
          pageUrl: `/people/move?from=${id.T1}`,
        },
      );
      expect(res.statusCode).toBe(400);
      expect(errorLinks(res.body)).toEqual([
        ["Select the people who are moving", "#person_ids"],
        ["Select the team they are moving to", "#to_unit_id"],
        ["Enter the date of the move", "#moved_on-day"],
      ]);
    });

    it("moves people on a date: the old team before it, the new team from it", async () => {
      const token = html((await get(`/people/move?from=${id.T1}`)).body)
        .querySelector('input[name="_csrf"]')
        ?.getAttribute("value");
      const res = await t.app.inject({
        method: "POST",
        url: "/people/move",
        headers: { cookie: analyst, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams([
          ["_csrf", token ?? ""],
          ["from", id.T1 as string],
          ["person_ids", id.dan as string],
          ["to_unit_id", id.S2 as string],
          ["moved_on-day", "1"],
          ["moved_on-month", "7"],
          ["moved_on-year", "2024"],
        ]).toString(),
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/organisation/units/${id.S2}?asAt=2024-07-01`);
      const team = html((await get(res.headers.location as string)).body);
      expect(text(team.querySelector(".govuk-notification-banner"))).toContain(
        "1 person moves to Early Help from 1 July 2024",
      );
      expect(team.querySelectorAll("table tbody th a").map((a) => text(a))).toContain("Dan Davis");
      const names = async (url: string) =>
        html((await get(url)).body)
          .querySelectorAll("table tbody th a")
          .map((a) => text(a));
      expect(await names(`/people?unit=${id.T1}&asAt=2024-06-30`)).toContain("Dan Davis");
      expect(await names(`/people?unit=${id.T1}&asAt=2024-07-01`)).not.toContain("Dan Davis");
    });
  });

  async function auditEvents(recordId: string) {
    return t.app.platform.data.run({ tenantId: t.tenantId, actor: { id: "test" } }, (db) =>
      db
        .selectFrom("audit_events")
        .select(["actor", "action", "changed", "table_name"])
        .where("record_id", "=", recordId)
        .orderBy("id")
        .execute(),
    );
  }
  async function countAudit(recordId: string) {
    return (await auditEvents(recordId)).length;
  }
});
