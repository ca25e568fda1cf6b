import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";

/**
 * Targets through the pages (today 23 November 2026): set, refused with every error at once and
 * nothing written, changed (the old row ends the day before; history keeps both), and scope: a
 * unit-scoped senior leader on Safeguarding sets their units' targets, not the council's, and
 * does not see Early Help's.
 */
let t: TestApp;
let f: PeopleFixture;
let hr: string;
let leader: string;
const id = (key: string) => f.id[key] as string;
const targetRows = () =>
  t.database.db
    .selectFrom("performance_targets")
    .selectAll()
    .orderBy("measure_key")
    .orderBy("valid_from")
    .execute();
const summary = (body: string) =>
  html(body)
    .querySelectorAll(".govuk-error-summary__list a")
    .map((a) => ({ text: text(a), href: a.getAttribute("href") }));

const fields = (over: Record<string, string> = {}) => ({
  measure: "supervision_in_date",
  org_unit_id: "",
  direction: "",
  target: "90",
  amber_from: "80",
  "target_date-day": "31",
  "target_date-month": "3",
  "target_date-year": "2027",
  "valid_from-day": "1",
  "valid_from-month": "4",
  "valid_from-year": "2026",
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp();
  f = await seedPeopleFixture(t.app, t.tenantId);
  hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
  leader = await t.signIn({ roles: [{ role: "senior_leader", unitId: id("S1") }] });
}, 120_000);
afterAll(() => t.close());

