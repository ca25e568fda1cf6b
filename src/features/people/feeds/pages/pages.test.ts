import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFeedsTestApp, type FeedsTestApp } from "../../../../../test/support/feeds-fixture.js";
import { csrfTokenFrom, formPost } from "../../../../../test/support/forms.js";
import { html, text } from "../../../../../test/support/html.js";
import { generateHrRows, type HrRow, hrCsv } from "../generator.js";
import { defaultMapping, feedFields } from "../mapping.js";

/** The feeds pages through HTTP: add a source, upload, preview, confirm, the match queue and leavers. */
describe("HR feed pages", () => {
  let t: FeedsTestApp;
  let cookie: string;
  const rows = generateHrRows(12, 5);

  beforeAll(async () => {
    t = await buildFeedsTestApp(null);
    cookie = await t.signIn({ roles: [{ role: "hr_workforce_analyst", unitId: null }] });
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ url, headers: { cookie } });
  const page = (res: LightMyRequestResponse) => html(res.body);
  const cellsOf = (res: LightMyRequestResponse, table: string) =>
    page(res)
      .querySelectorAll(`table[data-table="${table}"] tbody tr`)
      .map((tr) => tr.querySelectorAll("td").map((td) => text(td)));
  const counts = (res: LightMyRequestResponse) =>
    Object.fromEntries(
      page(res)
        .querySelectorAll("[data-count]")
        .map((td) => [td.getAttribute("data-count"), text(td)]),
    );

  async function upload(
    name: string,
    csv: string,
    sourceName = "HR system",
  ): Promise<LightMyRequestResponse> {
    const token = await csrfTokenFrom(t.app, "/people/feeds/upload", cookie);
    const sources = await t.app.feeds.listSources(t.ctx);
    const form = new FormData();
    form.append("_csrf", token);
    form.append("source", sources.find((s) => s.name === sourceName)?.id ?? "");
    form.append("file", new Blob([csv], { type: "text/csv" }), name);
    const request = new Request("http://localhost/", { method: "POST", body: form });
    return t.app.inject({
      method: "POST",
      url: "/people/feeds/upload",
      headers: { cookie, "content-type": request.headers.get("content-type") ?? "" },
      payload: Buffer.from(await request.arrayBuffer()),
    });
  }

  const importAs = (runUrl: string, mode: string) =>
    formPost(t.app, `${runUrl}/import`, cookie, { mode }, { pageUrl: runUrl });

  it("refuses someone without the feeds permission", async () => {
    const manager = await t.signIn({ roles: [{ role: "line_manager", unitId: null }] });
    const res = await t.app.inject({ url: "/people/feeds", headers: { cookie: manager } });
    expect(res.statusCode).toBe(403);
  });

  it("adds a source, reporting every mapping problem at once", async () => {
    const mapping = Object.fromEntries(
      feedFields.map((f) => [`map_${f.key}`, defaultMapping()[f.key] ?? ""]),
    );
    const bad = await formPost(t.app, "/people/feeds/sources/new", cookie, {
      name: "HR system",
      full_extract: "yes",
      create_new_people: "yes",
      hr_contact_email: "not an email",
      folder_name: "HR People!",
      ...mapping,
      map_employee_id: "",
      map_fte: "",
    });
    expect(bad.statusCode).toBe(400);
    expect(
      page(bad)
        .querySelectorAll(".govuk-error-summary a")
        .map((a) => a.getAttribute("href")),
    ).toEqual(["#hr_contact_email", "#folder_name", "#map_employee_id", "#map_fte"]);
    expect(text(page(bad).querySelector("title"))).toMatch(/^Error: /);

    const saved = await formPost(t.app, "/people/feeds/sources/new", cookie, {
      name: "HR system",
      full_extract: "yes",
      create_new_people: "yes",
      hr_contact_email: "hr.systems@council.example",
      folder_name: "",
      ...mapping,
    });
    expect(saved.statusCode).toBe(303);
    const feeds = await get("/people/feeds");
    expect(text(page(feeds).querySelector(".govuk-notification-banner"))).toContain("HR system saved");
    expect(text(page(feeds).querySelector("table tbody tr td"))).toBe("HR system");
  });

  it("uploads a file, previews it and imports it", async () => {
    const res = await upload("people.csv", hrCsv(rows));
    expect(res.statusCode).toBe(303);
    const runUrl = res.headers.location as string;
    expect(runUrl).toMatch(/^\/people\/feeds\/runs\/[0-9a-f-]{36}$/);

    const preview = await get(runUrl);
    expect(text(page(preview).querySelector("h1"))).toBe("Check what the file will change");
    expect(counts(preview)).toMatchObject({ create: "12", update: "0", reject: "0", unmatched: "0" });
    const importAll = page(preview).querySelector('button[value="all"]');
    expect(importAll?.hasAttribute("disabled")).toBe(false);
    expect(page(preview).querySelector('button[value="valid_only"]')).toBeNull();
    expect(cellsOf(preview, "changed")).toHaveLength(12);

    const done = await importAs(runUrl, "all");
    expect(done.statusCode).toBe(303);
    const report = await get(runUrl);
    expect(text(page(report).querySelector("h1"))).toBe("File imported");
    expect(text(page(report).querySelector(".govuk-notification-banner"))).toContain("File imported: 12 new");
    expect(page(report).querySelector("form#import")).toBeNull();
    expect((await importAs(runUrl, "all")).statusCode).toBe(400);
  });

  it("shows a bad row's row, column and error, and imports only when asked for the valid rows", async () => {
    const bad: HrRow[] = rows.map((r, i) =>
      i === 1 ? { ...r, FTE: "two" } : i === 4 ? { ...r, "Last name": "Changed" } : r,
    );
    const runUrl = (await upload("people-bad.csv", hrCsv(bad))).headers.location as string;
    const preview = await get(runUrl);
    expect(counts(preview)).toMatchObject({ update: "1", unchanged: "10", reject: "1" });
    expect(cellsOf(preview, "rejected")).toEqual([
      [
        "3",
        rows[1]?.["Employee ID"],
        "FTE",
        "FTE must be a number more than 0 and no more than 1.5, like 0.8",
      ],
    ]);
    expect(page(preview).querySelector('button[value="all"]')?.hasAttribute("disabled")).toBe(true);

    const refused = await importAs(runUrl, "all");
    expect(refused.statusCode).toBe(400);
    expect(text(page(refused).querySelector(".govuk-error-summary"))).toContain("Some rows are rejected");
    const person = await t.database.db
      .selectFrom("people")
      .select("family_name")
      .where("employee_number", "=", rows[4]?.["Employee ID"] as string)
      .executeTakeFirstOrThrow();
    expect(person.family_name).toBe(rows[4]?.["Last name"]);

    expect((await importAs(runUrl, "valid_only")).statusCode).toBe(303);
    const report = await get(runUrl);
    expect(counts(report)).toMatchObject({ update: "1", reject: "1" });
    const csv = await get(`${runUrl}/rejected.csv`);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.body).toContain("Row,Employee ID,Column,Error");
  });

  it("checks and imports a large file in the background, showing progress, while the app keeps answering", async () => {
    // A second source, sending changes only (so the other source's people are not possible leavers).
    await t.app.feeds.saveSource(t.ctx, null, {
      name: "HR bulk load",
      full_extract: false,
      create_new_people: true,
      hr_contact_email: null,
      folder_name: null,
      mapping: defaultMapping(),
    });
    const big = generateHrRows(10_000, 9).map((r) => ({
      ...r,
      "Employee ID": `X${r["Employee ID"]}`,
      "Line manager employee ID": r["Line manager employee ID"] ? `X${r["Line manager employee ID"]}` : "",
      "SWE number": "",
    }));
    const res = await upload("big.csv", hrCsv(big), "HR bulk load");
    const runUrl = res.headers.location as string;
    const waiting = await get(runUrl);
    expect(text(page(waiting).querySelector("h1"))).toBe("Checking the file");
    const status = page(waiting).querySelector('[role="status"]');
    expect(text(status)).toMatch(/^(Waiting to start checking the file|Checked [\d,]+ of about 10,000 rows)/);
    // Without JavaScript, a link checks again; with it, the page polls this and updates the text.
    expect(page(waiting).querySelector(`a[href="${runUrl}"]`)).not.toBeNull();
    const progressUrl = status?.getAttribute("data-progress-url") as string;
    expect((await get(progressUrl)).json()).toMatchObject({ status: "checking", finished: false });

    // While the job checks 10,000 rows, other requests are answered.
    let finished = false;
    const working = t.app.platform.jobs.tick().then(() => {
      finished = true;
    });
    const runId = runUrl.split("/").at(-1) as string;
    for (let i = 0; i < 500 && !finished && !(((await t.run(runId)).progress?.done ?? 0) > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const asked = performance.now();
    const health = await t.app.inject({ url: "/health" });
    expect(health.statusCode).toBe(200);
    expect(finished).toBe(false); // answered mid-way through the rows, not after them
    expect(performance.now() - asked).toBeLessThan(1000);
    const during = await get(runUrl);
    expect(text(page(during).querySelector('[role="status"]'))).toMatch(/rows|Waiting/);
    await working;

    const preview = await get(runUrl);
    expect(counts(preview)).toMatchObject({ create: "10,000", reject: "0" });
    expect(page(preview).querySelector("[data-progress-url]")).toBeNull();
    expect((await get(progressUrl)).json()).toMatchObject({ status: "previewed", finished: true });
    expect((await importAs(runUrl, "all")).statusCode).toBe(303);
    const importing = await get(runUrl);
    expect(text(page(importing).querySelector("h1"))).toBe("Importing the file");
    expect(text(page(importing).querySelector('[role="status"]'))).toBe("Importing 10,000 rows.");
    await t.app.platform.jobs.tick();
    const report = await get(runUrl);
    expect(text(page(report).querySelector("h1"))).toBe("File imported");
    expect(counts(report)).toMatchObject({ create: "10,000" });
  }, 120_000);

  it("matches a queued row to a person from the match queue page", async () => {
    const sources = await t.app.feeds.listSources(t.ctx);
    const source = sources.find((s) => s.name === "HR system");
    if (!source) throw new Error("no source");
    await t.app.feeds.saveSource(t.ctx, source.id, {
      name: source.name,
      full_extract: true,
      create_new_people: false,
      hr_contact_email: source.hr_contact_email,
      folder_name: null,
      mapping: source.column_mapping,
    });
    const kim = await t.app.people.createPerson(t.ctx, { given_name: "Kim", family_name: "Lewis" });
    const newcomer: HrRow = {
      ...(rows[0] as HrRow),
      "Employee ID": "N1",
      "First name": "Kim",
      "Last name": "Lewis",
      "SWE number": "",
    };
    const runUrl = (await upload("with-newcomer.csv", hrCsv([...rows, newcomer]))).headers.location as string;
    expect((await importAs(runUrl, "all")).statusCode).toBe(303);

    const queue = await get("/people/feeds/match-queue");
    const link = page(queue).querySelector("table tbody a[href*='/match-queue/']");
    expect(link).not.toBeNull();
    const itemUrl = link?.getAttribute("href") as string;
    const item = await get(itemUrl);
    expect(text(page(item).querySelector("h1"))).toBe("Who is Kim Lewis?");
    expect(page(item).querySelector(`input[name="decision"][value="${kim}"]`)).not.toBeNull();

    const none = await formPost(t.app, itemUrl, cookie, {});
    expect(none.statusCode).toBe(400);
    expect(page(none).querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#decision");

    expect((await formPost(t.app, itemUrl, cookie, { decision: kim })).statusCode).toBe(303);
    const profile = await t.app.people.profile(t.ctx, kim, { includeEquality: false });
    expect(profile?.sources).toEqual([{ source: "hr", externalId: "N1" }]);
    const after = await get("/people/feeds/match-queue");
    expect(text(page(after).querySelector("main"))).toContain("No rows are waiting to be matched");
  });

  it("confirms a possible leaver with a leaving date and the DfE's reason", async () => {
    const without = rows.filter((_, i) => i !== 7);
    const runUrl = (await upload("without-one.csv", hrCsv(without))).headers.location as string;
    const preview = await get(runUrl);
    expect(counts(preview).possibleLeavers).not.toBe("0");
    expect((await importAs(runUrl, "all")).statusCode).toBe(303);

    const list = await get("/people/feeds/possible-leavers");
    expect(page(list).querySelectorAll("table tbody a[href*='/possible-leavers/']").length).toBeGreaterThan(
      0,
    );
    const flagged = await t.database.db
      .selectFrom("feed_possible_leavers")
      .select("id")
      .where("external_id", "=", rows[7]?.["Employee ID"] as string)
      .where("status", "=", "open")
      .executeTakeFirstOrThrow();
    const itemUrl = `/people/feeds/possible-leavers/${flagged.id}`;
    const item = await get(itemUrl);
    expect(page(item).querySelector("#left_on-day")?.getAttribute("value")).toBe("22");
    expect(page(item).querySelector('#reason_code option[value="10"]')?.hasAttribute("selected")).toBe(true);

    const missing = await formPost(t.app, itemUrl, cookie, {
      decision: "confirm",
      "left_on-day": "",
      "left_on-month": "",
      "left_on-year": "",
      reason_code: "10",
    });
    expect(missing.statusCode).toBe(400);
    expect(page(missing).querySelector(".govuk-error-summary a")?.getAttribute("href")).toBe("#left_on-day");

    const confirmed = await formPost(t.app, itemUrl, cookie, {
      decision: "confirm",
      "left_on-day": "20",
      "left_on-month": "11",
      "left_on-year": "2026",
      reason_code: "1",
    });
    expect(confirmed.statusCode).toBe(303);
    const leaving = await t.database.db
      .selectFrom("leavings")
      .innerJoin("people", "people.id", "leavings.person_id")
      .select(["leavings.left_on", "leavings.reason_code"])
      .where("people.employee_number", "=", rows[7]?.["Employee ID"] as string)
      .executeTakeFirstOrThrow();
    expect(leaving).toEqual({ left_on: "2026-11-20", reason_code: 1 });
  });
});
