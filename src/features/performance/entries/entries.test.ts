import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/support/app.js";
import { csvUpload, formPost } from "../../../../test/support/forms.js";
import { html, text } from "../../../../test/support/html.js";
import { type PeopleFixture, seedPeopleFixture } from "../../../../test/support/people-fixture.js";

/** Entered values through the pages (today 23 November 2026): the form, and the CSV import, all or nothing. */
let t: TestApp;
let f: PeopleFixture;
let hr: string;
let leader: string;
const id = (key: string) => f.id[key] as string;
const entries = () =>
  t.database.db
    .selectFrom("performance_entries")
    .select([
      "measure_key",
      "org_unit_id",
      "period_end",
      "value",
      "numerator",
      "denominator",
      "source",
      "note",
    ])
    .orderBy("measure_key")
    .orderBy("period_end")
    .execute()
    .then((rows) =>
      rows.map((r) => ({
        ...r,
        value: Number(r.value),
        numerator: r.numerator === null ? null : Number(r.numerator),
        denominator: r.denominator === null ? null : Number(r.denominator),
      })),
    );
const summary = (body: string) =>
  html(body)
    .querySelectorAll(".govuk-error-summary__list a")
    .map((a) => text(a));

beforeAll(async () => {
  t = await buildTestApp();
  f = await seedPeopleFixture(t.app, t.tenantId);
  hr = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
  leader = await t.signIn({ roles: [{ role: "senior_leader", unitId: id("S1") }] });
}, 120_000);
afterAll(() => t.close());

const entry = (over: Record<string, string> = {}) => ({
  measure: "assessments_in_45_days",
  org_unit_id: "",
  period_end: "2026-10-31",
  value: "",
  numerator: "187",
  denominator: "200",
  note: "",
  ...over,
});

