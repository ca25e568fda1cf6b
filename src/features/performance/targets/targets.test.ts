import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csrfTokenFrom, formPost } from "../../../../test/support/forms.js";
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
  "valid_from-month": "11",
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

  it("refuses a start before this month, on the date field, for a new target", async () => {
    const res = await formPost(
      t.app,
      "/performance/targets/new",
      hr,
      fields({ "valid_from-day": "31", "valid_from-month": "10" }),
    );
    expect(res.statusCode).toBe(400);
    const message =
      "Date the target starts must be the same as or after 1 November 2026, the start of this month";
    expect(summary(res.body)).toEqual([{ text: message, href: "#valid_from-day" }]);
    const page = html(res.body);
    expect(text(page.querySelector("#valid_from-error"))).toContain(message);
    expect(page.querySelector("#valid_from-day")?.getAttribute("class")).toContain("govuk-input--error");
    // What was typed is shown again.
    expect(page.querySelector("#valid_from-day")?.getAttribute("value")).toBe("31");
    expect(await targetRows()).toEqual([]);
  });

  it("takes this month as England's: at 00:30 on 1 October in summer time, September is over", async () => {
    t.clock.set("2026-09-30T23:30:00Z");
    try {
      // A session opened at this time, as moving the clock back and forth would end the others.
      const early = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
      const res = await formPost(
        t.app,
        "/performance/targets/new",
        early,
        fields({ "valid_from-day": "30", "valid_from-month": "9" }),
      );
      expect(summary(res.body).map((e) => e.text)).toEqual([
        "Date the target starts must be the same as or after 1 October 2026, the start of this month",
      ]);
    } finally {
      t.clock.set("2026-11-23T09:00:00Z");
    }
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
      valid_from: "2026-11-01", // the first day of this month: the earliest allowed
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
    const edit = (over: Record<string, string>) =>
      formPost(
        t.app,
        `/performance/targets/${current?.id}/edit`,
        hr,
        fields({ target: "92", amber_from: "85", ...over }),
      );
    const backDated = await edit({ "valid_from-day": "1", "valid_from-month": "3" });
    expect(backDated.statusCode).toBe(400);
    expect(summary(backDated.body)).toEqual([
      {
        text: "Date the target starts must be the same as or after 1 November 2026, the start of this month",
        href: "#valid_from-day",
      },
    ]);
    expect(html(backDated.body).querySelector("#valid_from-error")).not.toBeNull();
    const sameStart = await edit({ "valid_from-day": "1", "valid_from-month": "11" });
    expect(sameStart.statusCode).toBe(400);
    expect(summary(sameStart.body)[0]?.text).toBe(
      "Date the target starts must be after 1 November 2026, when the current target started",
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
      ["supervision_in_date", 90, "2026-11-01", "2026-11-30"],
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

/** Pairs of a series' rows whose dates overlap (the series sorted by start): none in a sound series. */
function overlapping(rows: Array<{ valid_from: string; valid_to: string | null }>) {
  const sorted = [...rows].sort((a, b) => a.valid_from.localeCompare(b.valid_from));
  return sorted.slice(1).flatMap((next, i) => {
    const before = sorted[i] as (typeof sorted)[number];
    return before.valid_to === null || before.valid_to >= next.valid_from ? [[before, next]] : [];
  });
}

describe("cancelling a target that has not started", () => {
  // After "setting a target": supervision in date, council-wide, at least 90% from 1 November
  // 2026 to 30 November, then at least 92% from 1 December 2026 (not started: today is 23 November).
  const series = async (measure: string) =>
    (await targetRows())
      .filter((r) => r.measure_key === measure)
      .map((r) => ({ target: Number(r.target), from: r.valid_from, to: r.valid_to, id: r.id }));
  const ids = async (measure: string) => (await series(measure)).map((r) => r.id);
  const page = async (url: string, cookie = hr) => {
    const res = await t.app.inject({ url, headers: { cookie } });
    return { status: res.statusCode, doc: html(res.body) };
  };
  const auditOf = (recordId: string | undefined) =>
    t.database.db
      .selectFrom("audit_events")
      .select(["action", "actor", "before", "after", "changed"])
      .where("table_name", "=", "performance_targets")
      .where("record_id", "=", recordId ?? "")
      .orderBy("id")
      .execute();

  it("offers it on the target's page and in the history to those who may change it, with a confirmation page", async () => {
    const [current, upcoming] = await ids("supervision_in_date");
    const cancelHref = `/performance/targets/${upcoming}/cancel`;

    // The current target's page: a Cancel link on the upcoming row only, no button for itself.
    const history = await page(`/performance/targets/${current}`);
    const rows = history.doc.querySelectorAll("#history tbody tr");
    expect(rows[0]?.querySelector("a")?.getAttribute("href")).toBe(cancelHref);
    expect(text(rows[0]?.querySelector("a"))).toBe("Cancel the target from 1 December 2026");
    expect(rows[1]?.querySelector("a")).toBeNull();
    expect(history.doc.querySelectorAll(".govuk-button").map((b) => text(b))).toEqual(["Change the target"]);

    // The upcoming target's page: the button.
    const own = await page(`/performance/targets/${upcoming}`);
    const button = own.doc.querySelectorAll(".govuk-button").find((b) => text(b) === "Cancel this target");
    expect(button?.getAttribute("href")).toBe(cancelHref);
    expect(text(own.doc.querySelector(".govuk-inset-text"))).toBe(
      "The target from 1 December 2026 (at least 92%) has not started. You can cancel it until the day it starts.",
    );

    // A unit-scoped senior leader sees the council's history but is offered nothing.
    const theirs = await page(`/performance/targets/${upcoming}`, leader);
    expect(theirs.status).toBe(200);
    expect(theirs.doc.querySelectorAll('a[href$="/cancel"]')).toHaveLength(0);

    const confirm = await page(cancelHref);
    expect(confirm.status).toBe(200);
    expect(text(confirm.doc.querySelector("h1"))).toBe("Are you sure you want to cancel this target?");
    expect(text(confirm.doc.querySelector(".govuk-summary-list"))).toContain("At least 92% (amber from 85%)");
    expect(text(confirm.doc.querySelector("main"))).toContain(
      "The target before it, at least 90% (amber from 80%) since 1 November 2026, will carry on with no end date.",
    );
    expect(text(confirm.doc.querySelector("form .govuk-button--warning"))).toBe("Yes, cancel this target");

    // The target in force: it has started, so there is nothing to confirm.
    const started = await page(`/performance/targets/${current}/cancel`);
    expect(started.status).toBe(200);
    expect(text(started.doc.querySelector("h1"))).toBe("This target has started and cannot be cancelled");
    expect(started.doc.querySelector("form .govuk-button--warning")).toBeNull();
  });

  it("refuses someone who may not change the council's targets, and a target that has started, changing nothing", async () => {
    const before = await series("supervision_in_date");
    const [current, upcoming] = before.map((r) => r.id);
    const theirs = await formPost(
      t.app,
      `/performance/targets/${upcoming}/cancel`,
      leader,
      {},
      { pageUrl: "/reference" },
    );
    expect(theirs.statusCode).toBe(403);
    const started = await formPost(
      t.app,
      `/performance/targets/${current}/cancel`,
      hr,
      {},
      { pageUrl: "/reference" },
    );
    expect(started.statusCode).toBe(409);
    expect(text(html(started.body).querySelector("h1"))).toBe(
      "This target has started and cannot be cancelled",
    );
    expect(await series("supervision_in_date")).toEqual(before);
  });

  it("deletes the target and gives the one before it its end back, in one change the audit trail records", async () => {
    const [current, upcoming] = await ids("supervision_in_date");
    const res = await formPost(t.app, `/performance/targets/${upcoming}/cancel`, hr, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/performance/targets/${current}`);
    expect(await series("supervision_in_date")).toEqual([
      { target: 90, from: "2026-11-01", to: null, id: current },
    ]);

    const [inserted] = await auditOf(upcoming);
    const cancelled = (await auditOf(upcoming)).slice(1);
    expect(cancelled).toEqual([
      expect.objectContaining({ action: "delete", actor: inserted?.actor, after: null }),
    ]);
    const reopened = (await auditOf(current)).at(-1);
    expect(reopened).toMatchObject({ action: "update", actor: inserted?.actor, changed: ["valid_to"] });
    expect([reopened?.before?.valid_to, reopened?.after?.valid_to]).toEqual(["2026-11-30", null]);

    const after = await page(res.headers.location as string);
    expect(text(after.doc.querySelector(".govuk-notification-banner"))).toContain(
      "Target cancelled: the target from 1 December 2026 will not start; the target before it carries on",
    );
    expect(after.doc.querySelectorAll("#history tbody tr").map((tr) => text(tr))).toEqual([
      expect.stringContaining("In force"),
    ]);
    // Gone: asking again finds nothing.
    expect(
      (await formPost(t.app, `/performance/targets/${upcoming}/cancel`, hr, {}, { pageUrl: "/reference" }))
        .statusCode,
    ).toBe(404);
  });

  it("cancels a target between two others: the one before it then ends the day before the next starts", async () => {
    const turnover = (over: Record<string, string>) =>
      fields({
        measure: "turnover_rate",
        org_unit_id: id("T1"),
        direction: "lower",
        target: "10",
        amber_from: "15",
        ...over,
      });
    expect((await formPost(t.app, "/performance/targets/new", hr, turnover({}))).statusCode).toBe(303);
    const [first] = await ids("turnover_rate");
    for (const [day, month, year] of [
      ["1", "12", "2026"],
      ["1", "1", "2027"],
    ] as const) {
      const changed = await formPost(
        t.app,
        `/performance/targets/${first}/edit`,
        hr,
        turnover({ "valid_from-day": day, "valid_from-month": month, "valid_from-year": year }),
      );
      expect(changed.statusCode).toBe(303);
    }
    const [, december, january] = await ids("turnover_rate");
    expect((await series("turnover_rate")).map((r) => [r.from, r.to])).toEqual([
      ["2026-11-01", "2026-11-30"],
      ["2026-12-01", "2026-12-31"],
      ["2027-01-01", null],
    ]);
    const confirm = await page(`/performance/targets/${december}/cancel`);
    expect(text(confirm.doc.querySelector("main"))).toContain("will carry on until 31 December 2026.");

    expect((await formPost(t.app, `/performance/targets/${december}/cancel`, hr, {})).statusCode).toBe(303);
    expect((await series("turnover_rate")).map((r) => [r.from, r.to, r.id])).toEqual([
      ["2026-11-01", "2026-12-31", first],
      ["2027-01-01", null, january],
    ]);
    expect((await formPost(t.app, `/performance/targets/${january}/cancel`, hr, {})).statusCode).toBe(303);
    expect((await series("turnover_rate")).map((r) => [r.from, r.to])).toEqual([["2026-11-01", null]]);
  });

  it("cancels a series' only target, leaving the measure with none, and goes back to the list", async () => {
    const set = await formPost(
      t.app,
      "/performance/targets/new",
      hr,
      fields({ measure: "vacancy_rate", target: "10", amber_from: "15", "valid_from-month": "12" }),
    );
    expect(set.statusCode).toBe(303);
    const [only] = await ids("vacancy_rate");
    const confirm = await page(`/performance/targets/${only}/cancel`);
    expect(text(confirm.doc.querySelector("main"))).toContain(
      "There is no council-wide target before it: the measure has no target until another one starts.",
    );
    const res = await formPost(t.app, `/performance/targets/${only}/cancel`, hr, {});
    expect(res.headers.location).toBe("/performance/targets");
    expect(await series("vacancy_rate")).toEqual([]);
  });
});

describe("two changes to one series at once", () => {
  it("runs them one after the other: the series never has overlapping rows", async () => {
    const visits = (over: Record<string, string> = {}) =>
      fields({ measure: "visits_in_time", org_unit_id: id("T1"), direction: "higher", ...over });
    expect((await formPost(t.app, "/performance/targets/new", hr, visits())).statusCode).toBe(303);
    const rows = async () => (await targetRows()).filter((r) => r.measure_key === "visits_in_time");
    const [first] = await rows();
    const editUrl = `/performance/targets/${first?.id}/edit`;
    // Two people with the edit page open, who send it at the same moment.
    const other = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
    const send = async (pairs: Array<[cookie: string, month: string, year: string]>) => {
      const ready = await Promise.all(
        pairs.map(async ([cookie, month, year]) => ({
          cookie,
          body: new URLSearchParams({
            ...visits({ target: "95", amber_from: "85", "valid_from-month": month, "valid_from-year": year }),
            _csrf: await csrfTokenFrom(t.app, editUrl, cookie),
          }).toString(),
        })),
      );
      const answers = await Promise.all(
        ready.map(({ cookie, body }) =>
          t.app.inject({
            method: "POST",
            url: editUrl,
            headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
            payload: body,
          }),
        ),
      );
      return answers.map((a) => a.statusCode).sort();
    };

    // The same start: one is set, the other is told the target it would replace has changed.
    expect(
      await send([
        [hr, "12", "2026"],
        [other, "12", "2026"],
      ]),
    ).toEqual([303, 400]);
    expect(overlapping(await rows())).toEqual([]);
    expect((await rows()).map((r) => [r.valid_from, r.valid_to])).toEqual([
      ["2026-11-01", "2026-11-30"],
      ["2026-12-01", null],
    ]);
    // Different starts: whichever runs second sees the first's row.
    const answers = await send([
      [hr, "1", "2027"],
      [other, "2", "2027"],
    ]);
    expect(answers).toContain(303);
    expect(overlapping(await rows())).toEqual([]);
    expect((await rows()).filter((r) => r.valid_to === null)).toHaveLength(1);
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

describe("changes refused before anything is written", () => {
  it("refuses a valid change or cancellation from someone who may not make it, and writes nothing", async () => {
    // An upcoming target for Early Help (S2), which the Safeguarding senior leader does not reach.
    await t.app.platform.data.run(f.ctx, (db) =>
      db
        .insertInto("performance_targets")
        .values({
          measure_key: "agency_rate",
          org_unit_id: id("S2"),
          direction: "lower",
          target: 10,
          amber_from: 15,
          valid_from: "2026-12-01",
          created_by: "t",
        })
        .execute(),
    );
    const before = await targetRows();
    const council = before.find((r) => r.measure_key === "supervision_in_date" && r.org_unit_id === null);
    const s2 = before.find((r) => r.measure_key === "agency_rate" && r.org_unit_id === id("S2"));
    // Forms that would be accepted from someone who may make the change.
    const change = fields({ target: "95", amber_from: "85", "valid_from-month": "12" });
    const post = (url: string, body: Record<string, string>) =>
      formPost(t.app, url, leader, body, { pageUrl: "/reference" });
    expect((await post(`/performance/targets/${council?.id}/edit`, change)).statusCode).toBe(403);
    const lower = {
      ...change,
      target: "10",
      amber_from: "15",
      "valid_from-month": "1",
      "valid_from-year": "2027",
    };
    expect((await post(`/performance/targets/${s2?.id}/edit`, lower)).statusCode).toBe(404);
    expect((await post(`/performance/targets/${s2?.id}/cancel`, {})).statusCode).toBe(404);
    expect(await targetRows()).toEqual(before);
  });
});

describe("measure owners", () => {
  it("sets an owner from the people whose account sees the scorecard, for whole-council managers only", async () => {
    await t.app.platform.data.run(f.ctx, async (db) => {
      await t.app.auth.createUser(db, {
        email: "alice@example.org",
        displayName: "Alice Adams",
        personId: id("alice"),
        roles: [{ role: "service_manager", unitId: id("S1") }],
      });
      // A practitioner's account cannot read the scorecard, so cannot own a measure.
      await t.app.auth.createUser(db, {
        email: "bob@example.org",
        displayName: "Bob Brown",
        personId: id("bob"),
        roles: [{ role: "practitioner", unitId: null }],
      });
    });
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
