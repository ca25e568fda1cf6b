import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { seedPolicyFixture } from "../policy/test-fixture.js";

/**
 * Observations of supervision. The fixture has Sam (service manager of Safeguarding) observing
 * Lina's supervision of Pat on 2 November 2026 (child focus, good), and an observation of Olive
 * (Corporate Services: no service) by nobody. Today is 23 November 2026.
 */
describe("observations of supervision", () => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof seedPolicyFixture>>;
  let qa: string;
  const errors = (body: string) =>
    html(body)
      .querySelectorAll(".govuk-error-summary__list a")
      .map((a) => text(a));
  const count = () =>
    f.run(async (db) => (await db.selectFrom("supervision_observations").select("id").execute()).length);
  const fields = (extra: Record<string, string | string[]> = {}) => {
    const base: Record<string, string | string[]> = {
      observer_person_id: f.sam,
      supervisor_person_id: f.lina,
      "observed_on-day": "10",
      "observed_on-month": "11",
      "observed_on-year": "2026",
      themes: ["child_focus", "smart_actions"],
      rating: "requires_improvement",
      strengths: "Warm, curious about the children's daily lives",
      development: "Actions need owners and dates",
      ...extra,
    };
    return base;
  };
  const post = (
    cookie: string,
    body: Record<string, string | string[]>,
    url = "/supervision/observations/new",
  ) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(body))
      for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    return formPostRaw(cookie, url, params);
  };
  const formPostRaw = async (cookie: string, url: string, params: URLSearchParams) => {
    const page = await t.app.inject({ url: "/supervision/observations/new", headers: { cookie } });
    const token = html(page.body).querySelector('input[name="_csrf"]')?.getAttribute("value") ?? "";
    params.append("_csrf", token);
    return t.app.inject({
      method: "POST",
      url,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: params.toString(),
    });
  };

  beforeAll(async () => {
    t = await buildTestApp();
    f = await seedPolicyFixture(t);
    qa = await f.signInAs("quality_assurance_lead");
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  it("lists the observations the viewer reaches, with the themes", async () => {
    const all = await t.app.inject({ url: "/supervision/observations", headers: { cookie: qa } });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain("2 observations in the period");
    expect(all.body).toContain("Olive Outside");
    const sam = await f.signInAs("service_manager");
    const some = await t.app.inject({ url: "/supervision/observations", headers: { cookie: sam } });
    expect(some.body).toContain("1 observation in the period");
    expect(some.body).toContain("Lina Line");
    expect(some.body).not.toContain("Olive Outside");
  });

  it("reports every problem with an empty form and writes nothing", async () => {
    const before = await count();
    const res = await formPost(t.app, "/supervision/observations/new", qa, { observer_person_id: "" });
    expect(res.statusCode).toBe(400);
    expect(errors(res.body)).toEqual([
      "Select the observer",
      "Select the supervisor observed",
      "Enter the date observed",
      "Select at least one theme",
      "Select a rating",
    ]);
    expect(await count()).toBe(before);
  });

  it("refuses a date in the future, a supervisor out of scope and a record another supervisor held", async () => {
    const future = await post(qa, fields({ "observed_on-day": "24" }));
    expect(errors(future.body)).toEqual(["Date observed must be today or in the past"]);
    const sam = await f.signInAs("service_manager");
    const outside = await post(sam, fields({ supervisor_person_id: f.pat }));
    expect(errors(outside.body)).toEqual(["Select the supervisor from the list"]);
    const wrongRecord = await post(
      qa,
      fields({ supervisor_person_id: f.sam, supervision_id: f.practice.council.supervision }),
    );
    expect(errors(wrongRecord.body)).toEqual([
      "The supervision record linked is not one this supervisor held",
    ]);
    expect(await count()).toBe(2);
  });

  it("starts from a supervision record and records the observation; the supervisor reads it", async () => {
    const form = await t.app.inject({
      url: `/supervision/observations/new?supervisionId=${f.practice.council.supervision}`,
      headers: { cookie: qa },
    });
    expect(form.statusCode).toBe(200);
    const doc = html(form.body);
    expect(doc.querySelector("#supervisor_person_id option[selected]")?.getAttribute("value")).toBe(f.lina);
    expect(doc.querySelector("#observed_on-day")?.getAttribute("value")).toBe("2");
    expect(form.body).toContain("Of the supervision recorded on 2 November 2026.");

    const res = await post(qa, fields({ supervision_id: f.practice.council.supervision }));
    expect(res.statusCode).toBe(303);
    const href = res.headers.location as string;
    const lina = await f.signInAs("line_manager");
    const read = await t.app.inject({ url: href, headers: { cookie: lina } });
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain("Feedback on your supervision");
    expect(read.body).toContain("Actions need owners and dates");
    expect(read.body).toContain("Requires improvement");
    // Not the supervisee, nor HR (no observe permission), nor someone outside the service.
    for (const role of ["practitioner", "hr_workforce_analyst", "senior_leader"]) {
      const cookie = await f.signInAs(role);
      expect((await t.app.inject({ url: href, headers: { cookie } })).statusCode, role).toBe(404);
    }
  });

  it("answers 404 for an observation out of scope or in another council", async () => {
    const sam = await f.signInAs("service_manager");
    const outside = `/supervision/observations/${f.practice.outOfScope.observation}`;
    expect((await t.app.inject({ url: outside, headers: { cookie: sam } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: outside, headers: { cookie: qa } })).statusCode).toBe(200);
    const other = `/supervision/observations/${f.practice.other.observation}`;
    expect((await t.app.inject({ url: other, headers: { cookie: qa } })).statusCode).toBe(404);
  });

  it("reports themes by service with small numbers hidden, and exports them", async () => {
    // Six more of Lina (Safeguarding), all child focus: 8 child focus in Safeguarding.
    const viewer = { scope: { tenant: true, personId: null, reportsOf: null, unitIds: [] }, personId: null };
    for (let day = 11; day <= 16; day += 1) {
      await t.app.supervisionObservations.record(f.ctx, viewer, {
        supervisionId: null,
        supervisorPersonId: f.lina,
        observerPersonId: f.sam,
        observedOn: `2026-11-${day}`,
        themes: ["child_focus"],
        rating: "good",
        strengths: null,
        development: null,
      });
    }
    const page = await t.app.inject({ url: "/supervision/observations", headers: { cookie: qa } });
    const rows = html(page.body)
      .querySelectorAll("table")
      .filter(
        (table) => text(table.querySelector("caption")) === "Observations showing each theme, by service",
      )[0]
      ?.querySelectorAll("tbody tr")
      .map((tr) => tr.querySelectorAll("th, td").map((c) => text(c)));
    // Child focus: 1 not in a service (hidden as small), so Safeguarding's 8 is hidden too, else
    // the column total (9) would give the 1 away.
    expect(rows?.[0]?.slice(0, 2)).toEqual(["Not in a service", "fewer than 5"]);
    expect(rows?.[1]?.slice(0, 2)).toEqual(["Safeguarding", "hidden"]);
    // SMART actions: 1 in Safeguarding, hidden.
    expect(rows?.[1]?.[6]).toBe("fewer than 5");
    for (const cell of rows?.flat() ?? []) expect(cell).not.toMatch(/^[1-4]$/);
    // Across everyone (not by service) the counts are shown: child focus 9, 7 of them rated good.
    const themes = html(page.body).querySelectorAll("table")[0]?.querySelectorAll("tbody tr")[0];
    expect(themes?.querySelectorAll("th, td").map((c) => text(c))).toEqual([
      "Focus on the child",
      "9",
      "0",
      "8",
      "1",
      "0",
    ]);
    const csv = await t.app.inject({
      url: "/supervision/observations?from=2025-11-24&to=2026-11-23&report=services&format=csv",
      headers: { cookie: qa },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("Safeguarding,hidden,");
    expect(csv.body).toContain("fewer than 5");
    const list = await t.app.inject({ url: "/supervision/observations?format=csv", headers: { cookie: qa } });
    expect(list.body).toContain("Date observed,Supervisor,Observer,Themes,Rating");
    expect(list.body).not.toContain("Actions need owners");
  }, 90_000);

  it("refuses a bad period", async () => {
    const res = await t.app.inject({
      url: "/supervision/observations?from-day=31&from-month=2&from-year=2026&to-day=&to-month=&to-year=",
      headers: { cookie: qa },
    });
    expect(res.statusCode).toBe(400);
    expect(errors(res.body)).toEqual(["From date must be a real date"]);
  });

  it("removes the feedback when the supervisor is anonymised", async () => {
    await f.run((db) => t.app.people.anonymise(db, f.lina));
    const rows = await f.run((db) =>
      db
        .selectFrom("supervision_observations")
        .select(["strengths", "development", "themes"])
        .where("supervisor_person_id", "=", f.lina)
        .execute(),
    );
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) {
      expect(r.strengths).toBeNull();
      expect(r.development).toBeNull();
      expect(r.themes.length).toBeGreaterThan(0);
    }
  });
});