describe("the form", () => {
  it("refuses figures that do not agree, and a percentage over 100, writing nothing", async () => {
    const res = await formPost(
      t.app,
      "/performance/entries/new",
      hr,
      entry({ value: "90", period_end: "2026-12-31" }),
    );
    expect(res.statusCode).toBe(400);
    expect(summary(res.body)).toEqual([
      "Select a month from the list",
      "Value must equal the numerator divided by the denominator, as a percentage (93.5), or be left blank",
    ]);
    const over = await formPost(
      t.app,
      "/performance/entries/new",
      hr,
      entry({ numerator: "", denominator: "", value: "101" }),
    );
    expect(summary(over.body)).toEqual(["Value must be a percentage from 0 to 100"]);
    const half = await formPost(t.app, "/performance/entries/new", hr, entry({ denominator: "" }));
    expect(summary(half.body)).toEqual(["Enter the denominator as well as the numerator"]);
    expect(await entries()).toEqual([]);
  });

  it("works the value out from the numerator and denominator; the same month again replaces it", async () => {
    const res = await formPost(t.app, "/performance/entries/new", hr, entry());
    expect(res.statusCode).toBe(303);
    expect(await entries()).toEqual([
      {
        measure_key: "assessments_in_45_days",
        org_unit_id: null,
        period_end: "2026-10-31",
        value: 93.5,
        numerator: 187,
        denominator: 200,
        source: "form",
        note: null,
      },
    ]);
    const again = await formPost(
      t.app,
      "/performance/entries/new",
      hr,
      entry({ value: "95", numerator: "190" }),
    );
    expect(again.statusCode).toBe(303);
    const rows = await entries();
    expect(rows.map((r) => [r.value, r.numerator])).toEqual([[95, 190]]);
    const list = await t.app.inject({ url: again.headers.location as string, headers: { cookie: hr } });
    expect(text(html(list.body).querySelector(".govuk-notification-banner"))).toContain("Value replaced");
    expect(text(html(list.body).querySelector("#entries tbody"))).toContain("95%");
  });

  it("corrects a month already taken in its snapshot, so the board sees the corrected figure", async () => {
    const ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
    const october = "2026-10-31";
    await t.app.performance.takeSnapshot(ctx, october);
    const valueIn = async () =>
      (await t.app.performance.scorecard(ctx, { unitId: null, asAt: october })).find(
        (m) => m.key === "assessments_in_45_days",
      )?.value;
    expect(await valueIn()).toBe(95);
    const corrected = await formPost(
      t.app,
      "/performance/entries/new",
      hr,
      entry({ value: "", numerator: "170", denominator: "200" }),
    );
    expect(corrected.statusCode).toBe(303);
    expect(await valueIn()).toBe(85);
  });

  it("refuses a unit-scoped senior leader council-wide values, and a unit out of reach", async () => {
    const [held] = await t.database.db.selectFrom("performance_entries").select("id").execute();
    const edit = await t.app.inject({
      url: `/performance/entries/${held?.id}/edit`,
      headers: { cookie: leader },
    });
    expect(edit.statusCode).toBe(403);
    const council = await formPost(
      t.app,
      "/performance/entries/new",
      leader,
      entry({ measure: "visits_in_time" }),
    );
    expect(council.statusCode).toBe(400);
    expect(summary(council.body)[0]).toContain("only someone who reaches the whole council");
    const outside = await formPost(
      t.app,
      "/performance/entries/new",
      leader,
      entry({ measure: "visits_in_time", org_unit_id: id("S2") }),
    );
    expect(outside.statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/performance/entries?unit=${id("S2")}`, headers: { cookie: leader } }))
        .statusCode,
    ).toBe(404);
    const own = await formPost(
      t.app,
      "/performance/entries/new",
      leader,
      entry({ measure: "visits_in_time", org_unit_id: id("T1") }),
    );
    expect(own.statusCode).toBe(303);
    expect(
      (await entries()).filter((e) => e.measure_key === "visits_in_time").map((e) => e.org_unit_id),
    ).toEqual([id("T1")]);
  });

  it("writes nothing when a unit-scoped senior leader posts a good form to an entry they may not change", async () => {
    const [councilEntry] = await t.database.db
      .selectFrom("performance_entries")
      .select("id")
      .where("org_unit_id", "is", null)
      .execute();
    const hrCouncil = await formPost(
      t.app,
      "/performance/entries/new",
      hr,
      entry({ measure: "visits_in_time", org_unit_id: id("S2") }),
    );
    expect(hrCouncil.statusCode).toBe(303);
    const [outOfReach] = await t.database.db
      .selectFrom("performance_entries")
      .select("id")
      .where("org_unit_id", "=", id("S2"))
      .execute();
    const before = await entries();
    const good = { value: "", numerator: "1", denominator: "200", note: "" };
    const council = await formPost(t.app, `/performance/entries/${councilEntry?.id}/edit`, leader, good);
    expect(council.statusCode).toBe(403);
    const outside = await formPost(t.app, `/performance/entries/${outOfReach?.id}/edit`, leader, good);
    expect(outside.statusCode).toBe(404);
    expect(await entries()).toEqual(before);
  });
});

describe("the import", () => {
  const header = "measure_key,unit_code,period_end,month,value,numerator,denominator,note";
  const good = [
    header,
    "audits_good_or_better,,2026-09-30,,72.5,29,40,",
    "audits_good_or_better,T1,,2026-09,80,,,Team audit",
    "audits_inadequate,,,2026-09,5,2,40,",
  ].join("\n");

  it("rejects the whole file for one bad row, naming the row and column", async () => {
    const bad = `${good}\naudits_inadequate,NOPE,2026-09-30,,7.5,3,40,\nvisits_in_time,,2026-09-15,,90,,,`;
    const res = await csvUpload(t.app, "/performance/entries/import", hr, bad, { filename: "audits.csv" });
    expect(res.statusCode).toBe(400);
    const page = html(res.body);
    const problems = page.querySelectorAll("#problems tbody tr").map((tr) => text(tr));
    expect(problems).toEqual([
      "5 unit_code There is no unit with the code NOPE",
      "6 period_end period_end must be the last day of the month (2026-09-30)",
    ]);
    expect(summary(res.body)[0]).toContain("The file has 2 problems: nothing was imported");
    expect((await entries()).filter((e) => e.measure_key.startsWith("audits_"))).toEqual([]);
  });

  it("imports every row of a good file, and the same file again changes nothing", async () => {
    const res = await csvUpload(t.app, "/performance/entries/import", hr, good, { filename: "audits.csv" });
    expect(res.statusCode).toBe(303);
    const audits = (await entries()).filter((e) => e.measure_key.startsWith("audits_"));
    expect(audits.map((e) => [e.measure_key, e.org_unit_id, e.period_end, e.value, e.source])).toEqual([
      ["audits_good_or_better", null, "2026-09-30", 72.5, "import"],
      ["audits_good_or_better", id("T1"), "2026-09-30", 80, "import"],
      ["audits_inadequate", null, "2026-09-30", 5, "import"],
    ]);
    const list = await t.app.inject({ url: "/performance/entries", headers: { cookie: hr } });
    expect(text(html(list.body).querySelector(".govuk-notification-banner"))).toContain(
      "3 added, 0 replaced",
    );
    const audit = async () =>
      Number(
        (
          await t.database.db
            .selectFrom("audit_events")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("table_name", "=", "performance_entries")
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await audit();
    const again = await csvUpload(t.app, "/performance/entries/import", hr, good, { filename: "audits.csv" });
    expect(again.statusCode).toBe(303);
    const list2 = await t.app.inject({ url: "/performance/entries", headers: { cookie: hr } });
    expect(text(html(list2.body).querySelector(".govuk-notification-banner"))).toContain("No changes");
    expect(await audit()).toBe(before);
  });

  it("offers a template with the columns, and refuses a unit-scoped leader's council-wide rows", async () => {
    const template = await t.app.inject({
      url: "/performance/entries/import/template.csv",
      headers: { cookie: hr },
    });
    expect(template.headers["content-type"]).toContain("text/csv");
    expect(template.body.split("\r\n")[0]).toBe(header);
    expect(template.body).toContain("2026-10-31");
    const res = await csvUpload(t.app, "/performance/entries/import", leader, good, {
      filename: "audits.csv",
    });
    expect(res.statusCode).toBe(400);
    expect(
      html(res.body)
        .querySelectorAll("#problems tbody tr")
        .map((tr) => text(tr).split(" ")[0]),
    ).toEqual(["2", "4"]);
  });
});