describe("setting a target", () => {
  it("refuses a form with problems, every one in the summary, and writes nothing", async () => {
    const res = await formPost(
      t.app,
      "/performance/targets/new",
      hr,
      fields({ measure: "", target: "eighty", amber_from: "120", "valid_from-day": "" }),
    );
    expect(res.statusCode).toBe(400);
    expect(summary(res.body)).toEqual([
      { text: "Date the target starts must include a day", href: "#valid_from-day" },
      { text: "Select a measure", href: "#measure" },
      { text: "Target must be a number, like 80 or 16.5", href: "#target" },
    ]);
    expect(html(res.body).querySelector("#target-error")).not.toBeNull();
    expect(await targetRows()).toEqual([]);
  });

  it("holds amber on the worse side of the target, and percentages within 0 to 100", async () => {
    const higher = await formPost(
      t.app,
      "/performance/targets/new",
      hr,
      fields({ target: "90", amber_from: "95" }),
    );
    expect(higher.statusCode).toBe(400);
    expect(summary(higher.body).map((s) => s.text)).toEqual([
      "Amber from must be the target or lower, as higher is better",
    ]);
    const lower = await formPost(
      t.app,
      "/performance/targets/new",
      hr,
      fields({ measure: "average_caseload", target: "16", amber_from: "14" }),
    );
    expect(summary(lower.body).map((s) => s.text)).toEqual([
      "Amber from must be the target or higher, as lower is better",
    ]);
    const percent = await formPost(
      t.app,
      "/performance/targets/new",
      hr,
      fields({ target: "190", amber_from: "80" }),
    );
    expect(summary(percent.body).map((s) => s.text)).toEqual(["Target must be a percentage from 0 to 100"]);
    expect(await targetRows()).toEqual([]);
  });

  it("sets a council-wide target with the measure's own direction, shown on the list", async () => {
    const res = await formPost(t.app, "/performance/targets/new", hr, fields());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/performance/targets");
    const rows = await targetRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      measure_key: "supervision_in_date",
      org_unit_id: null,
      direction: "higher",
      valid_from: "2026-04-01",
      valid_to: null,
      target_date: "2027-03-31",
    });
    expect(Number(rows[0]?.target)).toBe(90);
    const list = html((await t.app.inject({ url: "/performance/targets", headers: { cookie: hr } })).body);
    const row = list.querySelector('tr[data-measure="supervision_in_date"]');
    expect(text(row)).toContain("At least 90%");
    expect(text(row)).toContain("80%");
    expect(text(list.querySelector('tr[data-measure="agency_rate"]'))).toContain("No target");
  });

  it("changes a target by ending the old row the day before and starting a new one; history keeps both", async () => {
    const [current] = await targetRows();
    const bad = await formPost(
      t.app,
      `/performance/targets/${current?.id}/edit`,
      hr,
      fields({
        target: "92",
        amber_from: "85",
        "valid_from-day": "1",
        "valid_from-month": "3",
        "valid_from-year": "2026",
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(summary(bad.body)[0]?.text).toBe(
      "Date the target starts must be after 1 April 2026, when the current target started",
    );
    expect(await targetRows()).toHaveLength(1);

    const res = await formPost(
      t.app,
      `/performance/targets/${current?.id}/edit`,
      hr,
      // The measure and unit are the target's, whatever is sent.
      fields({
        measure: "agency_rate",
        target: "92",
        amber_from: "85",
        "valid_from-day": "1",
        "valid_from-month": "12",
      }),
    );
    expect(res.statusCode).toBe(303);
    const rows = await targetRows();
    expect(rows.map((r) => [r.measure_key, Number(r.target), r.valid_from, r.valid_to])).toEqual([
      ["supervision_in_date", 90, "2026-04-01", "2026-11-30"],
      ["supervision_in_date", 92, "2026-12-01", null],
    ]);
    const history = html(
      (await t.app.inject({ url: res.headers.location as string, headers: { cookie: hr } })).body,
    );
    const cells = history.querySelectorAll("#history tbody tr").map((tr) => text(tr));
    expect(cells[0]).toContain("1 December 2026");
    expect(cells[0]).toContain("Starts later");
    expect(cells[1]).toContain("30 November 2026");
    expect(cells[1]).toContain("In force");
  });
});

describe("scope", () => {
  it("shows a unit the council's target as inherited, and answers 404 for a unit out of reach", async () => {
    const inReach = await t.app.inject({
      url: `/performance/targets?unit=${id("T1")}`,
      headers: { cookie: leader },
    });
    expect(inReach.statusCode).toBe(200);
    const row = html(inReach.body).querySelector('tr[data-measure="supervision_in_date"]');
    expect(text(row)).toContain("(inherited)");
    expect(text(row)).toContain("Set a target");
    const outside = await t.app.inject({
      url: `/performance/targets?unit=${id("S2")}`,
      headers: { cookie: leader },
    });
    expect(outside.statusCode).toBe(404);
  });

  it("refuses a unit-scoped senior leader council-wide targets, and lets them set their units'", async () => {
    const [council] = await targetRows();
    const edit = await t.app.inject({
      url: `/performance/targets/${council?.id}/edit`,
      headers: { cookie: leader },
    });
    expect(edit.statusCode).toBe(403);
    expect(text(html(edit.body).querySelector("h1"))).toBe(
      "Only someone who reaches the whole council can change this",
    );
    const councilWide = await formPost(
      t.app,
      "/performance/targets/new",
      leader,
      fields({ measure: "agency_rate", target: "20", amber_from: "25" }),
    );
    expect(councilWide.statusCode).toBe(400);
    expect(summary(councilWide.body)[0]).toEqual({
      text: "Select a team or service: only someone who reaches the whole council sets council-wide targets",
      href: "#org_unit_id",
    });
    const outside = await formPost(
      t.app,
      "/performance/targets/new",
      leader,
      fields({ measure: "agency_rate", org_unit_id: id("S2"), target: "20", amber_from: "25" }),
    );
    expect(outside.statusCode).toBe(404);
    expect((await targetRows()).filter((r) => r.measure_key === "agency_rate")).toEqual([]);

    const own = await formPost(
      t.app,
      "/performance/targets/new",
      leader,
      fields({ measure: "agency_rate", org_unit_id: id("T1"), target: "20", amber_from: "25" }),
    );
    expect(own.statusCode).toBe(303);
    const agency = (await targetRows()).filter((r) => r.measure_key === "agency_rate");
    expect(agency.map((r) => [r.org_unit_id, r.direction])).toEqual([[id("T1"), "lower"]]);
    const list = html(
      (await t.app.inject({ url: `/performance/targets?unit=${id("T1")}`, headers: { cookie: leader } }))
        .body,
    );
    expect(text(list.querySelector('tr[data-measure="agency_rate"]'))).toContain("This unit");
    expect(text(list.querySelector('tr[data-measure="agency_rate"]'))).toContain("Change");
  });

  it("answers 404 for the history of a target in a unit out of reach", async () => {
    const s2 = await t.app.platform.data.run(f.ctx, (db) =>
      db
        .insertInto("performance_targets")
        .values({
          measure_key: "vacancy_rate",
          org_unit_id: id("S2"),
          direction: "lower",
          target: 10,
          amber_from: 15,
          valid_from: "2026-01-01",
          created_by: "t",
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    expect(
      (await t.app.inject({ url: `/performance/targets/${s2.id}`, headers: { cookie: leader } })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: `/performance/targets/${s2.id}/edit`, headers: { cookie: leader } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: `/performance/targets/${s2.id}`, headers: { cookie: hr } })).statusCode,
    ).toBe(200);
  });
});

describe("measure owners", () => {
  it("sets an owner from the people with an account, for whole-council managers only", async () => {
    await t.app.platform.data.run(f.ctx, (db) =>
      t.app.auth.createUser(db, {
        email: "alice@example.org",
        displayName: "Alice Adams",
        personId: id("alice"),
        roles: [{ role: "practitioner", unitId: null }],
      }),
    );
    const page = html((await t.app.inject({ url: "/performance/owners", headers: { cookie: hr } })).body);
    expect(page.querySelectorAll("#owner_supervision_in_date option").map((o) => text(o))).toEqual([
      "No owner",
      "Alice Adams",
    ]);
    const res = await formPost(t.app, "/performance/owners", hr, { owner_supervision_in_date: id("alice") });
    expect(res.statusCode).toBe(303);
    const owners = await t.database.db.selectFrom("performance_measure_owners").selectAll().execute();
    expect(owners.map((o) => [o.measure_key, o.owner_person_id])).toEqual([
      ["supervision_in_date", id("alice")],
    ]);
    const stranger = await formPost(t.app, "/performance/owners", hr, { owner_agency_rate: id("bob") });
    expect(stranger.statusCode).toBe(400);
    expect((await t.app.inject({ url: "/performance/owners", headers: { cookie: leader } })).statusCode).toBe(
      403,
    );
  });
});
