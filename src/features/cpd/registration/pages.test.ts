import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { html, text } from "../../../../test/support/html.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";
import { addEntries, setRegistration } from "./test-support.js";

/**
 * The readiness pages on the people fixture, on 23 November 2026 (registration year 2025 to 2026,
 * renewal window open):
 *   Alice  SW1001 registered, two final pieces, one with a peer reflection: met
 *   Dan    SW1004 registered, one final piece and a draft: not met; reports to Alice
 *   Bob    SW1002 suspended
 *   Eve    no registration (not listed)
 */
describe("Social Work England readiness pages", () => {
  let t: TestApp;
  let f: PeopleFixture;
  let aliceEntries: string[];

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPeopleFixture(t.app, t.tenantId);
    const id = f.id as Record<string, string>;
    await setRegistration(t.app, f.ctx, id.alice as string, {
      number: "SW1001",
      status: "registered",
      first: "2015-06-01",
    });
    await setRegistration(t.app, f.ctx, id.dan as string, {
      number: "SW1004",
      status: "registered",
      first: "2020-06-01",
    });
    await setRegistration(t.app, f.ctx, id.bob as string, {
      number: "SW1002",
      status: "suspended",
      first: "2018-06-01",
    });
    await t.app.platform.data.run(f.ctx, (db) =>
      db
        .updateTable("assignments")
        .set({ line_manager_person_id: id.alice as string })
        .where("person_id", "=", id.dan as string)
        .execute(),
    );
    aliceEntries = await addEntries(t.app, f.ctx, id.alice as string, [
      {
        on: "2026-01-15",
        title: "Court skills",
        peer: true,
        kind: "course",
        standards: [3, 5],
        learnt: "How to give evidence clearly.",
        impact: "My statements are shorter and sharper.",
      },
      { on: "2026-06-02", title: "Reading on neglect", standards: [1] },
      { on: "2026-07-02", title: "Unfinished reflection", status: "draft" },
      { on: "2025-11-20", title: "Last year's piece" },
    ]);
    await addEntries(t.app, f.ctx, id.dan as string, [
      { on: "2026-02-01", title: "Signs of Safety refresher" },
      { on: "2026-03-01", title: "Draft piece", status: "draft", peer: true },
    ]);
  });
  afterAll(() => t.close());

  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const practitioner = (personId: string | undefined) =>
    t.signIn({ roles: [{ role: "practitioner", unitId: null }], personId: personId ?? null });

  describe("/cpd/registration", () => {
    it("shows the signed-in person their readiness, counted entries and the dates", async () => {
      const res = await get("/cpd/registration", await practitioner(f.id.alice));
      expect(res.statusCode).toBe(200);
      const page = html(res.body);
      expect(text(page.querySelector("#readiness-state"))).toBe("Met");
      expect(text(page.querySelector("main"))).toContain("between 1 September 2026 and 30 November 2026");
      const rows = page.querySelectorAll("#entries tbody tr").map((r) => text(r));
      expect(rows).toEqual([
        "Court skills 15 January 2026 Course Yes Counts",
        "Reading on neglect 2 June 2026 Reading or research No Counts",
        "Unfinished reflection 2 July 2026 Reading or research No Not counted: a draft",
      ]);
      expect(page.querySelector("#entries a")?.getAttribute("href")).toBe(`/cpd/entries/${aliceEntries[0]}`);
    });

    it("says what is missing", async () => {
      const res = await get("/cpd/registration", await practitioner(f.id.dan));
      const page = html(res.body);
      expect(text(page.querySelector("#readiness-state"))).toBe("Not met yet");
      expect(page.querySelectorAll("#missing li").map((li) => text(li))).toEqual([
        "1 more piece of CPD",
        "a peer reflection",
      ]);
    });

    it("offers earlier years and refuses a year it does not offer", async () => {
      const res = await get("/cpd/registration?year=2025", await practitioner(f.id.alice));
      expect(res.statusCode).toBe(200);
      const page = html(res.body);
      expect(text(page.querySelector("h1 + p, .govuk-caption-l"))).toContain("2024 to 2025");
      expect(page.querySelectorAll("#entries tbody tr").map((r) => text(r))[0]).toContain(
        "Last year's piece",
      );
      expect((await get("/cpd/registration?year=1999", await practitioner(f.id.alice))).statusCode).toBe(404);
      expect((await get("/cpd/registration?year=abc", await practitioner(f.id.alice))).statusCode).toBe(404);
    });

    it("explains when the account has no person record", async () => {
      const res = await get("/cpd/registration", await practitioner(undefined));
      expect(res.statusCode).toBe(200);
      expect(text(html(res.body).querySelector("main"))).toContain("not linked to a person record");
    });

    it("says someone without a registration has nothing to meet", async () => {
      const res = await get("/cpd/registration", await practitioner(f.id.eve));
      expect(text(html(res.body).querySelector("#readiness-state"))).toBe("Not registered");
    });
  });

  describe("the year's download", () => {
    it("lays out the year's final CPD as plain text to copy into Social Work England", async () => {
      const res = await get("/cpd/registration/download?year=2026", await practitioner(f.id.alice));
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(res.headers["content-disposition"]).toBe('attachment; filename="cpd-2025-to-2026.txt"');
      const body = res.body;
      expect(body).toContain("Registration number: SW1001");
      expect(body).toContain("Registration year: 1 December 2025 to 30 November 2026");
      expect(body).toContain(
        "--- 1 of 2 ---\r\nTitle: Court skills\r\nDate: 15 January 2026\r\nType of CPD: Course",
      );
      expect(body).toContain("How to give evidence clearly.");
      expect(body).toContain("My statements are shorter and sharper.");
      expect(body).toContain(
        "Professional standards: 3. Be accountable for the quality of my practice and the decisions I make; 5. Act safely, respectfully and with professional integrity",
      );
      expect(body).toContain("Peer reflection: With Priya Peer on 15 January 2026: We talked it through.");
      expect(body).not.toContain("Unfinished reflection");
      expect(body).not.toContain("Last year's piece");
    });

    it("also gives a CSV", async () => {
      const res = await get(
        "/cpd/registration/download?year=2026&format=csv",
        await practitioner(f.id.alice),
      );
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("text/csv");
      const lines = res.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\n");
      expect(lines[0]).toContain("Title,Date,Type of CPD");
      expect(lines).toHaveLength(3);
    });

    it("answers 404 without a person record", async () => {
      expect((await get("/cpd/registration/download", await practitioner(undefined))).statusCode).toBe(404);
    });
  });

  describe("/cpd/registration/people", () => {
    const serviceManager = () =>
      t.signIn({ roles: [{ role: "service_manager", unitId: f.id.S1 as string }] });

    it("lists the people in scope, those not yet meeting it first, with counts", async () => {
      const res = await get("/cpd/registration/people", await serviceManager());
      expect(res.statusCode).toBe(200);
      const page = html(res.body);
      expect(text(page.querySelector("h1"))).toBe(
        "Who is not yet meeting Social Work England's CPD requirement",
      );
      const rows = page.querySelectorAll("#people tbody tr").map((r) => text(r));
      expect(rows).toEqual([
        "Dan Davis Assessment SW1004 Not met yet 1 more piece of CPD and a peer reflection Never",
        "Bob Brown Assessment SW1002 Registration suspended Never",
        "Alice Adams Assessment SW1001 Met Never",
      ]);
      const counts = Object.fromEntries(
        page
          .querySelectorAll("#counts td")
          .map((td) => [td.getAttribute("data-state"), text(td).split(" ")[0]]),
      );
      expect(counts).toEqual({ not_met: "1", suspended: "1", met: "1", not_required: "0" });
    });

    it("filters by state and team, and answers 404 for a team out of scope", async () => {
      const cookie = await serviceManager();
      const met = html((await get("/cpd/registration/people?state=met", cookie)).body);
      expect(met.querySelectorAll("#people tbody tr").map((r) => text(r).split(" SW")[0])).toEqual([
        "Alice Adams Assessment",
      ]);
      const team = await get(`/cpd/registration/people?unit=${f.id.T2}`, cookie);
      expect(team.statusCode).toBe(200);
      // Bob works half-time in Family Support too.
      expect(
        html(team.body)
          .querySelectorAll("#people tbody tr")
          .map((r) => text(r).split(" ")[0]),
      ).toEqual(["Bob"]);
      expect((await get(`/cpd/registration/people?unit=${f.id.S2}`, cookie)).statusCode).toBe(404);
      expect((await get("/cpd/registration/people?unit=not-a-uuid", cookie)).statusCode).toBe(404);
    });

    it("shows a line manager their reports and themselves, nobody else", async () => {
      const cookie = await t.signIn({
        roles: [{ role: "line_manager", unitId: null }],
        personId: f.id.alice ?? null,
      });
      const page = html((await get("/cpd/registration/people", cookie)).body);
      expect(page.querySelectorAll("#people tbody tr").map((r) => text(r).split(" ")[0])).toEqual([
        "Dan",
        "Alice",
      ]);
    });

    it("exports CSV and XLSX", async () => {
      const cookie = await serviceManager();
      const csv = await get("/cpd/registration/people?format=csv", cookie);
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csv.body).toContain(
        "Dan Davis,Assessment,SW1004,Registered,Not met yet,1,No,1 more piece of CPD and a peer reflection,",
      );
      const xlsx = await get("/cpd/registration/people?format=xlsx", cookie);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    });

    it("is not for practitioners", async () => {
      expect((await get("/cpd/registration/people", await practitioner(f.id.alice))).statusCode).toBe(403);
    });

    it("still works outside the renewal window, and says so", async () => {
      t.clock.set("2027-01-10T09:00:00Z");
      try {
        const page = html((await get("/cpd/registration/people", await serviceManager())).body);
        expect(text(page.querySelector("h1"))).toBe("Social Work England readiness");
        expect(text(page.querySelector(".govuk-inset-text"))).toContain("The renewal window is not open");
        expect(text(page.querySelector(".govuk-caption-l"))).toBe("Registration year 2026 to 2027");
      } finally {
        t.clock.set("2026-11-23T09:00:00Z");
      }
    });
  });
});
